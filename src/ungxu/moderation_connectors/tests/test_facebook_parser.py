import datetime as dt
import json
from pathlib import Path

import pytest

from ungxu.moderation_connectors import (
    ConnectorError,
    GraphApiError,
    parse_facebook_comments,
    parse_facebook_feed,
)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def load(name: str) -> object:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def test_it_reads_comments_and_replies_from_the_page_feed():
    result = parse_facebook_feed(load("facebook_feed_page1.json"))
    by_id = {item.platform_id: item for item in result.items}
    assert set(by_id) == {
        "880011223344001_7001",
        "880011223344001_7003",
        "880011223344001_7004",
        "880011223344002_7101",
    }
    first = by_id["880011223344001_7001"]
    assert first.kind == "comment"
    assert first.text.startswith("Cho hỏi xã Ninh Hải")
    assert first.author_name == "Trần Thị Mai"
    assert first.thread_id == first.parent_id == "104857600123456_880011223344001"
    assert first.account_id == "104857600123456"
    assert first.created_at == dt.datetime(2026, 1, 5, 2, 5, 11, tzinfo=dt.UTC)
    reply = by_id["880011223344001_7003"]
    assert reply.kind == "reply"
    assert reply.parent_id == "880011223344001_7001"


def test_it_leaves_out_the_pages_own_replies_and_empty_comments():
    result = parse_facebook_feed(load("facebook_feed_page1.json"))
    ids = {item.platform_id for item in result.items}
    assert "880011223344001_7002" not in ids  # written by the page
    assert "880011223344001_7005" not in ids  # sticker, no message
    assert result.skipped == 2


def test_it_reports_the_next_feed_page_and_the_unread_comment_pages():
    result = parse_facebook_feed(load("facebook_feed_page1.json"))
    assert result.next_cursor is not None and "after=QVFIUlBPU1Qy" in result.next_cursor
    assert len(result.follow) == 1
    object_id, thread_id, url = result.follow[0]
    assert object_id == thread_id == "104857600123456_880011223344001"
    assert url.startswith("https://graph.facebook.com/")
    assert parse_facebook_feed(load("facebook_feed_page2.json")).next_cursor is None


def test_posts_are_included_only_on_request_and_never_the_pages_own():
    with_posts = parse_facebook_feed(load("facebook_feed_page1.json"), include_posts=True)
    assert not [i for i in with_posts.items if i.kind == "post"]
    visitor_post = {
        "data": [
            {
                "id": "104857600123456_9",
                "message": "Bài của khách",
                "from": {"id": "777", "name": "Khách"},
            }
        ]
    }
    posts = parse_facebook_feed(visitor_post, include_posts=True).items
    assert [(p.kind, p.author_name, p.parent_id) for p in posts] == [("post", "Khách", None)]


def test_a_comment_page_marks_items_with_a_parent_as_replies():
    result = parse_facebook_comments(
        load("facebook_comments_more.json"), object_id="104857600123456_880011223344001"
    )
    kinds = {i.platform_id: i.kind for i in result.items}
    assert kinds == {
        "880011223344001_7004": "comment",
        "880011223344001_7006": "comment",
        "880011223344001_7007": "reply",
    }
    assert result.next_cursor is None


def test_a_graph_error_object_raises_with_its_code():
    with pytest.raises(GraphApiError) as info:
        parse_facebook_feed(load("facebook_error_190.json"))
    assert info.value.code == 190
    assert "Facebook trả về lỗi 190" in str(info.value)


@pytest.mark.parametrize("payload", [None, [], "chuỗi", 42, {"data": "không phải danh sách"}, {}])
def test_a_payload_of_the_wrong_shape_is_rejected_in_vietnamese(payload):
    with pytest.raises(ConnectorError, match="Facebook"):
        parse_facebook_feed(payload)


def test_hostile_fields_are_tolerated_without_crashing():
    payload = {
        "data": [
            "không phải đối tượng",
            {"message": "không có id"},
            {"id": {"x": 1}, "message": "id là đối tượng"},
            {
                "id": "1_2",
                "comments": {
                    "data": [
                        {
                            "id": "c1",
                            "message": "a\x00b" + "x" * 50_000,
                            "created_time": "ngày mai",
                            "from": "không phải đối tượng",
                            "permalink_url": "javascript:alert(1)",
                            "comments": {
                                "data": [
                                    {
                                        "id": "c2",
                                        "message": 12345,
                                        "comments": {"data": [{"id": "c3", "message": "quá sâu"}]},
                                    }
                                ]
                            },
                        },
                        {"id": True, "message": "id kiểu bool"},
                    ],
                    "paging": {"next": 12},
                },
            },
        ]
    }
    result = parse_facebook_feed(payload)
    ids = [i.platform_id for i in result.items]
    assert ids == ["c1", "c2"]  # c3 is deeper than the Graph API ever nests
    c1 = result.items[0]
    assert c1.text.startswith("ab") and len(c1.text) == 20_000
    assert c1.created_at is None and c1.permalink is None and c1.author_name == ""
    assert result.items[1].text == "12345"
    assert any("không đọc được" in w for w in result.warnings)
    assert any("thiếu 'id'" in w for w in result.warnings)
