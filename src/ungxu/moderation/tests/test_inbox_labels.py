"""What the inbox shows beside each item: platform names and categories of a clean verdict."""

from __future__ import annotations

from typing import Any

import pytest

from ungxu.moderation.models import InboxItem
from ungxu.moderation.templatetags.moderation_labels import platform_label
from ungxu.moderation.tests.helpers import make_item

pytestmark = pytest.mark.django_db


def test_known_platform_codes_get_a_vietnamese_name_and_unknown_ones_stay_as_written() -> None:
    assert platform_label("export") == "Tệp xuất dữ liệu"
    assert platform_label("draft") == "Bài nháp gửi xem xét"
    assert platform_label("Facebook") == "Facebook"
    assert platform_label("mastodon") == "mastodon"


def test_the_inbox_and_the_item_page_show_the_platform_name_not_its_code(world: Any) -> None:
    item = make_item(world.unit_a, "Xin hỏi lịch tiếp dân tuần này?", pid="lbl-1")
    InboxItem.objects.filter(pk=item.pk).update(platform="export")
    client = world.client("moderator_a")
    for url in ("/moderation/", f"/moderation/items/{item.pk}/"):
        body = client.get(url).content.decode()
        assert "Tệp xuất dữ liệu" in body
        assert "· export" not in body and '<span class="meta">export</span>' not in body


def test_categories_under_a_clean_verdict_read_as_a_caution_not_a_violation(world: Any) -> None:
    item = make_item(world.unit_a, "Bài viết bình thường.", pid="lbl-2")
    InboxItem.objects.filter(pk=item.pk).update(verdict="allow", categories=",fake_news,")
    body = world.client("moderator_a").get("/moderation/").content.decode()
    assert "Cần lưu ý: Tin giả" in body
