"""The common shape every connector produces, and the small helpers they share.

Parsers never trust a payload: every field is type-checked, long strings are cut, control
characters removed, and a broken item is skipped with a Vietnamese warning instead of crashing the
whole import. Only a payload whose overall shape is wrong raises :class:`ConnectorError`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from zoneinfo import ZoneInfo

Kind = Literal["comment", "reply", "message", "post"]
KINDS: tuple[Kind, ...] = ("comment", "reply", "message", "post")
VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# Limits that keep one hostile payload from exhausting memory downstream (screening, database).
MAX_TEXT = 20_000
MAX_SHORT = 500
MAX_URL = 2_000
MAX_WARNINGS = 200

_DAY_FIRST = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ConnectorError(ValueError):
    """A payload or file that cannot be read at all. ``errors`` lists every problem found."""

    def __init__(self, message: str, errors: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.errors: tuple[str, ...] = tuple(errors)


@dataclass(frozen=True)
class IncomingItem:
    """One comment, reply, message or post from an outside platform."""

    platform: str
    platform_id: str
    text: str
    kind: Kind
    created_at: dt.datetime | None = None  # always tz-aware when set
    parent_id: str | None = None  # the comment/post this one answers
    thread_id: str | None = None  # the post, video or conversation it belongs to
    account_id: str | None = None  # our page / channel / OA that received it
    author_name: str = ""
    author_id: str | None = None
    permalink: str | None = None

    @property
    def dedup_key(self) -> tuple[str, str]:
        """Items are unique per (platform, platform_id); re-importing the same data adds nothing."""
        return (self.platform, self.platform_id)


@dataclass
class ParseResult:
    items: list[IncomingItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: int = 0  # items left out on purpose (empty text, our own messages) or broken
    next_cursor: str | None = None  # where the next page starts, when the payload says so
    # Nested pages still to read: (object whose comments continue, its thread, next page URL).
    follow: list[tuple[str, str, str]] = field(default_factory=list)

    def warn(self, message: str) -> None:
        self.skipped += 1
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(message)

    def extend(self, other: ParseResult) -> None:
        self.items.extend(other.items)
        self.skipped += other.skipped
        self.follow.extend(other.follow)
        room = MAX_WARNINGS - len(self.warnings)
        self.warnings.extend(other.warnings[: max(room, 0)])


def dedupe(items: Iterable[IncomingItem]) -> Iterator[IncomingItem]:
    """Yield each (platform, platform_id) once, keeping the first occurrence."""
    seen: set[tuple[str, str]] = set()
    for item in items:
        if item.dedup_key not in seen:
            seen.add(item.dedup_key)
            yield item


def clean_text(value: object, limit: int = MAX_TEXT) -> str:
    """A safe string from anything: non-strings become "", control characters go, length is cut."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        return ""
    return _CONTROL.sub("", value)[:limit].strip()


def clean_id(value: object) -> str | None:
    """Platform ids are strings or integers; anything else (or empty) means absent."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    text = clean_text(value, MAX_SHORT)
    return text or None


def clean_url(value: object) -> str | None:
    text = clean_text(value, MAX_URL)
    return text if text.startswith(("https://", "http://")) else None


def parse_timestamp(value: object, *, naive_tz: dt.tzinfo = VN_TZ) -> dt.datetime | None:
    """ISO 8601 strings (``Z``, ``+0000`` or ``+07:00``), ``dd/mm/yyyy[ HH:MM[:SS]]`` and epoch
    seconds or milliseconds → an aware datetime; None when the value cannot be read.

    Naive values are taken in ``naive_tz`` (Vietnam time by default: hand-made exports are local).
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()[:64]
    if not text:
        return None
    if re.fullmatch(r"\d{9,13}(\.\d+)?", text):
        return _from_epoch(float(text))
    moment: dt.datetime | None = None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        # Day first, as Vietnamese exports write it; a regex is ~20x faster than strptime, which
        # matters for imports of 100,000 rows.
        match = _DAY_FIRST.fullmatch(text)
        if match is not None:
            day, month, year, hour, minute, second = (int(g) if g else 0 for g in match.groups())
            try:
                moment = dt.datetime(year, month, day, hour, minute, second)
            except ValueError:
                return None
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=naive_tz)
    return moment


def _from_epoch(seconds: float) -> dt.datetime | None:
    if seconds > 1e11:  # milliseconds (Zalo sends those)
        seconds /= 1000
    try:
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None


def mapping(value: object) -> Mapping[str, Any]:
    """The value if it is a JSON object, else an empty one (tolerant access to optional parts)."""
    return value if isinstance(value, dict) else {}


def object_list(value: object) -> list[Mapping[str, Any]] | None:
    """A list of JSON objects (non-objects dropped), or None when the value is not a list."""
    if not isinstance(value, list):
        return None
    return [v for v in value if isinstance(v, dict)]


def page_objects(payload: object, key: str, subject: str) -> list[Mapping[str, Any]]:
    """The list of objects under `key` in one API page; `subject` names the data in the error
    ("Dữ liệu bình luận YouTube"). Callers check the platform's error object first."""
    if not isinstance(payload, dict):
        raise ConnectorError(f"{subject} phải là một đối tượng JSON.")
    objects = object_list(payload.get(key))
    if objects is None:
        raise ConnectorError(f"{subject} thiếu danh sách '{key}'.")
    return objects
