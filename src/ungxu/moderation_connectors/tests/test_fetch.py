import json
from pathlib import Path
from urllib.parse import unquote

import pytest

from ungxu.moderation_connectors import (
    FetchStatus,
    HttpRequest,
    IncomingItem,
    MemoryTransport,
    TransportError,
    UrllibTransport,
    dedupe,
    fetch_facebook_page,
    fetch_youtube_comments,
    fetch_zalo_messages,
)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PAGE = "104857600123456"
POST = "104857600123456_880011223344001"


def load(name: str) -> object:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def facebook_transport() -> MemoryTransport:
    t = MemoryTransport()
    t.add(f"/v21.0/{PAGE}/feed", load("facebook_feed_page1.json"))
    t.add(f"/v21.0/{PAGE}/feed", load("facebook_feed_page2.json"), query={"after": "QVFIUlBPU1Qy"})
    t.add(f"/v21.0/{POST}/comments", load("facebook_comments_more.json"))
    return t


def test_it_fetches_every_feed_page_and_the_extra_comment_pages():
    transport = facebook_transport()
    result = fetch_facebook_page(transport, page_id=PAGE, access_token="EAAtest")
    assert result.status is FetchStatus.OK, result.message
    assert result.requests == 3
    ids = [i.platform_id for i in result.items]
    assert len(ids) == len(set(ids)) == 7  # 7004 arrives twice and is kept once
    assert {"880011223344001_7006", "880011223344001_7007", "880011223344003_7201"} <= set(ids)
    assert transport.requests[0].headers["Authorization"] == "Bearer EAAtest"
    assert "EAAtest" not in repr(transport.requests[0])


def test_an_expired_facebook_token_gives_a_clear_status():
    transport = MemoryTransport().add(
        f"/v21.0/{PAGE}/feed", load("facebook_error_190.json"), status=400
    )
    result = fetch_facebook_page(transport, page_id=PAGE, access_token="EAAold")
    assert result.status is FetchStatus.INVALID_CREDENTIALS
    assert result.message.startswith("Mã truy cập hết hạn hoặc không hợp lệ")


def test_a_missing_credential_is_reported_without_any_call():
    transport = MemoryTransport()
    assert fetch_facebook_page(transport, page_id=PAGE, access_token=" ").status is (
        FetchStatus.MISSING_CREDENTIALS
    )
    assert fetch_youtube_comments(transport, api_key="", video_id="v").status is (
        FetchStatus.MISSING_CREDENTIALS
    )
    assert fetch_zalo_messages(transport, access_token="").status is FetchStatus.MISSING_CREDENTIALS
    assert transport.requests == []


def test_a_failure_on_a_later_page_keeps_the_items_already_read():
    transport = MemoryTransport()
    transport.add(f"/v21.0/{PAGE}/feed", load("facebook_feed_page1.json"))
    transport.add(
        f"/v21.0/{PAGE}/feed",
        {"error": {"code": 4, "message": "limit"}},
        query={"after": "QVFIUlBPU1Qy"},
        status=400,
    )
    result = fetch_facebook_page(transport, page_id=PAGE, access_token="t")
    assert result.status is FetchStatus.RATE_LIMITED
    assert len(result.items) == 4


def test_the_request_budget_stops_fetching_with_a_warning():
    result = fetch_facebook_page(
        facebook_transport(), page_id=PAGE, access_token="t", max_requests=1
    )
    assert result.status is FetchStatus.OK and result.requests == 1
    assert "Đã dừng sau 1 lần gọi" in result.warnings[-1]


def test_a_next_link_to_a_foreign_host_is_not_followed():
    page = load("facebook_feed_page2.json")
    assert isinstance(page, dict)
    page["paging"]["next"] = "https://evil.example/steal?access_token=x"
    transport = MemoryTransport().add(f"/v21.0/{PAGE}/feed", page)
    result = fetch_facebook_page(transport, page_id=PAGE, access_token="t")
    assert result.status is FetchStatus.BAD_RESPONSE
    assert len(transport.requests) == 1


def test_an_unreachable_host_is_a_network_error_not_a_crash():
    result = fetch_facebook_page(MemoryTransport(), page_id=PAGE, access_token="t")
    assert result.status is FetchStatus.NETWORK_ERROR


