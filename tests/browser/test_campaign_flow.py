"""A dissemination campaign end to end in the browser: the coordinator creates and launches a
campaign with a quiz for one unit; a staff member of that unit, on a phone-sized screen, reads
the Code, fails the quiz once, passes, and acknowledges; the coordinator then sees 1/N
acknowledged for that unit and downloads the XLSX, which is opened here and checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ungxu.campaigns.models import Acknowledgement, Campaign, QuizAttempt
from ungxu.campaigns.services import attempt_bank
from ungxu.core.testing import PASSWORD, build_world


def sign_in(page: Any, url: str, username: str) -> None:
    page.goto(url + reverse("access:login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda u: "/login" not in u)


def answer(page: Any, attempt: QuizAttempt, *, right: bool) -> None:
    drawn = attempt_bank(attempt)  # the paper as stored on the attempt
    for item in attempt.paper:
        question = drawn.get(item["id"])
        chosen = (
            question.correct_ids
            if right
            else [o.id for o in question.options if o.id not in question.correct_ids][:1]
        )
        for option_id in chosen:
            page.check(f"input[name='q-{question.id}'][value='{option_id}']")
    page.click("button:has-text('Nộp bài')")


@pytest.mark.browser
def test_a_campaign_runs_from_launch_to_an_exported_acknowledgement(
    live_server: Any,
    transactional_db: None,
    browser: Any,
    page: Any,
    screenshots: Path,
    tmp_path: Path,
) -> None:
    world = build_world()
    url = live_server.url
    today = timezone.localdate()

    # The coordinator creates a campaign for Phòng A (2 people with its sub-unit), with a quiz.
    sign_in(page, url, "coordinator")
    page.goto(url + reverse("campaigns:create"))
    page.fill("input[name=title]", "Phổ biến Bộ quy tắc tại Phòng A")
    page.select_option("select[name=organisation]", str(world.root.pk))
    page.check("input[name=documents] >> nth=0")
    page.check(f"input[name=audience_orgs][value='{world.unit_a.pk}']")
    page.fill("input[name=starts_on]", today.isoformat())
    page.fill("input[name=deadline]", (today + dt.timedelta(days=14)).isoformat())
    page.fill("input[name=quiz_questions]", "3")
    page.fill("input[name=pass_percent]", "100")
    page.fill("input[name=max_attempts]", "3")
    page.click("button:has-text('Lưu')")
    page.click("button:has-text('Phát động')")
    page.locator(".alert-success", has_text="2 người phải thực hiện").wait_for()
    campaign = Campaign.objects.get()

    # A staff member of Phòng A, on a phone.
    phone = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    phone.set_default_timeout(15_000)
    staff = phone.new_page()
    sign_in(staff, url, "staff_a")
    staff.goto(url + reverse("campaigns:index"))
    staff.click(f"text={campaign.title}")
    staff.click("a.btn:has-text('Bộ Quy tắc')")
    assert staff.locator("#TCCN\\.5").count() == 1  # the Code, clause by clause
    staff.click("button:has-text('Tôi đã đọc xong')")
    staff.locator(".badge", has_text="Đã đọc").first.wait_for()

    staff.screenshot(path=str(screenshots / "campaign-task-phone.png"), full_page=True)
    staff.click("a:has-text('Làm bài kiểm tra')")
    answer(staff, QuizAttempt.objects.get(number=1), right=False)
    assert "Chưa đạt" in staff.locator("[data-testid=quiz-result]").inner_text()
    staff.click("a:has-text('Quay lại nhiệm vụ')")
    staff.click("a:has-text('Làm bài kiểm tra')")
    answer(staff, QuizAttempt.objects.get(number=2), right=True)
    assert "Đạt" in staff.locator("[data-testid=quiz-result]").inner_text()
    staff.click("a:has-text('Quay lại nhiệm vụ')")
    staff.check("input[name=commit]")
    staff.click("button:has-text('Xác nhận cam kết')")
    staff.locator("h1", has_text="GIẤY XÁC NHẬN CAM KẾT").wait_for()
    staff.screenshot(path=str(screenshots / "campaign-confirmation-phone.png"), full_page=True)
    phone.close()
    ack = Acknowledgement.objects.get()
    assert ack.quiz_score == 100.0 and ack.ip == "127.0.0.1"

    # The coordinator sees 1/2 for Phòng A and exports the sheet.
    page.goto(url + reverse("campaigns:detail", args=[campaign.pk]))
    row = page.locator("tr[data-unit='PA'] [data-testid=unit-ack]")
    assert row.inner_text().strip() == "1/2"
    page.screenshot(path=str(screenshots / "campaign-progress.png"), full_page=True)
    with page.expect_download() as download_info:
        page.click("[data-testid=export]")
    target = tmp_path / "tien-do.xlsx"
    download_info.value.save_as(str(target))
    workbook = load_workbook(target)
    units = {r[0]: r for r in workbook["Theo đơn vị"].iter_rows(min_row=2, values_only=True)}
    assert units["PA"][2:6] == (2, 1, 1, 1)  # audience, read, passed, acknowledged
    people = {r[0]: r for r in workbook["Danh sách"].iter_rows(min_row=2, values_only=True)}
    assert set(people) == {"NSA01", "NSA11"}
    assert people["NSA01"][5] and not people["NSA11"][5]
