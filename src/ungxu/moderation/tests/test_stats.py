import io

from django.urls import reverse
from openpyxl import load_workbook

from ungxu.moderation import services

from .helpers import make_item


def test_statistics_change_when_a_question_is_answered(world):
    item = make_item(world.unit_a, "Cho hỏi khi nào có kết quả?")
    make_item(world.unit_a, "Bọn bắc kỳ ngu như chó")
    client = world.client("moderator_a")
    before = client.get(reverse("moderation:stats"), {"days": "366"}).context["data"]
    services.write_reply(
        item, world.user("moderator_a"), "Tuần sau có kết quả ạ.", needs_approval=False
    )
    after = client.get(reverse("moderation:stats"), {"days": "366"})
    data = after.context["data"]
    assert data["total"] == before["total"] == 2
    assert (before["answered"], data["answered"]) == (0, 1)
    assert dict(data["tables"]["Theo kết luận"]) == {"Vi phạm": 1, "Không vi phạm": 1}
    assert "<svg" in after.content.decode() and "<rect" in after.content.decode()


def test_the_xlsx_export_holds_the_same_figures(world):
    make_item(world.unit_a, "Bọn bắc kỳ ngu như chó")
    response = world.client("moderator_a").get(reverse("moderation:stats_xlsx"), {"days": "366"})
    book = load_workbook(io.BytesIO(response.content))
    assert book["Tổng hợp"]["B2"].value == 1
    rows = list(book["Theo nhóm vi phạm"].iter_rows(values_only=True))
    assert ("Phân biệt đối xử", 1) in rows


def test_chart_numbers_use_a_decimal_point_whatever_the_locale(world):
    import re

    make_item(world.unit_a, "Bọn bắc kỳ ngu như chó")
    make_item(world.unit_a, "Cảm ơn Sở.")
    make_item(world.unit_a, "Rất hay.")
    body = (
        world.client("moderator_a")
        .get(reverse("moderation:stats"), {"days": "366"})
        .content.decode()
    )
    widths = re.findall(r'<rect class="bar"[^>]* width="([^"]+)"', body)
    assert widths and all(re.fullmatch(r"\d+\.\d", w) for w in widths)


def test_the_statistics_page_says_the_period_counts_by_posting_date(world):
    response = world.client("moderator_a").get(reverse("moderation:stats"), {"days": "7"})
    page = response.content.decode()
    assert 'id="stats-period-basis"' in page
    assert "thời điểm đăng" in page and "không phải thời điểm nhập" in page


def test_an_old_comment_imported_today_is_outside_the_last_seven_days(world):
    import datetime as dt

    make_item(world.unit_a, "Cảm ơn Sở.", created_at=dt.datetime(2020, 1, 6, 9, 0, tzinfo=dt.UTC))
    data = (
        world.client("moderator_a").get(reverse("moderation:stats"), {"days": "7"}).context["data"]
    )
    assert data["total"] == 0
