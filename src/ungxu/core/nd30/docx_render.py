"""OfficialDocument → DOCX bytes (python-docx), laid out as ND30 Phụ lục I asks.

A4 portrait, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman throughout. The
header is a borderless two-column table (issuing body | national title); the short rules under the
issuing body, the motto and the summary are empty paragraphs with a bottom border whose indents
give the rule its length, because Word has no simpler way to draw a centred line that survives
editing. Page numbers sit centred in the top margin from page 2 on.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from .document import (
    MOTTO,
    NATIONAL_TITLE,
    Annex,
    Block,
    Heading,
    OfficialDocument,
    Paragraph,
    Table,
    balanced_split,
    number_blocks,
)

FONT = "Times New Roman"
BODY_PT = 14
HEADER_PT = 13
TITLE_PT = 12  # the national title in upper case must fit one line of the right column
PAGE_WIDTH_MM = 210
LEFT_MM, RIGHT_MM, TOP_MM, BOTTOM_MM = 30, 15, 20, 20
TEXT_CM = (PAGE_WIDTH_MM - LEFT_MM - RIGHT_MM) / 10  # 16.5 cm
HEADER_LEFT_CM, HEADER_RIGHT_CM = 6.5, TEXT_CM - 6.5
SIGN_LEFT_CM, SIGN_RIGHT_CM = 8.0, TEXT_CM - 8.0
FIRST_LINE_CM = 1.27
PT_CM = 2.54 / 72

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}

Container = _Cell | DocxDocument  # both have .paragraphs and .add_paragraph()


def render_docx(doc: OfficialDocument) -> bytes:
    document = Document()
    _page_setup(document)
    _default_font(document)
    _header(document, doc)
    _title(document, doc)
    _body(document, number_blocks(doc.body))
    _signature(document, doc)
    for index, annex in enumerate(doc.annexes, start=1):
        _annex(document, doc, annex, index)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- page and styles ---------------------------------------------------------------------------


def _page_setup(document: DocxDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(LEFT_MM), Mm(RIGHT_MM)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, "PAGE", size=BODY_PT - 1)


def _default_font(document: DocxDocument) -> None:
    for name in ("Normal", "Table Grid"):
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(BODY_PT)
        r_pr = style.element.get_or_add_rPr()
        fonts = r_pr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            r_pr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)


def _field(paragraph: DocxParagraph, instruction: str, *, size: float) -> None:
    run = paragraph.add_run()
    _font(run, size)
    for kind, text in (("begin", None), (None, instruction), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        run._r.append(element)


# --- building blocks ---------------------------------------------------------------------------


def _font(run: Run, size: float, bold: bool = False, italic: bool = False) -> None:
    font = run.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    r_pr = run._r.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is not None:
        fonts.set(qn("w:eastAsia"), FONT)
        fonts.set(qn("w:cs"), FONT)


def _para(
    container: Container,
    text: str = "",
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: str = "center",
    first_line: float | None = None,
    before: float = 0,
    after: float = 0,
    line: float = 1.0,
    reuse_first: bool = False,
) -> DocxParagraph:
    """A paragraph with one run; ``reuse_first`` fills the empty paragraph a new cell starts with."""
    paragraphs = container.paragraphs
    if reuse_first and paragraphs and not paragraphs[0].text:
        paragraph = paragraphs[0]
    else:
        paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    paragraph.alignment = _ALIGN[align]
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = line
    if first_line is not None:
        fmt.first_line_indent = Cm(first_line)
    if text:
        _font(paragraph.add_run(text), size, bold, italic)
    return paragraph


def _estimate_cm(text: str, size_pt: float, em_per_char: float) -> float:
    """Rough printed width; python-docx cannot measure text, and an estimate is enough to
    decide where a long name should break."""
    return len(text) * size_pt * em_per_char * PT_CM


def _lines(
    container: Container,
    lines: Sequence[str],
    *,
    size: float,
    bold: bool = False,
    before: float = 0,
    reuse_first: bool = False,
) -> DocxParagraph:
    """One centred paragraph with a manual line break between ``lines``."""
    paragraph = _para(
        container, lines[0], size=size, bold=bold, before=before, reuse_first=reuse_first
    )
    for line in lines[1:]:
        run = paragraph.add_run()
        run.add_break()
        _font(run, size, bold=bold)
        run.add_text(line)
    return paragraph


def _rule(container: Container, width_cm: float, box_cm: float, *, after: float = 0) -> None:
    """A centred horizontal line ``width_cm`` long inside a box ``box_cm`` wide."""
    paragraph = _para(container, size=2, before=2, after=after)
    side = max((box_cm - width_cm) / 2, 0)
    paragraph.paragraph_format.left_indent = Cm(side)
    paragraph.paragraph_format.right_indent = Cm(side)
    paragraph.paragraph_format.line_spacing = Pt(2)
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)


def _grid(
    document: DocxDocument, widths: list[float], *, rows: int = 1, borders: bool = False
) -> DocxTable:
    table: DocxTable = document.add_table(rows=rows, cols=len(widths))
    if borders:
        table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # Word reads each cell's width, LibreOffice the grid's column widths: set both.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    return table


# --- parts -------------------------------------------------------------------------------------


def _header(document: DocxDocument, doc: OfficialDocument) -> None:
    left, right = _grid(document, [HEADER_LEFT_CM, HEADER_RIGHT_CM]).rows[0].cells
    first = True
    if doc.parent_body:
        _para(left, doc.parent_body.upper(), size=HEADER_PT, reuse_first=True)
        first = False
    # Times New Roman bold capitals average about 0.7 em: enough to split long names evenly.
    lines = balanced_split(
        doc.issuing_body.upper(), lambda t: _estimate_cm(t, HEADER_PT, 0.7), HEADER_LEFT_CM - 0.2
    )
    _lines(left, lines, size=HEADER_PT, bold=True, reuse_first=first)
    longest = max(_estimate_cm(line, HEADER_PT, 0.7) for line in lines)
    _rule(left, min(longest, HEADER_LEFT_CM) * 0.4, HEADER_LEFT_CM, after=4)
    _para(left, doc.number_line(), size=HEADER_PT)
    if doc.is_cong_van:
        # Regular lower-case Times averages about 0.45 em per character.
        summary = balanced_split(
            doc.summary_line(), lambda t: _estimate_cm(t, 12, 0.45), HEADER_LEFT_CM - 0.4
        )
        _lines(left, summary, size=12, before=2)

    _para(right, NATIONAL_TITLE, size=TITLE_PT, bold=True, reuse_first=True)
    _para(right, MOTTO, size=HEADER_PT + 1, bold=True)
    _rule(right, 6.2, HEADER_RIGHT_CM, after=6)
    _para(right, doc.date_line(), size=HEADER_PT + 1, italic=True)


def _title(document: DocxDocument, doc: OfficialDocument) -> None:
    if not doc.is_cong_van:
        _para(document, doc.doc_type.upper(), size=BODY_PT, bold=True, before=18)
        _para(document, doc.summary_line(), size=BODY_PT, bold=True)
        _rule(document, 3.5, TEXT_CM, after=6)
    if doc.recipients:
        _recipients(document, doc.recipients)
    _para(document, after=6)


def _recipients(document: DocxDocument, recipients: Sequence[str]) -> None:
    names = list(recipients)
    if len(names) == 1:
        _para(document, f"Kính gửi: {names[0]}", before=12)
        return
    paragraph = _para(document, "Kính gửi:", before=12)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    paragraph.paragraph_format.left_indent = Cm(4.0)
    for name in names:
        line = _para(document, f"- {name};", align="left")
        line.paragraph_format.left_indent = Cm(6.0)


def _body(document: DocxDocument, blocks: list[tuple[Block, str | None]]) -> None:
    for block, number in blocks:
        if isinstance(block, Heading):
            text = f"{number} {block.text}" if number else block.text
            _para(
                document,
                text,
                bold=block.level <= 2,
                italic=block.level == 3,
                align="justify",
                first_line=FIRST_LINE_CM,
                before=6,
                after=6,
                line=1.15,
            )
        elif isinstance(block, Paragraph):
            _para(
                document,
                block.text,
                bold=block.bold,
                italic=block.italic,
                align="justify",
                first_line=FIRST_LINE_CM if block.indent else 0,
                after=6,
                line=1.15,
            )
        elif isinstance(block, Table):
            _table(document, block)


def _table(document: DocxDocument, table: Table) -> None:
    if table.title:
        _para(document, table.title, bold=True, before=6, after=6)
    weights = list(table.widths or [1.0] * len(table.headers))
    total = sum(weights) or 1.0
    widths = [TEXT_CM * w / total for w in weights]
    grid = _grid(document, widths, rows=1 + len(table.rows), borders=True)
    for cell, text in zip(grid.rows[0].cells, table.headers, strict=True):
        _para(cell, text, size=13, bold=True, reuse_first=True)
    for row, values in zip(grid.rows[1:], table.rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            numeric = text.replace(".", "").replace(",", "").replace("%", "").strip().isdigit()
            _para(cell, text, size=13, align="center" if numeric else "left", reuse_first=True)
    if table.note:
        _para(document, table.note, size=12, italic=True, align="left", before=4)
    _para(document, after=6)


def _signature(document: DocxDocument, doc: OfficialDocument) -> None:
    left, right = _grid(document, [SIGN_LEFT_CM, SIGN_RIGHT_CM]).rows[0].cells
    label = _para(
        left, "Nơi nhận:", size=12, bold=True, italic=True, align="left", reuse_first=True, before=6
    )
    label.paragraph_format.keep_with_next = True
    for line in doc.distribution_lines():
        _para(left, line, size=11, align="left")

    signer = doc.signer
    first = True
    for line in signer.lines():
        _para(right, line, bold=True, reuse_first=first, before=6 if first else 0)
        first = False
    _para(right, signer.placeholder, italic=True, size=BODY_PT - 1, before=24)
    _para(right, signer.name, bold=True, before=36)


def _annex(document: DocxDocument, doc: OfficialDocument, annex: Annex, index: int) -> None:
    opener = _para(document)
    opener.add_run().add_break(WD_BREAK.PAGE)
    _para(document, doc.annex_label(index), bold=True)
    _para(document, annex.title.upper(), bold=True, before=2)
    _para(document, doc.annex_subtitle(annex), italic=True, size=BODY_PT - 1, before=2)
    _rule(document, 3.5, TEXT_CM, after=10)
    _body(document, number_blocks(annex.blocks))
