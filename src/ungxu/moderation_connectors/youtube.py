"""YouTube Data API v3 ``commentThreads.list`` responses → :class:`IncomingItem`.

Request: ``GET /youtube/v3/commentThreads?part=snippet,replies&videoId=…`` (or
``allThreadsRelatedToChannelId=…``) ``&textFormat=plainText&maxResults=100&pageToken=…``.
Response: ``{"kind": "youtube#commentThreadListResponse", "nextPageToken"?, "items": [thread…]}``.
Fields used per thread: ``id``, ``snippet.videoId``, ``snippet.channelId``,
``snippet.topLevelComment.{id, snippet.{textOriginal | textDisplay, authorDisplayName,
authorChannelId.value, publishedAt}}`` and ``replies.comments[]`` (same comment shape, plus
``snippet.parentId``). ``replies`` holds only some replies; the rest need ``comments.list`` and are
not fetched here. Comments written by our own channel are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from .items import (
    ConnectorError,
    IncomingItem,
    Kind,
    ParseResult,
    clean_id,
    clean_text,
    mapping,
    object_list,
    page_objects,
    parse_timestamp,
)

PLATFORM = "youtube"


class YouTubeApiError(ConnectorError):
    def __init__(self, message: str, status: int | None, reason: str | None) -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason


def check_youtube_error(payload: object) -> None:
    error = mapping(payload).get("error")
    if isinstance(error, dict):
        code = error.get("code")
        reasons = object_list(error.get("errors")) or []
        reason = clean_text(reasons[0].get("reason"), 100) if reasons else ""
        detail = clean_text(error.get("message"), 300)
        raise YouTubeApiError(
            f"YouTube trả về lỗi {code} ({reason or 'không rõ'}): {detail}",
            code if isinstance(code, int) else None,
            reason or None,
        )


def parse_comment_threads(payload: object, *, channel_id: str | None = None) -> ParseResult:
    """One page of ``commentThreads.list``. ``channel_id`` is our channel (its comments are ours)."""
    check_youtube_error(payload)
    threads = page_objects(payload, "items", "Dữ liệu bình luận YouTube")
    token = clean_text(mapping(payload).get("nextPageToken"), 500)
    result = ParseResult(next_cursor=token or None)
    for index, thread in enumerate(threads, start=1):
        where = f"Chuỗi bình luận thứ {index}"
        snippet = mapping(thread.get("snippet"))
        top = mapping(snippet.get("topLevelComment"))
        top_id = clean_id(top.get("id")) or clean_id(thread.get("id"))
        if top_id is None:
            result.warn(f"{where}: thiếu 'id', bỏ qua.")
            continue
        video_id = clean_id(snippet.get("videoId"))
        account = channel_id or clean_id(snippet.get("channelId"))
        _add(result, top, "comment", top_id, None, video_id, account, where)
        replies = object_list(mapping(thread.get("replies")).get("comments")) or []
        for r_index, reply in enumerate(replies, start=1):
            reply_id = clean_id(reply.get("id"))
            if reply_id is None:
                result.warn(f"{where}, trả lời thứ {r_index}: thiếu 'id', bỏ qua.")
                continue
            parent = clean_id(mapping(reply.get("snippet")).get("parentId")) or top_id
            _add(
                result,
                reply,
                "reply",
                reply_id,
                parent,
                video_id,
                account,
                f"{where}, trả lời thứ {r_index}",
            )
    return result


def _add(
    result: ParseResult,
    comment: Mapping[str, Any],
    kind: Kind,
    comment_id: str,
    parent_id: str | None,
    video_id: str | None,
    account: str | None,
    where: str,
) -> None:
    snippet = mapping(comment.get("snippet"))
    author_id = clean_id(mapping(snippet.get("authorChannelId")).get("value"))
    if account is not None and author_id == account:
        result.skipped += 1  # our channel's own answer
        return
    # textOriginal is the raw text; textDisplay may be HTML and is only a fallback.
    text = clean_text(snippet.get("textOriginal")) or clean_text(snippet.get("textDisplay"))
    if not text:
        result.skipped += 1
        return
    created = parse_timestamp(snippet.get("publishedAt"))
    if created is None and snippet.get("publishedAt") is not None:
        result.warnings.append(f"{where}: thời gian 'publishedAt' không đọc được, để trống.")
    permalink = None
    if video_id:
        permalink = (
            f"https://www.youtube.com/watch?v={quote(video_id, safe='')}"
            f"&lc={quote(comment_id, safe='.')}"
        )
    result.items.append(
        IncomingItem(
            platform=PLATFORM,
            platform_id=comment_id,
            text=text,
            kind=kind,
            created_at=created,
            parent_id=parent_id,
            thread_id=video_id,
            account_id=account,
            author_name=clean_text(snippet.get("authorDisplayName"), 500),
            author_id=author_id,
            permalink=permalink,
        )
    )
