import dataclasses
import datetime as dt
import io
import shutil
import subprocess

import pytest
from docx import Document

from ungxu.core.nd30 import (
    MOTTO,
    NATIONAL_TITLE,
    DocumentError,
    Heading,
    Paragraph,
    Signer,
    Table,
    render_docx,
    render_pdf,
    vn_date_line,
)
from ungxu.core.nd30.document import balanced_split
from ungxu.core.nd30.examples import sample_cong_van, sample_report


def docx_text(data: bytes) -> tuple[object, str]:
    """The document and all its text (body paragraphs and every table cell) in order."""
    document = Document(io.BytesIO(data))
    parts: list[str] = []
    body = document.element.body
    for element in body.iter():
        if element.tag.endswith("}p"):
            text = "".join(
                (t.text or "") if t.tag.endswith("}t") else " "
                for t in element.iter()
                if t.tag.endswith(("}t", "}br"))
            )
            if text:
                parts.append(text)
    return document, "\n".join(parts)


@pytest.fixture(scope="module")
def report_docx() -> bytes:
    return render_docx(sample_report())


def test_the_date_line_pads_days_and_only_january_and_february():
    assert vn_date_line("Ninh Bình", dt.date(2026, 1, 5)) == "Ninh Bình, ngày 05 tháng 01 năm 2026"
    assert vn_date_line("Hà Nội", dt.date(2026, 2, 28)) == "Hà Nội, ngày 28 tháng 02 năm 2026"
    assert vn_date_line("Hà Nội", dt.date(2026, 3, 15)) == "Hà Nội, ngày 15 tháng 3 năm 2026"
    assert vn_date_line("Huế", dt.date(2026, 12, 1)) == "Huế, ngày 01 tháng 12 năm 2026"


def test_a_draft_without_date_or_number_leaves_blanks_to_fill_in():
    draft = dataclasses.replace(sample_report(), number=None, date=None)
    assert draft.number_line().startswith("Số: ") and draft.number_line().endswith("/BC-SNN")
    assert "ngày      tháng" in draft.date_line()


def test_the_report_docx_has_all_nine_mandatory_parts(report_docx):
    _, text = docx_text(report_docx)
    for part in (
        NATIONAL_TITLE,
        MOTTO,
        "UBND TỈNH NINH BÌNH",  # parent body
        "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",  # issuing body (split over two lines)
        "Số: 05/BC-SNN",
        "Ninh Bình, ngày 05 tháng 01 năm 2026",
        "BÁO CÁO",
        "Kết quả thực hiện Bộ Quy tắc ứng xử trên mạng xã hội năm 2025",
        "I. CÔNG TÁC CHỈ ĐẠO, PHỔ BIẾN",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "(Đã ký)",
        "Nguyễn Văn Thành",
        "Nơi nhận:",
    ):
        assert part in text, part
    nơi_nhận = text[text.index("Nơi nhận:") :].splitlines()
    assert nơi_nhận[1] == "- UBND tỉnh (để b/c);"
    assert "- Lưu: VT, VP." in nơi_nhận


def test_headings_are_numbered_roman_arabic_then_letters_restarting_under_each_parent(report_docx):
    _, text = docx_text(report_docx)
    lines = text.splitlines()
    assert "II. KẾT QUẢ THỰC HIỆN" in lines
    assert "1. Phổ biến và xác nhận đã đọc" in lines
    assert "3. Tiếp nhận và xử lý thông tin vi phạm" in lines
    assert any(line.startswith("a) Số tài khoản") for line in lines)
    assert any(line.startswith("b) An toàn tài khoản") for line in lines)
    assert "V. ĐỀ XUẤT, KIẾN NGHỊ" in lines


def test_the_page_is_a4_portrait_with_the_nd30_margins_and_times_new_roman(report_docx):
    document, _ = docx_text(report_docx)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm, 1) for m in margins] == [20, 20, 30, 15]
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size.pt == 14
    fonts = {run.font.name for p in document.paragraphs for run in p.runs if run.text}
    assert fonts == {"Times New Roman"}


def test_the_body_is_justified_with_a_first_line_indent(report_docx):
    document, _ = docx_text(report_docx)
    para = next(p for p in document.paragraphs if p.text.startswith("Sở đã ban hành"))
    assert para.alignment == 3  # WD_ALIGN_PARAGRAPH.JUSTIFY
    assert 1.0 <= para.paragraph_format.first_line_indent.cm <= 1.27
    assert para.runs[0].font.size.pt in (13, 14)


def test_header_parts_sit_in_a_two_column_table_with_the_right_emphasis(report_docx):
    document, _ = docx_text(report_docx)
    left, right = document.tables[0].rows[0].cells
    parent, body = left.paragraphs[0], left.paragraphs[1]
    assert parent.text == "UBND TỈNH NINH BÌNH" and not parent.runs[0].font.bold
    assert body.runs[0].font.bold
    title, motto = right.paragraphs[0], right.paragraphs[1]
    assert title.text == NATIONAL_TITLE and title.runs[0].font.bold
    assert motto.text == MOTTO and motto.runs[0].font.bold
    date = next(p for p in right.paragraphs if p.text.startswith("Ninh Bình, ngày"))
    assert date.runs[0].font.italic


