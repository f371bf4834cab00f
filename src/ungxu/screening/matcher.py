"""Multi-phrase matching on word boundaries, with and without diacritics.

A `PhraseIndex` holds one Aho-Corasick automaton keyed by the *folded* normalized form of every
surface form, so `bắc kỳ`, `Bắc Kỳ` and `bac ky` all meet on one key. Each key remembers the
accented forms that produced it. A folded hit counts only when the text is *compatible* with one
of those accented forms: at every position the text has either the same letter or the bare letter
(the writer left the diacritic out). So `bac ky` and `bắc ky` match `bắc kỳ`, while `ngủ` (sleep)
does not match the term `ngu` (stupid): the writer typed a diacritic the term does not have.

Tone marks are decided per syllable. A syllable typed with no diacritic at all may stand for any
accented syllable (people often type without marks). A syllable that carries any diacritic shows
the writer was typing with marks, so its tone mark (huyền, sắc, hỏi, ngã, nặng or none) must be
the term syllable's own: `cho con đi học` does not match `con đĩ` (`đi` carries the `đ` stroke
but no ngã), `bắc ky` still matches `bắc kỳ` (`ky` is unmarked) and `dĩ` matches `đĩ` (same tone,
only the stroke left out). Allow phrases and reporting contexts are matched leniently (no tone
check): a context that lets a text pass should not be missed for a slip of the keyboard. Nor is a
match holding a letter restored from a mask (`đ* má`, `l0n`): that letter's mark is a guess.

Context rules (`unless_near`/`only_near`) look at the folded words within `window` words of the
match. One automaton, one pass over the text: that is the whole cost of a lexicon. Most of
what the pass reports are everyday words whose folded form is a term's (`cho` for `chó`, `điện`
for `điên`) and which the tone check rejects; that decision depends on the span's text alone, so
each index remembers it per distinct span (bounded) instead of redoing it in every text.

Gates: the same automaton also holds the detectors' *gate words* (`" otp "`, `" tuoi "`,
`" thon "`…, on the padded word view), so the one pass also tells each pattern detector whether,
and where, its cue words occur; a detector whose words are absent returns at once instead of
running its own scans (`PhraseIndex.scan`, `Resources.gate_positions`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick

from ungxu.screening.normalize import NormalizedText, Normalizer, fold
from ungxu.screening.types import MIN_SEVERITY, Hit

__all__ = ["Match", "PhraseIndex", "Term", "hits_from_matches", "near", "padded_words", "spaced"]


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


class Match(NamedTuple):
    """A term found in the normalized text (`start`/`end` index `doc.text`). (A named tuple:
    several are made per text with a finding, and a frozen dataclass costs twice as much.)"""

    term: Term
    start: int
    end: int
    exact: bool  # the text carries the term's own diacritics (not a folded-only match)
    syllables: int


_NON_WORD_RE = re.compile(r"[\W_]")
# Full 128-entry table: a character missing from a translate table costs an exception.
_SPACE_ASCII = {c: c if chr(c).isalnum() else 32 for c in range(128)}


def spaced(folded: str) -> str:
    """`folded` with every non-word character turned into a space (same length)."""
    return folded.translate(_SPACE_ASCII) if folded.isascii() else _NON_WORD_RE.sub(" ", folded)


def padded_words(doc: NormalizedText) -> str:
    """ " " + spaced(doc.folded) + " ", computed once per document (cached in `doc.memo`)."""
    value = doc.memo.get("padded")
    if value is None:
        value = " " + spaced(doc.folded) + " "
        doc.memo["padded"] = value
    return value  # type: ignore[return-value]


# A word longer than this is not a word; bounds the context slices so 1 MB texts stay linear.
_MAX_WORD = 24


def near(padded: str, start: int, end: int, window: int, phrases: Sequence[str]) -> bool:
    """Whether one of `phrases` (folded, space-joined words) lies within `window` words of the
    span `start:end` of the text (`padded` is `padded_words(doc)`, offset by one)."""
    return _Context(phrases, window).found(padded, start, end)


def _words_around(padded: str, start: int, end: int, window: int) -> list[str]:
    """The words of the span `start:end` with up to `window` words on each side."""
    lo = max(0, start + 1 - _MAX_WORD * window)
    ahead = padded[end + 1 : end + 1 + _MAX_WORD * window]
    if window > 0:  # split off only the words kept (the same words as a full split)
        before = padded[lo : start + 1].rsplit(None, window)[-window:]
        after = ahead.split(None, window)[:window]
    else:
        before = padded[lo : start + 1].split()[-window:]
        after = ahead.split()[:window]
    return before + padded[start + 1 : end + 1].split() + after


class _Context:
    """A term's `unless_near` or `only_near` phrases, prepared once for `near` tests.

    A one-word phrase lies in the window exactly when it is one of the window's words (a set
    test). A phrase of several words needs the substring test on the re-joined window, and
    only when its first word is there (phrases with odd spacing are always tested).
    """

    __slots__ = ("firsts", "phrases", "window", "words")

    def __init__(self, phrases: Sequence[str], window: int) -> None:
        self.window = window
        self.words = frozenset(p for p in phrases if p and " " not in p)
        several = [p for p in phrases if not p or " " in p]
        self.phrases = tuple(f" {p} " for p in several)
        regular = all(p.split() == p.split(" ") for p in several)
        # None: some phrase is not plain words joined by single spaces (no shortcut).
        self.firsts = frozenset(p.split(" ")[0] for p in several) if regular else None

    def found(self, padded: str, start: int, end: int) -> bool:
        words = _words_around(padded, start, end, self.window)
        if not self.words.isdisjoint(words):
            return True
        if not self.phrases or (self.firsts is not None and self.firsts.isdisjoint(words)):
            return False
        around = " " + " ".join(words) + " "
        return any(p in around for p in self.phrases)


def _tone_table() -> dict[str, int]:
    """Precomposed letter → its tone mark (as a combining code point); toneless letters absent."""
    import unicodedata

    tones = {0x0300, 0x0301, 0x0303, 0x0309, 0x0323}
    table: dict[str, int] = {}
    for cp in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        for mark in unicodedata.normalize("NFD", chr(cp))[1:]:
            if ord(mark) in tones:
                table[chr(cp)] = ord(mark)
    return table


_TONE_OF = _tone_table()


def _tone(syllable: str) -> int:
    for ch in syllable:
        tone = _TONE_OF.get(ch)
        if tone is not None:
            return tone
    return 0


def _syllable_tones(accented: str) -> tuple[int, ...]:
    return tuple(_tone(word) for word in accented.split(" "))


def _restored_inside(doc: NormalizedText, start: int, end: int) -> bool:
    """Whether `text[start:end]` holds a letter restored from a `*` or a digit (`đ*t`, `l0n`):
    its diacritic is the normalizer's guess, so the tone check does not apply to the match."""
    original = doc.original
    return any(original[doc.to_original(i, i + 1)[0]] in _MASKS for i in range(start, end))