def test_a_non_json_answer_is_a_bad_response():
    transport = MemoryTransport().add(f"/v21.0/{PAGE}/feed", b"<html>502</html>", status=502)
    assert fetch_facebook_page(transport, page_id=PAGE, access_token="t").status is (
        FetchStatus.NETWORK_ERROR
    )
    transport = MemoryTransport().add(f"/v21.0/{PAGE}/feed", b"<html>ok?</html>")
    assert fetch_facebook_page(transport, page_id=PAGE, access_token="t").status is (
        FetchStatus.BAD_RESPONSE
    )


def test_it_pages_through_youtube_comment_threads_with_the_key_in_a_header():
    transport = MemoryTransport()
    transport.add("/youtube/v3/commentThreads", load("youtube_comment_threads_page1.json"))
    transport.add(
        "/youtube/v3/commentThreads",
        load("youtube_comment_threads_page2.json"),
        query={"pageToken": "QURTSl9pM2Zf"},
    )
    result = fetch_youtube_comments(
        transport, api_key="AIzaTest", video_id="vdHuongDan01", channel_id="UCsnnHoaLuTest000000001"
    )
    assert result.status is FetchStatus.OK
    assert [i.platform_id for i in result.items][-1] == "UgxThread0003EeFf"
    assert len(result.items) == 4
    assert all("AIzaTest" not in r.url for r in transport.requests)
    assert transport.requests[0].headers["X-Goog-Api-Key"] == "AIzaTest"


def test_youtube_quota_errors_are_reported_as_rate_limits():
    transport = MemoryTransport().add(
        "/youtube/v3/commentThreads", load("youtube_error_quota.json"), status=403
    )
    result = fetch_youtube_comments(transport, api_key="k", video_id="vdHuongDan01")
    assert result.status is FetchStatus.RATE_LIMITED


def test_zalo_messages_are_fetched_and_a_bad_token_is_reported():
    transport = MemoryTransport().add("/v3.0/oa/listrecentchat", load("zalo_listrecentchat.json"))
    result = fetch_zalo_messages(transport, access_token="zz", oa_id="4433221100998877665")
    assert result.status is FetchStatus.OK and len(result.items) == 2
    assert transport.requests[0].headers == {"access_token": "zz"}
    assert '"offset":0' in unquote(transport.requests[0].url)
    bad = MemoryTransport().add("/v3.0/oa/listrecentchat", load("zalo_error_216.json"))
    assert fetch_zalo_messages(bad, access_token="zz").status is FetchStatus.INVALID_CREDENTIALS


def test_zalo_conversations_page_by_offset_until_a_short_page():
    full = {
        "error": 0,
        "data": [
            {
                "src": 1,
                "type": "text",
                "message": f"tin {n}",
                "message_id": f"m{n}",
                "from_id": "9001",
            }
            for n in range(10)
        ],
    }
    short = {
        "error": 0,
        "data": [
            {"src": 1, "type": "text", "message": "cuối", "message_id": "m10", "from_id": "9001"}
        ],
    }
    transport = MemoryTransport()
    transport.add("/v3.0/oa/conversation", full)
    transport.add("/v3.0/oa/conversation", short)
    result = fetch_zalo_messages(transport, access_token="zz", user_ids=["9001"])
    assert result.status is FetchStatus.OK
    assert len(result.items) == 11 and len(transport.requests) == 2


def test_dedupe_keeps_the_first_item_per_platform_and_id():
    a = IncomingItem("facebook", "1", "một", "comment")
    b = IncomingItem("facebook", "1", "một (sửa)", "comment")
    c = IncomingItem("youtube", "1", "khác nền tảng", "comment")
    assert list(dedupe([a, b, c])) == [a, c]


def test_the_real_transport_refuses_plain_http_and_unknown_hosts():
    transport = UrllibTransport()
    with pytest.raises(TransportError, match="Không được phép"):
        transport.send(HttpRequest("http://graph.facebook.com/v21.0/me"))
    with pytest.raises(TransportError, match="Không được phép"):
        transport.send(HttpRequest("https://example.org/"))