def test_the_recipients_block_is_smaller_than_the_body(report_docx):
    document, _ = docx_text(report_docx)
    left = document.tables[-2].rows[0].cells[0]  # signature table; the last one is the annex grid
    label, *lines = left.paragraphs
    assert label.text == "Nơi nhận:" and label.runs[0].font.size.pt == 12
    assert label.runs[0].font.bold and label.runs[0].font.italic
    assert {line.runs[0].font.size.pt for line in lines} == {11}


def test_the_annex_table_keeps_its_vietnamese_text(report_docx):
    document, text = docx_text(report_docx)
    assert "PHỤ LỤC" in text and "(Kèm theo Báo cáo số 05/BC-SNN ngày 05/01/2026)" in text
    grid = document.tables[-1]
    assert [c.text for c in grid.rows[0].cells] == ["STT", "Loại vi phạm", "Số mục", "Đã xử lý"]
    assert grid.rows[4].cells[1].text == "Lộ lọt dữ liệu cá nhân"


def test_a_cong_van_has_no_type_heading_and_a_v_v_summary_under_the_number():
    document, text = docx_text(render_docx(sample_cong_van()))
    assert "CÔNG VĂN" not in text
    left = document.tables[0].rows[0].cells[0]
    lines = [p.text.replace("\n", " ") for p in left.paragraphs]
    assert lines[-2:] == ["Số: 12/SNN-VP", "V/v thông báo trang mạng xã hội giả mạo Sở"]
    assert "Kính gửi:" in text and "- Công an tỉnh (Phòng An ninh mạng);" in text
    assert "GIÁM ĐỐC" in text and "ngày 09 tháng 3 năm 2026" in text


def test_a_single_recipient_goes_on_the_kinh_gui_line():
    doc = dataclasses.replace(sample_cong_van(), recipients=["Ủy ban nhân dân tỉnh"])
    _, text = docx_text(render_docx(doc))
    assert "Kính gửi: Ủy ban nhân dân tỉnh" in text


def test_the_archive_line_is_always_last_and_never_doubled():
    doc = dataclasses.replace(
        sample_cong_van(), distribution=["- Lưu: VT.", "Như trên;"], archive="Lưu: VT, VP"
    )
    assert doc.distribution_lines() == ["- Như trên;", "- Lưu: VT, VP."]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"code": "bc-snn"}, "Ký hiệu văn bản"),
        ({"recipients": []}, "Kính gửi"),
        ({"body": []}, "body"),
        ({"signer": Signer(name="A", title="Phó Giám đốc", authority="KT.")}, "on_behalf_of"),
        ({"signer": Signer(name="A", title="B", authority="XYZ.")}, "Thẩm quyền ký"),
        ({"body": [Table(headers=["a", "b"], rows=[["1"]])]}, "dòng 1: có 1 ô, cần 2 ô"),
        ({"body": [Heading("x", level=4)]}, "cấp 4"),
        ({"number": 0}, "Số văn bản"),
    ],
)
def test_invalid_documents_are_refused_with_a_vietnamese_reason(change, message):
    with pytest.raises(DocumentError, match=message):
        dataclasses.replace(sample_cong_van(), **change)


def test_signer_lines_follow_the_authority():
    assert Signer("A", "Chủ tịch", "TM.", "Ủy ban nhân dân").lines() == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    ]
    assert Signer("A", "Giám đốc", "Q.").lines() == ["Q. GIÁM ĐỐC"]
    assert Signer("A", "Chánh Văn phòng", "TL.", "Giám đốc").lines() == [
        "TL. GIÁM ĐỐC",
        "CHÁNH VĂN PHÒNG",
    ]


def test_long_names_split_into_two_even_lines():
    assert balanced_split("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", len, 20) == [
        "SỞ NÔNG NGHIỆP",
        "VÀ MÔI TRƯỜNG",
    ]
    assert balanced_split("SỞ TƯ PHÁP", len, 20) == ["SỞ TƯ PHÁP"]


def test_hostile_text_does_not_break_the_renderers():
    doc = dataclasses.replace(
        sample_cong_van(),
        summary="<b>thẻ</b> & ký tự đặc biệt",
        body=[Paragraph("a < b & c > d \u200b " + "rất dài " * 400), Paragraph("")],
    )
    assert render_docx(doc)[:2] == b"PK"
    assert render_pdf(doc).startswith(b"%PDF")


def test_the_pdf_is_a_pdf_with_embedded_vietnamese_text():
    data = render_pdf(sample_report())
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert b"/FontFile2" in data  # an embedded TrueType font, not a base-14 one
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed: text not checked")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")
    for part in (
        NATIONAL_TITLE,
        "Số: 05/BC-SNN",
        "ngày 05 tháng 01 năm 2026",
        "KT. GIÁM ĐỐC",
        "Nguyễn Văn Thành",
        "- Lưu: VT, VP.",
        "Lộ lọt dữ liệu cá nhân",
    ):
        assert part in text, part
