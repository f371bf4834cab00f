"""OfficialDocument → PDF bytes (reportlab), the same layout as the DOCX.

PDF needs an embedded TrueType font that has every Vietnamese glyph. Times New Roman is not free,
so the first installed family that covers Vietnamese is used, in this order: Liberation Serif 2
(Times metrics; Debian ``fonts-liberation2``), FreeSerif (``fonts-freefont-ttf``), Liberation
Serif 1 (usually lacks ơ/ư and is skipped by the coverage check), DejaVu Serif
(``fonts-dejavu-core``). ``UNGXU_PDF_FONT_DIR`` may name a directory holding
``Regular.ttf``, ``Bold.ttf``, ``Italic.ttf`` and ``BoldItalic.ttf`` of another family; it is
tried first. Without any, :class:`FontUnavailableError` says what to install.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable
from reportlab.platypus.flowables import HRFlowable

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

# Letters a Vietnamese text may use beyond ASCII; a font must have all of them.
VIETNAMESE_SAMPLE = "ĂÂĐÊÔƠƯăâđêôơư" + "".join(chr(c) for c in range(0x1EA0, 0x1EFA))
_STYLES = ("Regular", "Bold", "Italic", "BoldItalic")
_CANDIDATES: tuple[tuple[str, str, tuple[str, str, str, str]], ...] = (
    (
        "LiberationSerif2",
        "/usr/share/fonts/truetype/liberation2",
        (
            "LiberationSerif-Regular.ttf",
            "LiberationSerif-Bold.ttf",
            "LiberationSerif-Italic.ttf",
            "LiberationSerif-BoldItalic.ttf",
        ),
    ),
    (
        "FreeSerif",
        "/usr/share/fonts/truetype/freefont",
        ("FreeSerif.ttf", "FreeSerifBold.ttf", "FreeSerifItalic.ttf", "FreeSerifBoldItalic.ttf"),
    ),
    (
        "LiberationSerif",
        "/usr/share/fonts/truetype/liberation",
        (
            "LiberationSerif-Regular.ttf",
            "LiberationSerif-Bold.ttf",
            "LiberationSerif-Italic.ttf",
            "LiberationSerif-BoldItalic.ttf",
        ),
    ),
    (
        "DejaVuSerif",
        "/usr/share/fonts/truetype/dejavu",
        (
            "DejaVuSerif.ttf",
            "DejaVuSerif-Bold.ttf",
            "DejaVuSerif-Italic.ttf",
            "DejaVuSerif-BoldItalic.ttf",
        ),
    ),
)

BODY_PT = 14
TEXT_W = A4[0] - 30 * mm - 15 * mm


class FontUnavailableError(RuntimeError):
    pass


@dataclass(frozen=True)
class FontSet:
    family: str  # registered reportlab names are f"{family}-{style}"

    def name(self, bold: bool = False, italic: bool = False) -> str:
        style = (
            "BoldItalic"
            if bold and italic
            else "Bold"
            if bold
            else "Italic"
            if italic
            else "Regular"
        )
        return f"{self.family}-{style}"


def vietnamese_font() -> FontSet:
    """The first installed serif family covering Vietnamese, registered with reportlab."""
    return _register(os.environ.get("UNGXU_PDF_FONT_DIR", ""))


@lru_cache(maxsize=4)
def _register(custom_dir: str) -> FontSet:
    candidates = list(_CANDIDATES)
    if custom_dir:
        files = tuple(f"{style}.ttf" for style in _STYLES)
        candidates.insert(0, ("UngxuCustomSerif", custom_dir, files))  # type: ignore[arg-type]
    for family, folder, files in candidates:
        paths = [Path(folder) / name for name in files]
        if not all(p.is_file() for p in paths):
            continue
        try:
            fonts = [
                TTFont(f"{family}-{style}", str(p)) for style, p in zip(_STYLES, paths, strict=True)
            ]
        except TTFError:
            continue
        if not all(_covers(font) for font in fonts):
            continue
        for font in fonts:
            pdfmetrics.registerFont(font)
        pdfmetrics.registerFontFamily(
            family,
            normal=f"{family}-Regular",
            bold=f"{family}-Bold",
            italic=f"{family}-Italic",
            boldItalic=f"{family}-BoldItalic",
        )
        return FontSet(family)
    raise FontUnavailableError(
        "Không tìm thấy phông chữ có đủ dấu tiếng Việt để xuất PDF. Hãy cài gói "
        "fonts-dejavu-core (hoặc fonts-liberation2), hoặc đặt UNGXU_PDF_FONT_DIR."
    )


def _covers(font: TTFont) -> bool:
    glyphs = font.face.charToGlyph
    return all(ord(ch) in glyphs for ch in VIETNAMESE_SAMPLE)


class _Styles:
    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts

    def __call__(
        self,
        size: float = BODY_PT,
        *,
        bold: bool = False,
        italic: bool = False,
        align: int = TA_CENTER,
        first_line: float = 0,
        left: float = 0,
        before: float = 0,
        after: float = 0,
        leading: float = 1.2,
    ) -> ParagraphStyle:
        return ParagraphStyle(
            name=f"s{size}{bold}{italic}{align}{first_line}{left}",
            fontName=self.fonts.name(bold, italic),
            fontSize=size,
            leading=size * leading,
            alignment=align,
            firstLineIndent=first_line,
            leftIndent=left,
            spaceBefore=before,
            spaceAfter=after,
            textColor=colors.black,
        )


def render_pdf(doc: OfficialDocument) -> bytes:
    fonts = vietnamese_font()
    style = _Styles(fonts)
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=30 * mm,
        rightMargin=15 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=f"{doc.doc_type} {doc.number_line()}",
        author=doc.issuing_body,
        subject=doc.summary_line(),
        creator="ungxu",
    )
    story: list[Flowable] = []
    story.append(_header(doc, style))
    story.extend(_title(doc, style))
    story.extend(_blocks(number_blocks(doc.body), style))
    story.append(_signature(doc, style))
    for index, annex in enumerate(doc.annexes, start=1):
        story.extend(_annex(doc, annex, index, style))

    def page_number(canvas: Canvas, _template: object) -> None:
        canvas.setFont(fonts.name(), BODY_PT - 1)
        canvas.drawCentredString(30 * mm + TEXT_W / 2, A4[1] - 12 * mm, str(canvas.getPageNumber()))

    template.build(story, onLaterPages=page_number)
    return buffer.getvalue()


def _p(text: str, style: ParagraphStyle) -> RLParagraph:
    return RLParagraph(escape(text), style)


def _rule(width: float, before: float = 4, after: float = 4) -> HRFlowable:
    return HRFlowable(
        width=width,
        thickness=0.6,
        color=colors.black,
        spaceBefore=before,
        spaceAfter=after,
        hAlign="CENTER",
    )


def _plain_table(rows: list[list[object]], widths: Sequence[float]) -> RLTable:
    table = RLTable(rows, colWidths=list(widths))
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                # Cells place flowables by this, not by their hAlign: centres the short rules.
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


HEADER_LEFT = 62 * mm
HEADER_RIGHT = TEXT_W - HEADER_LEFT


def _fit(text: str, font: str, size: float, smallest: float, width: float) -> float:
    """The largest size from ``size`` down to ``smallest`` at which ``text`` fits on one line.

    Fonts wider than Times (DejaVu) would otherwise wrap the national title; when even the
    smallest size does not fit, the text wraps at that size, as long agency names do on paper.
    """
    while size > smallest and pdfmetrics.stringWidth(text, font, size) > width - 2:
        size -= 0.5
    return size


def _header(doc: OfficialDocument, s: _Styles) -> RLTable:
    bold = s.fonts.name(bold=True)
    left: list[Flowable] = []
    if doc.parent_body:
        parent = doc.parent_body.upper()
        left.append(_p(parent, s(_fit(parent, s.fonts.name(), 13, 11, HEADER_LEFT))))
    body = doc.issuing_body.upper()
    # Split a long name into two even lines first; shrink only if a line still does not fit.
    lines = balanced_split(body, lambda t: pdfmetrics.stringWidth(t, bold, 13), HEADER_LEFT - 2)
    body_size = min(_fit(line, bold, 13, 11, HEADER_LEFT) for line in lines)
    left.append(RLParagraph("<br/>".join(escape(line) for line in lines), s(body_size, bold=True)))
    # ND30: a rule a third to a half as long as the line above it.
    body_width = min(max(pdfmetrics.stringWidth(t, bold, body_size) for t in lines), HEADER_LEFT)
    left.append(_rule(body_width * 0.4))
    left.append(_p(doc.number_line(), s(13)))
    if doc.is_cong_van:
        regular = s.fonts.name()
        summary = balanced_split(
            doc.summary_line(), lambda t: pdfmetrics.stringWidth(t, regular, 12), HEADER_LEFT - 4
        )
        left.append(RLParagraph("<br/>".join(escape(line) for line in summary), s(12, before=2)))
    title_size = _fit(NATIONAL_TITLE, bold, 12, 10, HEADER_RIGHT)
    motto_size = _fit(MOTTO, bold, 14, 12, HEADER_RIGHT)
    right: list[Flowable] = [
        _p(NATIONAL_TITLE, s(title_size, bold=True)),
        _p(MOTTO, s(motto_size, bold=True)),
        # The rule under the motto is exactly as long as the motto.
        _rule(pdfmetrics.stringWidth(MOTTO, bold, motto_size), after=6),
        _p(
            doc.date_line(),
            s(_fit(doc.date_line(), s.fonts.name(italic=True), 14, 12, HEADER_RIGHT), italic=True),
        ),
    ]
    return _plain_table([[left, right]], [HEADER_LEFT, HEADER_RIGHT])


def _title(doc: OfficialDocument, s: _Styles) -> list[Flowable]:
    out: list[Flowable] = []
    if not doc.is_cong_van:
        out.append(_p(doc.doc_type.upper(), s(bold=True, before=18)))
        out.append(_p(doc.summary_line(), s(bold=True)))
        out.append(_rule(35 * mm, after=6))
    if doc.recipients:
        names = list(doc.recipients)
        if len(names) == 1:
            out.append(_p(f"Kính gửi: {names[0]}", s(before=12)))
        else:
            out.append(_p("Kính gửi:", s(align=TA_LEFT, left=4 * cm, before=12)))
            out.extend(_p(f"- {name};", s(align=TA_LEFT, left=6 * cm)) for name in names)
    out.append(Spacer(1, 10))
    return out


def _blocks(blocks: list[tuple[Block, str | None]], s: _Styles) -> list[Flowable]:
    out: list[Flowable] = []
    for block, number in blocks:
        if isinstance(block, Heading):
            text = f"{number} {block.text}" if number else block.text
            out.append(
                _p(
                    text,
                    s(
                        bold=block.level <= 2,
                        italic=block.level == 3,
                        align=TA_JUSTIFY,
                        first_line=1.27 * cm,
                        before=6,
                        after=6,
                        leading=1.3,
                    ),
                )
            )
        elif isinstance(block, Paragraph):
            out.append(
                _p(
                    block.text,
                    s(
                        bold=block.bold,
                        italic=block.italic,
                        align=TA_JUSTIFY,
                        first_line=1.27 * cm if block.indent else 0,
                        after=6,
                        leading=1.3,
                    ),
                )
            )
        elif isinstance(block, Table):
            out.extend(_grid(block, s))
    return out


def _grid(table: Table, s: _Styles) -> list[Flowable]:
    out: list[Flowable] = []
    if table.title:
        out.append(_p(table.title, s(bold=True, before=6, after=6)))
    weights = list(table.widths or [1.0] * len(table.headers))
    total = sum(weights) or 1.0
    widths = [TEXT_W * w / total for w in weights]
    rows: list[list[object]] = [[_p(h, s(12, bold=True)) for h in table.headers]]
    for values in table.rows:
        row: list[object] = []
        for text in values:
            numeric = text.replace(".", "").replace(",", "").replace("%", "").strip().isdigit()
            row.append(_p(text, s(12, align=TA_CENTER if numeric else TA_LEFT)))
        rows.append(row)
    grid = RLTable(rows, colWidths=widths, repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    out.append(grid)
    if table.note:
        out.append(_p(table.note, s(12, italic=True, align=TA_LEFT, before=4)))
    out.append(Spacer(1, 8))
    return out


def _signature(doc: OfficialDocument, s: _Styles) -> KeepTogether:
    left: list[Flowable] = [_p("Nơi nhận:", s(12, bold=True, italic=True, align=TA_LEFT))]
    left.extend(_p(line, s(11, align=TA_LEFT)) for line in doc.distribution_lines())
    right: list[Flowable] = [_p(line, s(bold=True)) for line in doc.signer.lines()]
    right.append(_p(doc.signer.placeholder, s(13, italic=True, before=24)))
    right.append(_p(doc.signer.name, s(bold=True, before=36)))
    table = _plain_table([[left, right]], [80 * mm, TEXT_W - 80 * mm])
    return KeepTogether([Spacer(1, 6), table])


def _annex(doc: OfficialDocument, annex: Annex, index: int, s: _Styles) -> list[Flowable]:
    out: list[Flowable] = [
        PageBreak(),
        _p(doc.annex_label(index), s(bold=True)),
        _p(annex.title.upper(), s(bold=True, before=2)),
        _p(doc.annex_subtitle(annex), s(13, italic=True, before=2)),
        _rule(35 * mm, before=8, after=10),
    ]
    out.extend(_blocks(number_blocks(annex.blocks), s))
    return out
