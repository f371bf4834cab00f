"""An account manager keeps an official page safe and runs an impersonation incident:
registers the page, adds two admins, records that one of them left (the page is flagged at
once), finds an impostor by pasting its name, opens an incident from it in one click, downloads
the công văn DOCX and closes the incident with lessons learned."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest
from django.urls import reverse

from ungxu.core.testing import PASSWORD, build_world
from ungxu.socials.models import Incident, OfficialAccount


@pytest.mark.browser
def test_an_account_manager_runs_an_impersonation_incident_from_detection_to_closure(
    live_server: Any,
    transactional_db: None,
    page: Any,
    screenshots: Path,
    tmp_path: Path,
    settings: Any,
) -> None:
    settings.DATA_DIR = tmp_path
    world = build_world()
    url = live_server.url

    page.goto(url + reverse(settings.LOGIN_URL))
    page.fill("input[name=username]", "head_a")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda u: "/account/login" not in u)

    # Register the page; the pasted mobile link is normalised.
    page.goto(url + reverse("socials:index"))
    page.click("text=Thêm tài khoản")
    page.select_option("select[name=organisation]", str(world.unit_a.pk))
    page.select_option("select[name=platform]", "facebook_page")
    page.fill("input[name=name]", "Phòng A Sở Thử nghiệm")
    page.fill("input[name=url]", "m.facebook.com/PhongAThuNghiem")
    page.select_option("select[name=responsible_person]", str(world.person_a.pk))
    page.fill("input[name=recovery_email]", "phonga@sothunghiem.gov.vn")
    page.click("button:has-text('Lưu')")
    page.locator("h1", has_text="Phòng A Sở Thử nghiệm").wait_for()
    account = OfficialAccount.objects.get()
    assert account.url == "https://www.facebook.com/phongathunghiem"

    for person in (world.person_a, world.person_a1):
        page.select_option("select[name=person]", str(person.pk))
        page.select_option("select[name=has_2fa]", "true")
        page.click("button:has-text('Thêm quản trị viên')")
        page.locator(".alert-success", has_text="Đã thêm quản trị viên").wait_for()
    assert page.locator(".alert-error", has_text="đã nghỉ việc").count() == 0

    # Trần Thị Bình leaves; the page is flagged as soon as the departure is recorded.
    page.goto(url + reverse("orgs:person_detail", args=[world.person_a1.pk]))
    page.click("button:has-text('Ghi nhận nghỉ việc')")
    page.goto(url + reverse("socials:account_detail", args=[account.pk]))
    page.locator(".alert-error", has_text="quản trị viên đã nghỉ việc").wait_for()
    assert "Trần Thị Bình" in page.locator("#posture-title").locator("xpath=..").inner_text()
    page.screenshot(path=str(screenshots / "socials.png"), full_page=True)

    # Paste suspicious names; the impostor is found with its reasons.
    page.goto(url + reverse("socials:detect"))
    page.fill(
        "textarea[name=candidates]",
        "Ph0ng A Sở Thử Nghiệm - Chính thức | https://facebook.com/phonga.chinhthuc\n"
        "Hội Nông dân xã Yên Thành",
    )
    page.click("button:has-text('Kiểm tra')")
    result = page.locator("#result-title").locator("xpath=..")
    result.locator("text=Ph0ng A Sở Thử Nghiệm - Chính thức").wait_for()
    assert "Hội Nông dân" not in result.inner_text()
    page.screenshot(path=str(screenshots / "socials-detect.png"), full_page=True)
    page.click("button:has-text('Mở sự cố giả mạo')")
    page.locator("h1", has_text="Giả mạo").wait_for()
    incident = Incident.objects.get()
    assert incident.kind == "impersonation"

    # Draft the công văn, fill what only a person can know, download the DOCX.
    page.click("text=Công văn gửi cơ quan chức năng")
    page.fill("input[name=place]", "Ninh Bình")
    page.fill("input[name=signer_name]", "Nguyễn Văn Thành")
    page.fill("input[name=signer_title]", "Trưởng phòng")
    page.click("button:has-text('Lưu')")
    page.locator(".alert-success", has_text="Đã lưu văn bản").wait_for()
    with page.expect_download() as download_info:
        page.click("text=Tải công văn (DOCX)")
    path = download_info.value.path()
    document = docx.Document(io.BytesIO(Path(path).read_bytes()))
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells and "Nguyễn Văn Thành" in cells

    # Close with lessons learned.
    page.goto(url + reverse("socials:incident_detail", args=[incident.pk]))
    page.fill("textarea[name=lessons_learned]", "Đăng ký nhãn tín nhiệm để người dân dễ nhận biết.")
    page.click("button:has-text('Đóng sự cố')")
    page.locator(".alert-success", has_text="Đã đóng sự cố").wait_for()
    incident.refresh_from_db()
    assert not incident.is_open
    page.screenshot(path=str(screenshots / "socials-incident.png"), full_page=True)
