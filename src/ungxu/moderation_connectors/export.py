"""Generic comment exports (CSV or JSON Lines) → :class:`IncomingItem`.

A file exported from a platform tool, or written by hand. Column names are configurable with
:class:`ColumnMap`; by default each field also accepts a few Vietnamese header names (``nội dung``,
``tác giả``…). Only the text column is required. Without an id column, an id is derived from the
row's content so that importing the same file twice still adds nothing.

Errors name the row (1 = the header line of a CSV, so data starts at row 2; JSONL counts lines
from 1) and the column. ``strict=True`` (the default) raises :class:`ConnectorError` listing every
bad row, so an import is all-or-nothing; ``strict=False`` skips bad rows with a warning.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from .items import (
    KINDS,
    MAX_SHORT,
    VN_TZ,
    ConnectorError,
    IncomingItem,
    Kind,
    ParseResult,
    clean_id,
    clean_text,
    clean_url,
    parse_timestamp,
)

MAX_ERRORS_SHOWN = 50
MAX_FIELD = 1_000_000  # csv module refuses larger fields; a clear error beats a crash

# Accepted header names per field, besides the configured one. Compared after folding case,
# spaces and underscores, so "Nội dung", "noi_dung" and "NOI DUNG" all match.
DEFAULT_ALIASES: Mapping[str, tuple[str, ...]] = {
    "platform_id": ("id", "mã", "ma", "comment_id", "message_id"),
    "text": ("text", "message", "nội dung", "noi dung", "bình luận", "binh luan", "content"),
    "created_at": ("created_at", "created_time", "time", "thời gian", "thoi gian", "ngày", "date"),
    "author_name": (
        "author",
        "author_name",
        "tác giả",
        "tac gia",
        "người gửi",
        "nguoi gui",
        "name",
    ),
    "author_id": ("author_id", "from_id", "mã tác giả", "ma tac gia"),
    "parent_id": ("parent_id", "trả lời cho", "tra loi cho"),
    "thread_id": ("thread_id", "post_id", "video_id", "bài viết", "bai viet"),
    "account_id": ("account_id", "page_id", "trang", "tài khoản", "tai khoan"),
    "permalink": ("permalink", "url", "link", "liên kết", "lien ket"),
    "kind": ("kind", "loại", "loai"),
    "platform": ("platform", "nền tảng", "nen tang"),
}
_KIND_WORDS: Mapping[str, Kind] = {
    "comment": "comment",
    "bình luận": "comment",
    "binh luan": "comment",
    "reply": "reply",
    "trả lời": "reply",
    "tra loi": "reply",
    "message": "message",
    "tin nhắn": "message",
    "tin nhan": "message",
    "post": "post",
    "bài viết": "post",
    "bai viet": "post",
}


@dataclass(frozen=True)
class ColumnMap:
    """Which column holds which field. ``None`` means: use the default aliases only."""

    platform_id: str | None = None
    text: str | None = None
    created_at: str | None = None
    author_name: str | None = None
    author_id: str | None = None
    parent_id: str | None = None
    thread_id: str | None = None
    account_id: str | None = None
    permalink: str | None = None
    kind: str | None = None
    platform: str | None = None
    default_platform: str = "export"
    default_kind: Kind = "comment"
    timezone: dt.tzinfo = field(default=VN_TZ)


def _fold(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).lower().replace("_", " ").split())


def _resolve(headers: list[str], columns: ColumnMap) -> dict[str, str]:
    """field name → the actual header in the file."""
    by_folded = {_fold(h): h for h in headers}
    found: dict[str, str] = {}
    for name, aliases in DEFAULT_ALIASES.items():
        configured = cast(str | None, getattr(columns, name))
        candidates = (configured,) if configured else aliases
        for candidate in candidates:
            header = by_folded.get(_fold(candidate))
            if header is not None:
                found[name] = header
                break
        else:
            if configured:
                raise ConnectorError(f"Tệp không có cột '{configured}' (cấu hình cho {name}).")
    if "text" not in found:
        raise ConnectorError(
            "Tệp không có cột nội dung: cần một cột tên 'text' hoặc 'nội dung' "
            "(hoặc cấu hình tên cột)."
        )
    return found


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConnectorError(
            f"Tệp không phải mã UTF-8 (byte lỗi ở vị trí {exc.start}). "
            "Hãy lưu lại tệp với mã hoá UTF-8."
        ) from exc


def parse_csv(
    data: bytes | str, columns: ColumnMap | None = None, *, strict: bool = True
) -> ParseResult:
    """Rows of a CSV export (comma, semicolon or tab separated; UTF-8, UTF-8 BOM or UTF-16)."""
    text = _decode(data)
    # The delimiter is the one the header line uses most. csv.Sniffer looks at data rows too and
    # is fooled by commas or semicolons inside quoted comments, which every real export has.
    header_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header_line.count) if header_line else ","
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration:
        raise ConnectorError("Tệp CSV rỗng.") from None
    except csv.Error as exc:
        raise ConnectorError(f"Dòng 1: tiêu đề CSV không đọc được ({exc}).") from exc
    headers = [h.strip() for h in headers]
    resolved = _resolve(headers, columns or ColumnMap())

    def rows() -> Iterator[tuple[int, Mapping[str, Any] | str]]:
        row_no = 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield reader.line_num, f"dòng CSV không đọc được ({exc})"
                return
            row_no += 1
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(headers):
                yield row_no, f"có {len(values)} cột, nhiều hơn tiêu đề ({len(headers)} cột)"
                continue
            yield row_no, dict(zip(headers, values, strict=False))

    return _collect(rows(), resolved, columns or ColumnMap(), strict)


def parse_jsonl(
    data: bytes | str, columns: ColumnMap | None = None, *, strict: bool = True
) -> ParseResult:
    """One JSON object per line; blank lines are ignored."""
    text = _decode(data)
    cols = columns or ColumnMap()
    lines = text.splitlines()
    keys: list[str] = []
    parsed: list[tuple[int, Mapping[str, Any] | str]] = []
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            parsed.append((line_no, "không phải JSON hợp lệ"))
            continue
        if not isinstance(obj, dict):
            parsed.append((line_no, "phải là một đối tượng JSON {…}"))
            continue
        for key in obj:
            if key not in keys and len(keys) < 200:
                keys.append(key)
        parsed.append((line_no, obj))
    if not parsed:
        raise ConnectorError("Tệp JSONL rỗng.")
    if not keys:
        raise ConnectorError("Không dòng nào của tệp JSONL là đối tượng JSON hợp lệ.")
    return _collect(iter(parsed), _resolve(keys, cols), cols, strict)


def _collect(
    rows: Iterator[tuple[int, Mapping[str, Any] | str]],
    resolved: Mapping[str, str],
    columns: ColumnMap,
    strict: bool,
) -> ParseResult:
    result = ParseResult()
    errors: list[str] = []
    for row_no, row in rows:
        if isinstance(row, str):
            errors.append(f"Dòng {row_no}: {row}.")
            continue
        item, problem = _item(row, resolved, columns)
        if problem:
            errors.append(f"Dòng {row_no}: {problem}.")
        elif item is not None:
            result.items.append(item)
    if errors and strict:
        shown = errors[:MAX_ERRORS_SHOWN]
        more = len(errors) - len(shown)
        summary = f"Tệp có {len(errors)} dòng lỗi, không nhập dòng nào." + (
            f" (Chỉ hiện {len(shown)} lỗi đầu, còn {more} lỗi khác.)" if more else ""
        )
        raise ConnectorError(summary + "\n" + "\n".join(shown), errors)
    for error in errors:
        result.warn(error)
    return result


def _item(
    row: Mapping[str, Any], resolved: Mapping[str, str], columns: ColumnMap
) -> tuple[IncomingItem | None, str | None]:
    def get(name: str) -> Any:
        header = resolved.get(name)
        return row.get(header) if header is not None else None

    text_col = resolved["text"]
    text = clean_text(get("text"))
    if not text:
        return None, f"cột '{text_col}': nội dung trống"
    created = None
    raw_time = get("created_at")
    if raw_time not in (None, ""):
        created = parse_timestamp(raw_time, naive_tz=columns.timezone)
        if created is None:
            shown = clean_text(raw_time, 40)
            return None, (
                f"cột '{resolved['created_at']}': thời gian '{shown}' không hợp lệ "
                "(dùng dạng 2026-01-05 08:30 hoặc 05/01/2026 08:30)"
            )
    kind: Kind = columns.default_kind
    raw_kind = clean_text(get("kind"), 50)
    if raw_kind:
        folded = _fold(raw_kind)
        if folded not in _KIND_WORDS:
            allowed = ", ".join(KINDS)
            return (
                None,
                f"cột '{resolved['kind']}': loại '{raw_kind}' không hợp lệ (dùng {allowed})",
            )
        kind = _KIND_WORDS[folded]
    platform = clean_text(get("platform"), 50).lower() or columns.default_platform
    author_name = clean_text(get("author_name"), MAX_SHORT)
    platform_id = clean_id(get("platform_id"))
    if platform_id is None:
        # Same row, same id: re-importing an id-less file does not duplicate it.
        basis = "\x1f".join([platform, author_name, str(raw_time or ""), text])
        platform_id = "sha256:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]
    permalink = clean_url(get("permalink"))
    return (
        IncomingItem(
            platform=platform,
            platform_id=platform_id,
            text=text,
            kind=kind,
            created_at=created,
            parent_id=clean_id(get("parent_id")),
            thread_id=clean_id(get("thread_id")),
            account_id=clean_id(get("account_id")),
            author_name=author_name,
            author_id=clean_id(get("author_id")),
            permalink=permalink,
        ),
        None,
    )
