"""Notices from an incident: the ND30 công văn DOCX, the platform report, the screened post."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.exceptions import ValidationError

from ungxu.socials import notices
from ungxu.socials.incidents import open_impersonation
from ungxu.socials.models import NoticeKind
from ungxu.socials.tests.factories import make_account


@pytest.fixture
def incident(world):
    official = make_account(
        world.unit_a, name="Phòng A Sở Thử nghiệm", url="https://facebook.com/phongathunghiem"
    )
    return open_impersonation(
        official=official,
        impostor_name="Phong A So Thu Nghiem - Chính thức",
        impostor_url="https://facebook.com/phonga.thunghiem.official",
        score=0.92,
        reasons=["bỏ dấu"],
    )


def test_the_cong_van_docx_opens_and_contains_the_mandatory_parts(incident):
    notice = notices.get_or_draft(incident, NoticeKind.CONG_VAN)
    notice.place = "Ninh Bình"
    notice.number = 7
    notice.signer_name = "Trần Thị Hương"
    notice.signer_title = "Trưởng phòng"
    notice.save()
    document = docx.Document(io.BytesIO(notices.cong_van_docx(notice)))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]
    text = " ".join("\n".join(texts).split())  # header cells wrap long lines
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "SỞ THỬ NGHIỆM" in text and "PHÒNG A" in text  # parent and issuing body
    assert "Số: 07/PA-VP" in text
    assert "Ninh Bình, ngày" in text
    assert "V/v thông báo tài khoản mạng xã hội giả mạo" in text
    assert "Kính gửi" in text and "Công an tỉnh" in text
    assert "phonga.thunghiem.official" in text  # body names the impostor
    assert "Nơi nhận" in text and "Lưu: VT" in text
    assert "TRƯỞNG PHÒNG" in text and "Trần Thị Hương" in text


def test_a_cong_van_without_place_or_signer_is_refused_in_vietnamese(incident):
    notice = notices.get_or_draft(incident, NoticeKind.CONG_VAN)
    with pytest.raises(ValidationError) as caught:
        notices.cong_van(notice)
    assert "địa danh" in caught.value.messages[0] and "người ký" in caught.value.messages[0]


def test_the_platform_report_names_the_impostor_and_the_official_account(incident):
    notice = notices.get_or_draft(incident, NoticeKind.PLATFORM_REPORT)
    assert "phonga.thunghiem.official" in notice.body
    assert "facebook.com/phongathunghiem" in notice.body


def test_the_public_warning_post_is_screened_and_rescreened_after_editing(incident):
    notice = notices.get_or_draft(incident, NoticeKind.PUBLIC_POST)
    assert notice.screening.get("verdict") in {"allow", "review", "block"}
    notice.body += "\nLiên hệ 0912345678, số CCCD 001203004567 để được hỗ trợ."
    notice.save()
    notices.screen_if_post(notice)
    notice.refresh_from_db()
    assert notice.screening["findings"]


def test_a_drafted_notice_is_kept_and_not_redrafted(incident):
    first = notices.get_or_draft(incident, NoticeKind.PLATFORM_REPORT)
    first.body = "Đã sửa tay"
    first.save()
    assert notices.get_or_draft(incident, NoticeKind.PLATFORM_REPORT).body == "Đã sửa tay"


def test_a_hijack_warning_never_sends_people_to_the_hijacked_page(world):
    from ungxu.socials.incidents import open_incident

    lost = make_account(world.unit_a, name="Trang A", url="https://facebook.com/trangathunghiem")
    other = make_account(
        world.unit_a,
        name="Kênh A",
        url="https://www.youtube.com/@kenhathunghiem",
        platform="youtube",
    )
    incident = open_incident(
        organisation=world.unit_a, kind="hijack", title="Mất trang", account=lost
    )
    lost.refresh_from_db()
    assert lost.status == "compromised"
    post = notices.get_or_draft(incident, NoticeKind.PUBLIC_POST)
    channels = post.body.splitlines()[1]
    assert other.url in channels and lost.url not in channels
    assert post.screening["verdict"] == "allow"


def test_the_cong_van_is_also_offered_as_a_pdf(incident):
    from ungxu.core.nd30 import FontUnavailableError, vietnamese_font

    try:
        vietnamese_font()
    except FontUnavailableError:
        pytest.skip("Máy chưa có phông chữ tiếng Việt cho PDF.")
    notice = notices.get_or_draft(incident, NoticeKind.CONG_VAN)
    notice.place, notice.signer_name, notice.signer_title = (
        "Ninh Bình",
        "Trần Hương",
        "Trưởng phòng",
    )
    notice.save()
    assert notices.cong_van_pdf(notice).startswith(b"%PDF-")
