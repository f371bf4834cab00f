"""Facebook Graph API payloads → :class:`IncomingItem`.

Two documented shapes are read:

* the page feed, ``GET /{page-id}/feed?fields=id,message,created_time,permalink_url,from,
  comments.limit(100){id,message,created_time,permalink_url,from,parent{id},
  comments.limit(100){id,message,created_time,permalink_url,from,parent{id}}}`` —
  ``{"data": [post…], "paging": {"cursors": {"before", "after"}, "next"}}``, each post carrying its
  first page of comments as ``comments: {"data": […], "paging": {…}}`` and each comment its replies
  the same way;
* one page of an object's comments, ``GET /{object-id}/comments`` — the same ``data`` + ``paging``
  envelope, where a reply names its parent in ``parent.id``.

Fields used: ``id`` (required), ``message``, ``created_time`` (``2026-01-05T08:15:30+0000``),
``from.id`` / ``from.name`` (only present when the token may see them), ``permalink_url``,
``parent.id``. Items written by the page itself (our own replies) are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .items import (
    ConnectorError,
    IncomingItem,
    Kind,
    ParseResult,
    clean_id,
    clean_text,
    clean_url,
    mapping,
    object_list,
    page_objects,
    parse_timestamp,
)

PLATFORM = "facebook"
# The Graph API nests comments two levels deep; anything deeper in a payload is ignored rather
# than followed, so a hostile file cannot drive unbounded recursion.
MAX_DEPTH = 2


class GraphApiError(ConnectorError):
    def __init__(self, message: str, code: int | None, subcode: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.subcode = subcode


def check_graph_error(payload: object) -> None:
    """Raise :class:`GraphApiError` when the payload is a Graph error object."""
    error = mapping(payload).get("error")
    if isinstance(error, dict):
        code = error.get("code")
        subcode = error.get("error_subcode")
        detail = clean_text(error.get("message"), 300)
        raise GraphApiError(
            f"Facebook trả về lỗi {code}: {detail or 'không rõ nguyên nhân'}",
            code if isinstance(code, int) else None,
            subcode if isinstance(subcode, int) else None,
        )


def _envelope(payload: object, what: str) -> tuple[list[Mapping[str, Any]], Mapping[str, Any]]:
    check_graph_error(payload)
    data = page_objects(payload, "data", f"Dữ liệu {what} của Facebook")
    return data, mapping(mapping(payload).get("paging"))


def _next(paging: Mapping[str, Any]) -> str | None:
    return clean_url(paging.get("next"))


def parse_feed(
    payload: object, *, page_id: str | None = None, include_posts: bool = False
) -> ParseResult:
    """One page of ``/{page-id}/feed`` with nested comments and replies."""
    posts, paging = _envelope(payload, "bảng tin trang")
    result = ParseResult(next_cursor=_next(paging))
    for p_index, post in enumerate(posts, start=1):
        post_id = clean_id(post.get("id"))
        if post_id is None:
            result.warn(f"Bài viết thứ {p_index}: thiếu 'id', bỏ qua cả bài và bình luận.")
            continue
        # Page post ids are "<page id>_<post id>": the page is known even when not passed in.
        account = page_id or (post_id.split("_", 1)[0] if "_" in post_id else None)
        if include_posts:
            _add(
                result,
                post,
                "post",
                thread_id=post_id,
                parent_id=None,
                account=account,
                where=f"Bài viết thứ {p_index}",
            )
        _comments(
            result, post.get("comments"), post_id, post_id, account, 1, f"Bài viết thứ {p_index}"
        )
    return result


def parse_comments(
    payload: object, *, object_id: str, thread_id: str | None = None, page_id: str | None = None
) -> ParseResult:
    """One page of ``/{object-id}/comments`` (a post's comments or a comment's replies)."""
    comments, paging = _envelope(payload, "bình luận")
    thread = thread_id or object_id
    account = page_id or (thread.split("_", 1)[0] if "_" in thread else None)
    result = ParseResult(next_cursor=_next(paging))
    is_reply_page = object_id != thread
    for index, comment in enumerate(comments, start=1):
        parent = clean_id(mapping(comment.get("parent")).get("id")) or object_id
        kind: Kind = "reply" if is_reply_page or parent != thread else "comment"
        _add(
            result,
            comment,
            kind,
            thread_id=thread,
            parent_id=parent,
            account=account,
            where=f"Bình luận thứ {index}",
        )
        _comments(
            result,
            comment.get("comments"),
            thread,
            clean_id(comment.get("id")),
            account,
            2,
            f"Bình luận thứ {index}",
        )
    return result


def _comments(
    result: ParseResult,
    edge: object,
    thread_id: str,
    parent_id: str | None,
    account: str | None,
    depth: int,
    where: str,
) -> None:
    if depth > MAX_DEPTH or parent_id is None or not isinstance(edge, dict):
        return
    comments = object_list(edge.get("data")) or []
    for index, comment in enumerate(comments, start=1):
        kind: Kind = "comment" if depth == 1 else "reply"
        here = f"{where}, {'bình luận' if depth == 1 else 'trả lời'} thứ {index}"
        explicit_parent = clean_id(mapping(comment.get("parent")).get("id"))
        _add(
            result,
            comment,
            kind,
            thread_id=thread_id,
            parent_id=explicit_parent or parent_id,
            account=account,
            where=here,
        )
        _comments(
            result,
            comment.get("comments"),
            thread_id,
            clean_id(comment.get("id")),
            account,
            depth + 1,
            here,
        )
    more = _next(mapping(edge.get("paging")))
    if more is not None:
        result.follow.append((parent_id, thread_id, more))


def _add(
    result: ParseResult,
    raw: Mapping[str, Any],
    kind: Kind,
    *,
    thread_id: str,
    parent_id: str | None,
    account: str | None,
    where: str,
) -> None:
    item_id = clean_id(raw.get("id"))
    if item_id is None:
        result.warn(f"{where}: thiếu 'id', bỏ qua.")
        return
    author = mapping(raw.get("from"))
    author_id = clean_id(author.get("id"))
    if account is not None and author_id == account:
        result.skipped += 1  # the page's own post or reply: not something to moderate
        return
    text = clean_text(raw.get("message"))
    if not text:
        result.skipped += 1  # photo or sticker only: nothing to screen
        return
    created = parse_timestamp(raw.get("created_time"))
    if created is None and raw.get("created_time") is not None:
        result.warnings.append(f"{where}: thời gian 'created_time' không đọc được, để trống.")
    result.items.append(
        IncomingItem(
            platform=PLATFORM,
            platform_id=item_id,
            text=text,
            kind=kind,
            created_at=created,
            parent_id=parent_id if kind != "post" else None,
            thread_id=thread_id,
            account_id=account,
            author_name=clean_text(author.get("name"), 500),
            author_id=author_id,
            permalink=clean_url(raw.get("permalink_url")),
        )
    )
