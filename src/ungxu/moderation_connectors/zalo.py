"""Zalo Official Account API message lists → :class:`IncomingItem`.

Endpoints (OA API v3, access token in the ``access_token`` header):
``GET /v3.0/oa/listrecentchat?data={"offset":0,"count":10}`` (latest message of each conversation)
and ``GET /v3.0/oa/conversation?data={"user_id":…,"offset":0,"count":10}`` (one conversation).
Both answer ``{"error": 0, "message": "Success", "data": [message…]}``; a failure has a negative
``error`` (e.g. -216 invalid access token, -124 expired token) and a ``message``.

Fields used per message: ``message_id`` (required), ``src`` (0 = sent by the OA, 1 = sent by the
user), ``time`` (epoch milliseconds), ``type`` (``text``, ``link``, ``photo``, ``sticker``, …),
``message`` (the text), ``from_id`` / ``from_display_name``, ``to_id``. Messages the OA sent are
left out (they are our own replies); non-text messages without words are skipped.
"""

from __future__ import annotations

from .items import (
    ConnectorError,
    IncomingItem,
    ParseResult,
    clean_id,
    clean_text,
    mapping,
    page_objects,
    parse_timestamp,
)

PLATFORM = "zalo"
TEXT_TYPES = frozenset({"text", "link", "photo", "file", ""})  # kinds that may carry words


class ZaloApiError(ConnectorError):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def check_zalo_error(payload: object) -> None:
    body = mapping(payload)
    code = body.get("error")
    if isinstance(code, int) and not isinstance(code, bool) and code != 0:
        detail = clean_text(body.get("message"), 300)
        raise ZaloApiError(f"Zalo trả về lỗi {code}: {detail or 'không rõ nguyên nhân'}", code)


def parse_messages(payload: object, *, oa_id: str | None = None) -> ParseResult:
    """One page of ``listrecentchat`` or ``conversation``. ``oa_id`` is our Official Account."""
    check_zalo_error(payload)
    messages = page_objects(payload, "data", "Dữ liệu tin nhắn Zalo")
    result = ParseResult()
    for index, msg in enumerate(messages, start=1):
        where = f"Tin nhắn thứ {index}"
        message_id = clean_id(msg.get("message_id"))
        if message_id is None:
            result.warn(f"{where}: thiếu 'message_id', bỏ qua.")
            continue
        from_id = clean_id(msg.get("from_id"))
        src = msg.get("src")
        if src == 0 or (oa_id is not None and from_id == oa_id):
            result.skipped += 1  # sent by the OA itself
            continue
        kind = clean_text(msg.get("type"), 50)
        text = clean_text(msg.get("message"))
        if kind not in TEXT_TYPES or not text:
            result.skipped += 1
            continue
        created = parse_timestamp(msg.get("time"))
        if created is None and msg.get("time") is not None:
            result.warnings.append(f"{where}: thời gian 'time' không đọc được, để trống.")
        result.items.append(
            IncomingItem(
                platform=PLATFORM,
                platform_id=message_id,
                text=text,
                kind="message",
                created_at=created,
                # A conversation is identified by the user who talks to the OA.
                thread_id=from_id,
                account_id=oa_id or clean_id(msg.get("to_id")),
                author_name=clean_text(msg.get("from_display_name"), 500),
                author_id=from_id,
            )
        )
    return result
