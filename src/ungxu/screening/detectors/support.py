"""Small helpers shared by the pattern detectors."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Generic, TypeVar

from ungxu.screening.normalize import fold

T = TypeVar("T")

__all__ = ["PerData", "phrase_regex", "search_text", "str_list"]


def search_text(original: str) -> str:
    """Lower-case, diacritic-free copy of `original` with the SAME length (for cue regexes)."""
    return fold(original.replace("\u0130", "I").lower())


def str_list(data: Mapping[str, Any], key: str) -> list[str]:
    value = data.get(key, [])
    return [v for v in value if isinstance(v, str) and v] if isinstance(value, list) else []


def phrase_regex(phrases: Iterable[str], *, fold_them: bool = True) -> re.Pattern[str] | None:
    """One alternation of whole-word phrases, longest first (so `so tai khoan` beats `tai`)."""
    items = sorted(
        {fold(p.lower()) if fold_them else p for p in phrases if p}, key=len, reverse=True
    )
    if not items:
        return None
    body = "|".join(re.escape(p).replace("\\ ", r"\s+") for p in items)
    return re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])")


class PerData(Generic[T]):
    """A value compiled from one data mapping, rebuilt when the mapping object changes."""

    def __init__(self, build: Callable[[Mapping[str, Any]], T]) -> None:
        self._build = build
        self._source: object = None
        self._value: T | None = None
        self._lock = threading.Lock()

    def get(self, data: Mapping[str, Any]) -> T:
        with self._lock:
            if self._source is not data or self._value is None:
                self._value = self._build(data)
                self._source = data
            return self._value
