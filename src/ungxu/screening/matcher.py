"""Multi-phrase matching on word boundaries, with and without diacritics.

A `PhraseIndex` holds one Aho-Corasick automaton keyed by the *folded* normalized form of every
surface form, so `bắc kỳ`, `Bắc Kỳ` and `bac ky` all meet on one key. Each key remembers the
accented forms that produced it. A folded hit counts only when the text is *compatible* with one
of those accented forms: at every position the text has either the same letter or the bare letter
(the writer left the diacritic out). So `bac ky` and `bắc ky` match `bắc kỳ`, while `ngủ` (sleep)
does not match the term `ngu` (stupid): the writer typed a diacritic the term does not have.

Context rules (`unless_near`/`only_near`) look at the folded words within `window` words of the
match. One automaton, one pass over the text: that is the whole cost of a lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick

from ungxu.screening.normalize import NormalizedText, Normalizer, fold
from ungxu.screening.types import MIN_SEVERITY, Hit

__all__ = ["Match", "PhraseIndex", "Term", "WordWindow", "hits_from_matches"]

_WORD_RE = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Term:
    """One matchable entry (a lexicon term, a cue, an allow phrase or a reporting context)."""

    id: str
    category: str
    severity: int = 1
    target: str | None = None
    reason: str | None = None
    unless_near: tuple[str, ...] = ()  # folded, normalized phrases
    only_near: tuple[str, ...] = ()
    window: int = 4
    categories: tuple[str, ...] = ()  # reporting contexts: which categories they downgrade
    fold: bool = True  # False: only texts carrying the form's own diacritics match
    source: str = "lexicon"  # which data file family: lexicon, or a cue file stem (ads, claims…)


@dataclass(frozen=True, slots=True)
class Match:
    """A term found in the normalized text (`start`/`end` index `doc.text`)."""

    term: Term
    start: int
    end: int
    exact: bool  # the text carries the term's own diacritics (not a folded-only match)
    syllables: int


class WordWindow:
    """Folded words of a document with their positions, for context-window checks."""

    __slots__ = ("_starts", "words")

    def __init__(self, folded: str) -> None:
        spans = [(m.start(), m.group()) for m in _WORD_RE.finditer(folded)]
        self._starts = [s for s, _ in spans]
        self.words = [w for _, w in spans]

    def index(self, pos: int) -> int:
        """Index of the word at or after `pos`."""
        from bisect import bisect_left

        return bisect_left(self._starts, pos)

    def around(self, start: int, end: int, window: int) -> str:
        """The words from `window` before `start` to `window` after `end`, space-joined."""
        first = max(0, self.index(start) - window)
        last = min(len(self.words), self.index(end) + window)
        return " " + " ".join(self.words[first:last]) + " "

    def near(self, start: int, end: int, window: int, phrases: Sequence[str]) -> bool:
        around = self.around(start, end, window)
        return any(f" {p} " in around for p in phrases)


def _compatible(text: str, accented: str, folded: str) -> bool:
    if text == accented:
        return True
    return all(t in (a, f) for t, a, f in zip(text, accented, folded, strict=True))


class PhraseIndex:
    """An automaton over the folded forms of `terms`; see the module docstring."""

    def __init__(self, terms: Iterable[tuple[Term, Iterable[str]]], normalizer: Normalizer) -> None:
        self.terms: list[Term] = []
        table: dict[str, list[tuple[int, str]]] = {}
        for term, forms in terms:
            index = len(self.terms)
            self.terms.append(term)
            for form in forms:
                accented = normalizer.normalize(form).text.strip()
                if not accented:
                    continue
                entries = table.setdefault(fold(accented), [])
                if (index, accented) not in entries:
                    entries.append((index, accented))
        self._automaton: ahocorasick.Automaton | None = None
        if table:
            automaton = ahocorasick.Automaton()
            for key, entries in table.items():
                automaton.add_word(key, (len(key), tuple(entries)))
            automaton.make_automaton()
            self._automaton = automaton
        self.vocabulary: frozenset[str] = frozenset(
            word for _, entries in table.items() for _, a in entries for word in a.split()
        )

    def __len__(self) -> int:
        return len(self.terms)

    def find(self, doc: NormalizedText, window: WordWindow | None = None) -> list[Match]:
        """Every term occurrence on word boundaries that passes its context rules."""
        if self._automaton is None or not doc.text:
            return []
        text, folded = doc.text, doc.folded
        n = len(text)
        found: list[Match] = []
        for last, (length, entries) in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if start > 0 and folded[start].isalnum() and folded[start - 1].isalnum():
                continue
            if end < n and folded[end - 1].isalnum() and folded[end].isalnum():
                continue
            span = text[start:end]
            key = folded[start:end]
            best: dict[int, bool] = {}
            for index, accented in entries:
                if _compatible(span, accented, key):
                    best[index] = best.get(index, False) or span == accented
            for index, exact in best.items():
                term = self.terms[index]
                if not exact and not term.fold:
                    continue
                if term.unless_near or term.only_near:
                    if window is None:
                        window = WordWindow(folded)
                    if term.unless_near and window.near(start, end, term.window, term.unless_near):
                        continue
                    if term.only_near and not window.near(start, end, term.window, term.only_near):
                        continue
                found.append(Match(term, start, end, exact, key.count(" ") + 1))
        return found


def hits_from_matches(
    doc: NormalizedText, matches: Iterable[Match], *, soften_folded: bool = True
) -> list[Hit]:
    """Lexicon-style matches → hits in original offsets.

    A folded-only match (the writer left out diacritics) of a one-syllable form is ambiguous
    (`ngu` could be `ngủ`), so it loses one severity level and some confidence.
    """
    hits: list[Hit] = []
    for m in matches:
        start, end = doc.to_original(m.start, m.end)
        if start >= end:
            continue
        severity, confidence = m.term.severity, 1.0
        if not m.exact:
            confidence = 0.8
            if soften_folded and m.syllables == 1:
                severity, confidence = max(MIN_SEVERITY, severity - 1), 0.6
        hits.append(
            Hit(
                category=m.term.category,
                start=start,
                end=end,
                severity=severity,
                rule=m.term.id,
                target=m.term.target,
                reason=m.term.reason,
                confidence=confidence,
            )
        )
    return hits