_MASKS = frozenset("*0123456789")


def _compatible(text: str, accented: str, folded: str, tones: tuple[int, ...] | None) -> bool:
    """Each char equal to the form's, or its bare letter; punctuation meets a space. With
    `tones`, a syllable carrying any diacritic must also carry the form's tone mark."""
    if text == accented:
        return True
    if not all(
        t in (a, f) or (a == " " and not t.isalnum())
        for t, a, f in zip(text, accented, folded, strict=True)
    ):
        return False
    if tones is None or text == folded:
        return True
    pos = 0
    for tone, word in zip(tones, accented.split(" "), strict=True):
        end = pos + len(word)
        syllable = text[pos:end]
        if syllable != folded[pos:end] and _tone(syllable) != tone:
            return False
        pos = end + 1
    return True


# (term index, accented form, per-syllable tones or None when tones are not checked)
_Entry = tuple[int, str, tuple[int, ...] | None]


# (term, exact, unless_near context, only_near context): a term a span is compatible with.
_Accepted = tuple[Term, bool, "_Context | None", "_Context | None"]
# Bound of each index's memory of span decisions (a few MB at most; see `PhraseIndex.scan`).
_DECIDED_MAX = 20_000


class PhraseIndex:
    """An automaton over the folded forms of `terms`; see the module docstring.

    Keys are stored as `" key "` and searched in `" " + text + " "` with every non-word
    character turned into a space, so the automaton itself enforces word boundaries: the
    Python loop only sees whole-word occurrences. `strict_tones=False` skips the per-syllable
    tone check (used for allow phrases and reporting contexts).

    Which terms a span of text is compatible with depends on that span alone (its folded key,
    hence its entries, is a function of it), and the same few spans come back in text after
    text (`cho`, `điện`, `đi`: everyday words whose folded key is a term's), so the decision
    is remembered per span text (bounded) and the tone check runs once per distinct span.
    Context rules depend on the neighbourhood, so they run on every occurrence.
    """

    def __init__(
        self,
        terms: Iterable[tuple[Term, Iterable[str]]],
        normalizer: Normalizer,
        *,
        strict_tones: bool = True,
        gates: Iterable[str] = (),
    ) -> None:
        self.terms: list[Term] = []
        table: dict[str, list[tuple[int, str]]] = {}
        for term, forms in terms:
            index = len(self.terms)
            self.terms.append(term)
            for form in forms:
                words = _NON_WORD_RE.sub(" ", normalizer.normalize(form).text).split()
                accented = " ".join(words)
                if not accented:
                    continue
                entries = table.setdefault(fold(accented), [])
                if (index, accented) not in entries:
                    entries.append((index, accented))
        self._automaton: ahocorasick.Automaton | None = None
        self.gates: frozenset[str] = frozenset(g for g in gates if g.strip())
        self._holds: dict[frozenset[str], bool] = {}
        # Span text → the terms it is compatible with (see `scan`); bounded.
        self._decided: dict[str, tuple[_Accepted, ...]] = {}
        self._contexts = [
            (
                _Context(t.unless_near, t.window) if t.unless_near else None,
                _Context(t.only_near, t.window) if t.only_near else None,
            )
            for t in self.terms
        ]
        if table or self.gates:
            values: dict[str, tuple[int, int, tuple[_Entry, ...], str | None]] = {}
            for key, entries in table.items():
                values[f" {key} "] = (
                    len(key),
                    key.count(" ") + 1,
                    tuple(
                        (index, accented, _syllable_tones(accented) if strict_tones else None)
                        for index, accented in entries
                    ),
                    None,
                )
            for gate in self.gates:
                length, syllables, entries_, _ = values.get(gate, (0, 0, (), None))
                values[gate] = (length, syllables, entries_, gate)
            automaton = ahocorasick.Automaton()
            for word, value in values.items():
                automaton.add_word(word, value)
            automaton.make_automaton()
            self._automaton = automaton
        self.vocabulary: frozenset[str] = frozenset(
            word for _, entries in table.items() for _, a in entries for word in a.split()
        )

    def __len__(self) -> int:
        return len(self.terms)

    def holds_gates(self, needles: frozenset[str]) -> bool:
        """Whether every one of `needles` is a gate word of this index (cached per set)."""
        held = self._holds.get(needles)
        if held is None:
            held = self.gates.issuperset(needles)
            self._holds[needles] = held
        return held

    def find(self, doc: NormalizedText) -> list[Match]:
        """Every term occurrence on word boundaries that passes its context rules."""
        return self.scan(doc)[0]

    def scan(self, doc: NormalizedText) -> tuple[list[Match], dict[str, list[int]]]:
        """`find`, plus the start (in `padded_words(doc)`) of every gate word occurrence."""
        found: list[Match] = []
        gates: dict[str, list[int]] = {}
        if self._automaton is None or not doc.text:
            return found, gates
        text = doc.text
        padded = padded_words(doc)
        # Letters restored from a mask relax the tone check at their positions only, so the
        # decision then depends on more than the span: no memory for such documents.
        masked = bool(doc.memo.get("masked"))
        decided = self._decided
        for last, (length, syllables, entries, gate) in self._automaton.iter(padded):
            if gate is not None:
                positions = gates.get(gate)
                if positions is None:
                    gates[gate] = [last - len(gate) + 1]
                else:
                    positions.append(last - len(gate) + 1)
                if not entries:
                    continue
            # padded[last] is the closing space; the word spans padded[last-length:last],
            # i.e. text[last-length-1:last-1].
            start, end = last - length - 1, last - 1
            span = text[start:end]
            accepted = None if masked else decided.get(span)
            if accepted is None:
                accepted = self._accept(doc, start, end, entries, masked)
                if not masked and len(decided) < _DECIDED_MAX:
                    decided[span] = accepted
            for term, exact, unless, only in accepted:
                if unless is not None and unless.found(padded, start, end):
                    continue
                if only is not None and not only.found(padded, start, end):
                    continue
                found.append(Match(term, start, end, exact, syllables))
        return found, gates

    def _accept(
        self,
        doc: NormalizedText,
        start: int,
        end: int,
        entries: tuple[_Entry, ...],
        masked: bool,
    ) -> tuple[_Accepted, ...]:
        """The terms whose forms `text[start:end]` is compatible with, in entry order, each
        with whether a form matches exactly and its context rules (tested by the caller)."""
        span = doc.text[start:end]
        key = doc.folded[start:end]
        terms = self.terms
        seen: set[int] = set()
        accepted: list[_Accepted] = []
        for index, accented, tones in entries:
            if index in seen:
                continue
            term = terms[index]
            exact = span == accented
            if not exact:
                # `fold = false`: only an exact form counts (tested first: "cho", "lon"…
                # are everyday words, and their entries are the most frequent hits).
                if not term.fold:
                    continue
                if not _compatible(span, accented, key, tones) and not (
                    masked
                    and tones is not None
                    and _restored_inside(doc, start, end)
                    and _compatible(span, accented, key, None)
                ):
                    continue
                # Another form of the same term may match exactly (preferred).
                exact = any(i == index and span == a for i, a, _ in entries)
            # A term rejected by its context rules is not tried again through another form.
            seen.add(index)
            accepted.append((term, exact, *self._contexts[index]))
        return tuple(accepted)


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
