"""Fetch comments and messages from the platforms' APIs through an :class:`HttpTransport`.

Every outcome is a :class:`FetchResult` with a :class:`FetchStatus` and a Vietnamese message: a
missing or rejected credential, a permission or quota problem, a network failure or a malformed
answer never raises. Items read before a failure are kept in the result (the caller may store
them; de-duplication on (platform, platform_id) makes a later retry safe).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from urllib.parse import quote, urlencode, urlsplit

from . import facebook, youtube, zalo
from .items import ConnectorError, IncomingItem, ParseResult, dedupe, mapping
from .transport import API_HOSTS, HttpRequest, HttpTransport, TransportError


class FetchStatus(StrEnum):
    OK = "ok"
    MISSING_CREDENTIALS = "missing_credentials"
    INVALID_CREDENTIALS = "invalid_credentials"
    PERMISSION_DENIED = "permission_denied"
    RATE_LIMITED = "rate_limited"
    NOT_FOUND = "not_found"
    NETWORK_ERROR = "network_error"
    BAD_RESPONSE = "bad_response"


STATUS_MESSAGES: dict[FetchStatus, str] = {
    FetchStatus.OK: "Đã lấy dữ liệu thành công.",
    FetchStatus.MISSING_CREDENTIALS: "Chưa cấu hình thông tin xác thực cho tài khoản này.",
    FetchStatus.INVALID_CREDENTIALS: "Mã truy cập hết hạn hoặc không hợp lệ.",
    FetchStatus.PERMISSION_DENIED: "Mã truy cập không có quyền đọc dữ liệu này.",
    FetchStatus.RATE_LIMITED: "Đã vượt giới hạn số lần gọi của nền tảng; hãy thử lại sau.",
    FetchStatus.NOT_FOUND: "Không tìm thấy trang, kênh hoặc video đã cấu hình.",
    FetchStatus.NETWORK_ERROR: "Không kết nối được tới nền tảng.",
    FetchStatus.BAD_RESPONSE: "Nền tảng trả về dữ liệu không đọc được.",
}

GRAPH_ROOT = "https://graph.facebook.com"
YOUTUBE_ROOT = "https://www.googleapis.com/youtube/v3"
ZALO_ROOT = "https://openapi.zalo.me/v3.0/oa"
_COMMENT_FIELDS = "id,message,created_time,permalink_url,from,parent{id}"
FEED_FIELDS = (
    "id,message,created_time,permalink_url,from,"
    f"comments.limit(100){{{_COMMENT_FIELDS},comments.limit(100){{{_COMMENT_FIELDS}}}}}"
)
_SAFE_ID = re.compile(r"[A-Za-z0-9_.\-]{1,128}")


@dataclass
class FetchResult:
    status: FetchStatus
    message: str
    items: list[IncomingItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    requests: int = 0

    @property
    def ok(self) -> bool:
        return self.status is FetchStatus.OK


class _Failure(Exception):
    def __init__(self, status: FetchStatus, detail: str = "") -> None:
        super().__init__(status.value)
        self.status = status
        self.detail = detail


class _Session:
    """Shared loop state: request budget, accumulated items, JSON decoding and HTTP status mapping."""

    def __init__(self, transport: HttpTransport, headers: dict[str, str], max_requests: int):
        self.transport = transport
        self.headers = headers
        self.max_requests = max_requests
        self.requests = 0
        self.parsed = ParseResult()

    def get_json(self, url: str) -> object:
        if self.requests >= self.max_requests:
            raise _Budget
        host = urlsplit(url).hostname
        if not url.startswith("https://") or host not in API_HOSTS:
            raise _Failure(FetchStatus.BAD_RESPONSE, f"liên kết trang sau trỏ tới máy lạ ({host})")
        self.requests += 1
        try:
            response = self.transport.send(HttpRequest(url, self.headers))
        except TransportError as exc:
            raise _Failure(FetchStatus.NETWORK_ERROR, str(exc)) from exc
        try:
            payload: object = json.loads(response.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            payload = None
        if payload is None or (response.status >= 400 and not mapping(payload).get("error")):
            raise _Failure(_http_status(response.status), f"HTTP {response.status}")
        return payload

    def result(self, status: FetchStatus = FetchStatus.OK, detail: str = "") -> FetchResult:
        message = STATUS_MESSAGES[status] + (f" Chi tiết: {detail}" if detail else "")
        items = list(dedupe(self.parsed.items))
        if status is FetchStatus.OK:
            message = f"Đã lấy {len(items)} mục sau {self.requests} lần gọi."
        return FetchResult(status, message, items, list(self.parsed.warnings), self.requests)


class _Budget(Exception):
    """Request budget used up: stop quietly, keep what was read."""


def _http_status(code: int) -> FetchStatus:
    if code == 401:
        return FetchStatus.INVALID_CREDENTIALS
    if code == 403:
        return FetchStatus.PERMISSION_DENIED
    if code == 404:
        return FetchStatus.NOT_FOUND
    if code == 429:
        return FetchStatus.RATE_LIMITED
    if code >= 500:
        return FetchStatus.NETWORK_ERROR
    return FetchStatus.BAD_RESPONSE


def _run(session: _Session, loop: Callable[[], None]) -> FetchResult:
    try:
        loop()
    except _Budget:
        session.parsed.warnings.append(
            f"Đã dừng sau {session.requests} lần gọi (giới hạn mỗi lần lấy); phần còn lại lấy sau."
        )
    except _Failure as failure:
        return session.result(failure.status, failure.detail)
    return session.result()


# --- Facebook ----------------------------------------------------------------------------------


def graph_status(error: facebook.GraphApiError) -> FetchStatus:
    code = error.code
    if code in (190, 102):
        return FetchStatus.INVALID_CREDENTIALS
    if code == 10 or (code is not None and 200 <= code <= 299):
        return FetchStatus.PERMISSION_DENIED
    if code in (4, 17, 32, 613, 80001):
        return FetchStatus.RATE_LIMITED
    if code in (100, 803):
        return FetchStatus.NOT_FOUND
    return FetchStatus.BAD_RESPONSE


def fetch_facebook_page(
    transport: HttpTransport,
    *,
    page_id: str,
    access_token: str,
    since: dt.datetime | None = None,
    include_posts: bool = False,
    api_version: str = "v21.0",
    max_requests: int = 50,
) -> FetchResult:
    """Posts of a page with their comments and replies, following every ``paging.next``."""
    if not access_token.strip() or not page_id.strip():
        return FetchResult(
            FetchStatus.MISSING_CREDENTIALS,
            "Chưa cấu hình mã trang hoặc mã truy cập (Page access token) của Facebook.",
        )
    if not _SAFE_ID.fullmatch(page_id):
        return FetchResult(
            FetchStatus.NOT_FOUND, f"Mã trang Facebook '{page_id[:40]}' không hợp lệ."
        )
    session = _Session(transport, {"Authorization": f"Bearer {access_token}"}, max_requests)
    query: dict[str, str | int] = {"fields": FEED_FIELDS, "limit": 25}
    if since is not None:
        query["since"] = int(since.timestamp())
    first = f"{GRAPH_ROOT}/{api_version}/{page_id}/feed?{urlencode(query)}"

    def loop() -> None:
        url: str | None = first
        pending: list[tuple[str, str, str]] = []
        while url is not None:
            page = _graph_parse(
                partial(facebook.parse_feed, page_id=page_id, include_posts=include_posts),
                session.get_json(url),
            )
            session.parsed.extend(page)
            pending.extend(page.follow)
            url = page.next_cursor
        # Comments and replies beyond the first page that the feed embeds.
        while pending:
            object_id, thread_id, next_url = pending.pop(0)
            more: str | None = next_url
            while more is not None:
                parse = partial(
                    facebook.parse_comments,
                    object_id=object_id,
                    thread_id=thread_id,
                    page_id=page_id,
                )
                page = _graph_parse(parse, session.get_json(more))
                session.parsed.items.extend(page.items)
                session.parsed.warnings.extend(page.warnings)
                pending.extend(page.follow)
                more = page.next_cursor

    return _run(session, loop)


def _graph_parse(parse: Callable[[object], ParseResult], payload: object) -> ParseResult:
    try:
        return parse(payload)
    except facebook.GraphApiError as exc:
        raise _Failure(graph_status(exc), str(exc)) from exc
    except ConnectorError as exc:
        raise _Failure(FetchStatus.BAD_RESPONSE, str(exc)) from exc


# --- YouTube -----------------------------------------------------------------------------------


def youtube_status(error: youtube.YouTubeApiError) -> FetchStatus:
    reason = error.reason or ""
    if reason in ("keyInvalid", "keyExpired", "authError") or error.status == 401:
        return FetchStatus.INVALID_CREDENTIALS
    if reason in ("quotaExceeded", "rateLimitExceeded", "dailyLimitExceeded"):
        return FetchStatus.RATE_LIMITED
    if reason.endswith("NotFound") or error.status == 404:
        return FetchStatus.NOT_FOUND
    if error.status == 403 or reason in ("commentsDisabled", "forbidden"):
        return FetchStatus.PERMISSION_DENIED
    if error.status == 400 and "key" in str(error).lower():
        return FetchStatus.INVALID_CREDENTIALS
    return FetchStatus.BAD_RESPONSE


def fetch_youtube_comments(
    transport: HttpTransport,
    *,
    api_key: str,
    video_id: str | None = None,
    channel_id: str | None = None,
    max_requests: int = 50,
) -> FetchResult:
    """Comment threads of one video, or of every video of a channel (``channel_id`` alone)."""
    if not api_key.strip():
        return FetchResult(FetchStatus.MISSING_CREDENTIALS, "Chưa cấu hình khoá API YouTube.")
    target = video_id or channel_id
    if not target or not _SAFE_ID.fullmatch(target):
        return FetchResult(
            FetchStatus.NOT_FOUND, "Chưa cấu hình mã video hoặc mã kênh YouTube hợp lệ."
        )
    # The key travels in a header so it never appears in logged URLs.
    session = _Session(transport, {"X-Goog-Api-Key": api_key}, max_requests)
    base: dict[str, str] = {
        "part": "snippet,replies",
        "maxResults": "100",
        "textFormat": "plainText",
        "order": "time",
    }
    if video_id:
        base["videoId"] = video_id
    else:
        base["allThreadsRelatedToChannelId"] = target

    def loop() -> None:
        token: str | None = None
        while True:
            query = dict(base, **({"pageToken": token} if token else {}))
            payload = session.get_json(f"{YOUTUBE_ROOT}/commentThreads?{urlencode(query)}")
            try:
                page = youtube.parse_comment_threads(payload, channel_id=channel_id)
            except youtube.YouTubeApiError as exc:
                raise _Failure(youtube_status(exc), str(exc)) from exc
            except ConnectorError as exc:
                raise _Failure(FetchStatus.BAD_RESPONSE, str(exc)) from exc
            session.parsed.extend(page)
            if not page.next_cursor or page.next_cursor == token:
                return
            token = page.next_cursor

    return _run(session, loop)


# --- Zalo --------------------------------------------------------------------------------------

# Documented OA API codes for a bad token; others keep the platform's own message.
ZALO_TOKEN_ERRORS = frozenset({-216, -124})


def fetch_zalo_messages(
    transport: HttpTransport,
    *,
    access_token: str,
    oa_id: str | None = None,
    user_ids: Sequence[str] = (),
    page_size: int = 10,
    max_requests: int = 50,
) -> FetchResult:
    """Latest message of each conversation (``listrecentchat``), or whole conversations with the
    given users (``conversation``), paging by offset until a short page."""
    if not access_token.strip():
        return FetchResult(
            FetchStatus.MISSING_CREDENTIALS, "Chưa cấu hình mã truy cập Zalo Official Account."
        )
    session = _Session(transport, {"access_token": access_token}, max_requests)
    count = max(1, min(page_size, 10))  # the API serves at most 10 per call

    def pages(endpoint: str, extra: dict[str, object]) -> None:
        offset = 0
        while True:
            data = json.dumps({**extra, "offset": offset, "count": count}, separators=(",", ":"))
            payload = session.get_json(f"{ZALO_ROOT}/{endpoint}?data={quote(data)}")
            try:
                page = zalo.parse_messages(payload, oa_id=oa_id)
            except zalo.ZaloApiError as exc:
                status = (
                    FetchStatus.INVALID_CREDENTIALS
                    if exc.code in ZALO_TOKEN_ERRORS
                    else FetchStatus.BAD_RESPONSE
                )
                raise _Failure(status, str(exc)) from exc
            except ConnectorError as exc:
                raise _Failure(FetchStatus.BAD_RESPONSE, str(exc)) from exc
            session.parsed.extend(page)
            received = len(mapping(payload).get("data") or [])
            if received < count:
                return
            offset += count

    def loop() -> None:
        if not user_ids:
            pages("listrecentchat", {})
        for user_id in user_ids:
            if _SAFE_ID.fullmatch(user_id):
                # The API takes the numeric user id as a JSON number.
                pages("conversation", {"user_id": int(user_id) if user_id.isdigit() else user_id})
            else:
                session.parsed.warn(f"Mã người dùng Zalo '{user_id[:40]}' không hợp lệ, bỏ qua.")

    return _run(session, loop)
