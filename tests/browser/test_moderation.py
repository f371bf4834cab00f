"""A moderator's day in the browser: check a draft as it is typed; import a sample export; find
the flagged comment highlighted; correct its categories; answer a question with a canned reply
(screened before it counts as sent); watch the statistics change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from ungxu.core.testing import PASSWORD, build_world
from ungxu.imports.testing import clear_rq_queue, isolate_rq_per_xdist_worker, run_pending_tasks
from ungxu.moderation.models import CannedAnswer, Decision, InboxItem, Reply

SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "src/ungxu/moderation_connectors/samples/export_comments.jsonl"
)


def sign_in(page: Any, url: str, login_url: str, username: str) -> None:
    page.goto(url + login_url)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda u: "/account/login" not in u)


@pytest.mark.browser
def test_staff_see_findings_highlighted_while_typing_a_draft(
    live_server: Any, transactional_db: None, page: Any, screenshots: Path, settings: Any
) -> None:
    build_world()
    sign_in(page, live_server.url, reverse(settings.LOGIN_URL), "staff_a")
    page.goto(live_server.url + reverse("moderation:checker"))
    page.locator("#id_text").press_sequentially(
        "Thông báo: bọn bắc kỳ ngu như chó, ai cần làm bằng đại học thì liên hệ 0912345678",
        delay=5,
    )
    page.locator("#check-result [data-verdict=block]").wait_for()
    marks = page.locator("#highlighted mark.finding")
    assert marks.count() >= 2
    assert "bắc kỳ" in marks.first.inner_text()
    assert "Căn cứ:" in page.locator("#check-result").inner_text()
    page.screenshot(path=str(screenshots / "checker.png"), full_page=True)
    assert not InboxItem.objects.exists()


@pytest.mark.browser
def test_a_moderator_imports_corrects_answers_and_sees_statistics_change(
    live_server: Any, transactional_db: None, page: Any, screenshots: Path, settings: Any
) -> None:
    isolate_rq_per_xdist_worker(settings)
    clear_rq_queue()
    world = build_world()
    CannedAnswer.objects.create(
        organisation=world.unit_a,
        title="Lịch phun thuốc",
        text="Cảm ơn bạn đã quan tâm. Lịch phun thuốc muỗi được UBND xã thông báo trên loa và trang của xã.",
    )
    url = live_server.url
    sign_in(page, url, reverse(settings.LOGIN_URL), "moderator_a")

    page.goto(url + reverse("moderation:upload"))
    page.select_option("select[name=organisation]", str(world.unit_a.pk))
    page.fill("input[name=account_name]", "Trang Phòng A")
    page.set_input_files("input[name=file]", str(SAMPLE))
    page.click("button:has-text('Nhập và sàng lọc')")
    page.locator("#batch-progress").wait_for()
    batch_url = page.url
    page.goto("about:blank")  # no polling while the in-process worker uses the database
    assert run_pending_tasks() == 1
    page.goto(batch_url)
    page.locator("[data-state=done]").wait_for()

    page.goto(url + reverse("moderation:stats") + "?days=366")
    assert page.locator("#stat-total").inner_text() == "3"
    assert page.locator("#stat-answered").inner_text() == "0"

    page.goto(url + reverse("moderation:inbox") + "?verdict=block")
    page.click("text=Nhận làm bằng đại học")
    mark = page.locator("#highlighted mark.finding").first
    assert "làm bằng đại học" in mark.inner_text()
    page.check("#decision-form input[value=fake_news]")
    page.select_option("#decision-form select[name=action]", "hide")
    page.click("#decision-form button[type=submit]")
    page.locator(".messages", has_text="Đã ghi nhận quyết định").wait_for()
    decision = Decision.objects.get()
    assert decision.corrected and "fake_news" in decision.categories

    page.goto(url + reverse("moderation:inbox") + "?due=needs")
    page.click("text=Hôm nay xã mình có phun thuốc muỗi")
    page.select_option("#reply-form select[name=canned]", label="Lịch phun thuốc")
    page.click("#reply-form button[type=submit]")
    page.locator(".messages", has_text="Đã kiểm tra và ghi nhận").wait_for()
    assert page.locator("[data-reply-state=sent]").count() == 1
    assert Reply.objects.get().verdict == "allow"
    page.screenshot(path=str(screenshots / "moderation-item.png"), full_page=True)

    page.goto(url + reverse("moderation:stats") + "?days=366")
    assert page.locator("#stat-answered").inner_text() == "1"
    assert page.locator("svg.svg-chart rect").count() >= 3
    page.screenshot(path=str(screenshots / "moderation-stats.png"), full_page=True)
