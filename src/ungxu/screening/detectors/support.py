"""Small helpers shared by the pattern detectors."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any, Generic, TypeVar

import ahocorasick

from ungxu.screening.normalize import NormalizedText, fold

T = TypeVar("T")

__all__ = ["PerData", "find_all", "phrase_regex", "search_text", "search_text_of", "str_list"]


@lru_cache(maxsize=256)
def _needle_automaton(needles: tuple[str, ...]) -> ahocorasick.Automaton | None:
    if not any(needles):
        return None
    automaton = ahocorasick.Automaton()
    for needle in needles:
        if needle:
            automaton.add_word(needle, len(needle))
    automaton.make_automaton()
    return automaton


def find_all(haystack: str, needles: tuple[str, ...]) -> list[int]:
    """Sorted start positions of every occurrence of every needle, in one automaton pass.

    Detectors use it to run an expensive regex only where a cue word occurs (`.match` at the
    position) instead of scanning the whole text with a pattern that has no literal prefix.
    """
    automaton = _needle_automaton(needles)
    if automaton is None:
        return []
    return sorted({end - length + 1 for end, length in automaton.iter(haystack)})


def search_text(original: str) -> str:
    """Lower-case, diacritic-free copy of `original` with the SAME length (for cue regexes)."""
    return _fold_lowered(original.replace("\u0130", "I").lower())


def search_text_of(doc: NormalizedText) -> str:
    """`search_text(doc.original)`. When normalizing did nothing but lower-case the text (most
    comments), that is `doc.folded`, already computed: folding is the costly step."""
    lowered = doc.original.replace("\u0130", "I").lower()
    return doc.folded if lowered == doc.text else _fold_lowered(lowered)


def _fold_lowered(lowered: str) -> str:
    """`fold(lowered)`. Folding accented text is a per-character table look-up (slow in
    Python), so each space-separated token's result is remembered (bounded); folding is
    character by character, so the pieces join exactly."""
    if lowered.isascii():
        return lowered
    memory = _FOLDED_TOKENS
    pieces = lowered.split(" ")
    out = list(map(memory.get, pieces))
    if None in out:
        for i, piece in enumerate(pieces):
            if out[i] is None:
                folded = out[i] = fold(piece)
                if len(piece) <= _TOKEN_MAX and len(memory) < _FOLDED_TOKENS_MAX:
                    memory[piece] = folded
    return " ".join(out)  # type: ignore[arg-type]


# Tokens remembered by `_fold_lowered`, at most this many (a few MB), each at most this long.
_FOLDED_TOKENS_MAX = 30_000
_TOKEN_MAX = 40
_FOLDED_TOKENS: dict[str, str] = {}


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
        # (source mapping, value) in ONE attribute, so a reader without the lock never pairs
        # a new source with an old value.
        self._cached: tuple[object, T] | None = None
        self._lock = threading.Lock()

    def get(self, data: Mapping[str, Any]) -> T:
        cached = self._cached  # lock-free fast path: read on every detector call
        if cached is not None and cached[0] is data:
            return cached[1]
        with self._lock:
            cached = self._cached
            if cached is None or cached[0] is not data:
                cached = (data, self._build(data))
                self._cached = cached
            return cached[1]
