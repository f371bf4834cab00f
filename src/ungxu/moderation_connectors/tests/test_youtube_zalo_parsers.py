import datetime as dt
import json
from pathlib import Path

import pytest

from ungxu.moderation_connectors import (
    ConnectorError,
    YouTubeApiError,
    ZaloApiError,
    parse_youtube_comment_threads,
    parse_zalo_messages,
)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def load(name: str) -> object:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def test_it_reads_top_level_comments_and_replies_of_a_video():
    result = parse_youtube_comment_threads(load("youtube_comment_threads_page1.json"))
    by_id = {i.platform_id: i for i in result.items}
    assert set(by_id) == {"UgxThread0001AaBb", "UgxThread0001AaBb.9xReply0002", "UgxThread0002CcDd"}
    top = by_id["UgxThread0001AaBb"]
    assert top.kind == "comment" and top.parent_id is None
    # textOriginal, not the HTML-escaped textDisplay.
    assert top.text.endswith("cảm ơn Sở & các cán bộ khuyến nông.")
    assert top.author_name == "@nongdanvuonrau"
    assert top.thread_id == "vdHuongDan01"
    assert top.created_at == dt.datetime(2026, 1, 6, 3, 15, 20, tzinfo=dt.UTC)
    assert top.permalink == "https://www.youtube.com/watch?v=vdHuongDan01&lc=UgxThread0001AaBb"
    reply = by_id["UgxThread0001AaBb.9xReply0002"]
    assert reply.kind == "reply" and reply.parent_id == "UgxThread0001AaBb"


def test_it_leaves_out_our_channels_own_replies():
    result = parse_youtube_comment_threads(load("youtube_comment_threads_page1.json"))
    assert "UgxThread0001AaBb.9xReply0001" not in {i.platform_id for i in result.items}
    assert result.skipped == 1


def test_a_thread_with_only_the_required_fields_is_still_read():
    result = parse_youtube_comment_threads(load("youtube_comment_threads_page1.json"))
    minimal = next(i for i in result.items if i.platform_id == "UgxThread0002CcDd")
    assert minimal.author_id is None and minimal.account_id is None
    assert minimal.text.startswith("Cho em xin địa chỉ")


def test_the_next_page_token_is_reported_and_absent_on_the_last_page():
    assert (
        parse_youtube_comment_threads(load("youtube_comment_threads_page1.json")).next_cursor
        == "QURTSl9pM2Zf"
    )
    assert (
        parse_youtube_comment_threads(load("youtube_comment_threads_page2.json")).next_cursor
        is None
    )


def test_a_youtube_error_keeps_its_reason():
    with pytest.raises(YouTubeApiError) as info:
        parse_youtube_comment_threads(load("youtube_error_quota.json"))
    assert info.value.reason == "quotaExceeded" and info.value.status == 403


@pytest.mark.parametrize("payload", [None, [], {"items": {}}, {"kind": "x"}])
def test_a_youtube_payload_of_the_wrong_shape_is_rejected(payload):
    with pytest.raises(ConnectorError, match="YouTube"):
        parse_youtube_comment_threads(payload)


def test_it_reads_user_messages_sent_to_the_official_account():
    result = parse_zalo_messages(load("zalo_listrecentchat.json"))
    assert [i.platform_id for i in result.items] == ["a1b2c3d4e5f60001", "a1b2c3d4e5f60004"]
    first = result.items[0]
    assert first.kind == "message" and first.platform == "zalo"
    assert first.author_name == "Hoàng Văn Nam"
    assert first.thread_id == first.author_id == "8812345678901234567"
    assert first.account_id == "4433221100998877665"
    # 1767747600000 ms = 2026-01-07 01:00 UTC.
    assert first.created_at == dt.datetime(2026, 1, 7, 1, 0, tzinfo=dt.UTC)
    assert result.skipped == 2  # the OA's own reply and a sticker


def test_a_zalo_error_code_raises_with_the_code():
    with pytest.raises(ZaloApiError) as info:
        parse_zalo_messages(load("zalo_error_216.json"))
    assert info.value.code == -216


def test_a_zalo_message_without_id_is_skipped_with_a_warning():
    result = parse_zalo_messages({"error": 0, "data": [{"src": 1, "message": "xin chào"}]})
    assert result.items == []
    assert result.warnings == ["Tin nhắn thứ 1: thiếu 'message_id', bỏ qua."]


@pytest.mark.parametrize("payload", [None, {"error": 0}, {"data": 3}])
def test_a_zalo_payload_of_the_wrong_shape_is_rejected(payload):
    with pytest.raises(ConnectorError, match="Zalo"):
        parse_zalo_messages(payload)
