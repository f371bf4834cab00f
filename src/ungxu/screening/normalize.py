"""Normalization of Vietnamese social-media text, with a map back to the original offsets.

`normalize(text)` returns a `NormalizedText` whose `text` is what the detectors read and whose
`folded` is the same string without diacritics (same length, so an index into one is an index into
the other). Steps, in order:

1. zero-width, bidi and control characters dropped;
2. look-alike letters (Cyrillic, Greek, fullwidth, "fancy" mathematical letters) mapped to
   Latin/Vietnamese letters, then lower case;
3. NFC (after step 2 so a fancy letter followed by a combining mark composes);
4. tone marks moved to one placement: the "new" style `hoà`, `khoẻ`, `thuỷ` (`hòa` → `hoà`);
5. single letters separated by spaces (`n g u`, three or more; two only when the joined token is
   a known lexicon/teencode token) or by `.`, `-`, `_`, `·`… inside a word (`đ.m`, `c-h-ó`) joined;
6. `*` standing for a letter restored from the lexicon vocabulary (`đ*t`), else dropped when it
   sits between letters; digits standing for letters (`ch0`, `d1t`, `l0n`) restored;
7. emphasis repeats collapsed: runs of three or more of a letter (compared without diacritics, so
   `ngủuuu` → `ngủ`) become one; a double becomes one only when that yields a vocabulary token
   (`nguu` → `ngu`, while `xoong` stays);
8. teencode/abbreviations expanded on whole tokens (`ko` → `không`).

Speed: each step is gated by a compiled regex search or a C-level string method, and the offset
map is only materialised when a step changes the length. A step that rewrites text records edits
`(start, end, replacement)`; every replacement character maps to the original span of what it
replaced. A normalizer also remembers (bounded) the whitespace tokens it has seen that need neither
a repeat nor a teencode repair; a text made only of such tokens skips those two gates.

Token memory: every step but the joining of spaced letters (5) stays inside one whitespace token,
and the `*` and digit repairs (6), which read the neighbouring words, are never memorised. So a
normalizer keeps (bounded) each new token's normalization alone: its text and folded pieces, and
for a repaired token ("ko", "huu", "đ.m") its own offset map. A text whose tokens are all
memorised and separated by single spaces is then their pieces joined by spaces: one split, one
C-level dict lookup per piece kind, a join and the spaced-letter gate — no character-level pass
but the word view. Its offset map is identity except at the repaired tokens, and is only built
when a detector first asks `to_original` (most texts have no finding). Such a document also
keeps its pieces (the normalized whitespace tokens, `memo["pieces"]`), which the classifier
looks up whole. A property test checks both memories against a normalizer without them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache, partial
from operator import itemgetter
from pathlib import Path

__all__ = [
    "NormalizedText",
    "Normalizer",
    "TextDecodeError",
    "canonical",
    "fold",
    "normalize",
    "read_text_file",
]

_Edits = list[tuple[int, int, str]]
# The offset map of a repaired token normalized alone: starts and ends of each character.
_OffsetMap = tuple[Sequence[int], Sequence[int]]

# ---------------------------------------------------------------------------------------------
# Static tables (built once at import).

_DROP_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u034f\u061c\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufe00-\ufe0f\ufeff]"
)
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_CLUSTER_RE = re.compile(f"[^{_MARKS}][{_MARKS}]+")


def _build_fold_table() -> dict[int, int]:
    # Identity entries for every Latin code point too: str.translate is much slower on a miss
    # (an exception per character) than on a hit.
    table: dict[int, int] = {}
    for cp in (
        list(range(0x0000, 0x0250)) + list(range(0x0300, 0x0370)) + list(range(0x1E00, 0x1F00))
    ):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii() and base.isalpha():
            table[cp] = ord(base.lower() if ch.islower() else base)
        else:
            table[cp] = cp
    table[0x0111] = ord("d")
    table[0x0110] = ord("D")
    return table


_FOLD_TABLE = _build_fold_table()


def fold(text: str) -> str:
    """Diacritics removed and `đ` → `d`; the result has the same length as `text`."""
    return text if text.isascii() else text.translate(_FOLD_TABLE)


def _compat_letter_table() -> dict[int, str]:
    """Fullwidth, mathematical and circled/squared letters → ASCII (via NFKC, one char only)."""
    table: dict[int, str] = {}
    ranges = [(0xFF01, 0xFF5F), (0x1D400, 0x1D800), (0x24B6, 0x24EA), (0x1F130, 0x1F18A)]
    for lo, hi in ranges:
        for cp in range(lo, hi):
            mapped = unicodedata.normalize("NFKC", chr(cp))
            if len(mapped) == 1 and mapped.isascii() and mapped != chr(cp):
                table[cp] = mapped
    return table


def _read_confusables(path: Path) -> dict[int, str]:
    table: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        source, _, target = line.partition("\t")
        if len(source) == 1 and len(target) == 1:
            table[ord(source)] = target
    return table


_CONFUSABLES_PATH = Path(__file__).with_name("data") / "confusables.tsv"


def _build_confusable_table(path: Path) -> dict[int, str]:
    table = _compat_letter_table()
    if path.is_file():
        table.update(_read_confusables(path))
    table[0x0130] = "i"  # the only char whose lower() changes length
    return table


_CONFUSABLE_TABLE = _build_confusable_table(_CONFUSABLES_PATH)


def _char_class(codepoints: Iterable[int]) -> str:
    """A regex character class of ranges (a class of thousands of single chars is slow)."""
    points = sorted(set(codepoints))
    parts: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        lo, hi = chr(points[i]), chr(points[j])
        parts.append(re.escape(lo) if i == j else f"{re.escape(lo)}-{re.escape(hi)}")
        i = j + 1
    return "[" + "".join(parts) + "]"


_DROP_CHARS = frozenset(chr(c) for c in range(0x10000) if _DROP_RE.match(chr(c)))
_CONFUSABLE_RE = re.compile(_char_class(_CONFUSABLE_TABLE))
_BMP_CONFUSABLES = frozenset(chr(c) for c in _CONFUSABLE_TABLE if c < 0x10000)
# One scan finds every "rare" character a step cares about (controls, look-alikes, digits, `*`);
# a clean comment yields an empty list and skips those steps. Astral look-alikes (mathematical
# letters) are caught by `_ASTRAL_RE`, which only runs on texts that are not pure BMP. (An astral
# range inside `_RARE_RE` made that scan seven times slower.)
_RARE_RE = re.compile(
    _char_class([ord(c) for c in _DROP_CHARS | _BMP_CONFUSABLES] + [ord(c) for c in "0123456789*"])
)
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


def _tone_table() -> dict[str, str]:
    """Old-style pairs (`òa`) → new style (`oà`): the mark moves to the second vowel."""
    table: dict[str, str] = {}
    for mark in ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323"):
        for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
            old = unicodedata.normalize("NFC", first + mark) + second
            new = first + unicodedata.normalize("NFC", second + mark)
            table[old] = new
    return table


_TONE_TABLE = _tone_table()
# Only in an open syllable (no letter after) and not after `q` (`qu` is a consonant).
_TONE_RE = re.compile(
    "(?<!q)(?:" + "|".join(sorted(_TONE_TABLE)) + r")(?![^\W\d_])",
)
_TONE_GATE_RE = re.compile("[òóỏõọùúủũụ][aey]")  # a superset gate with a plain charset prefix

_LETTER = r"[^\W\d_]"
_SEP_CHARS = ".\\-_·•~^'’+|"
_SPACED_RE = re.compile(
    rf"(?<![\w*{_SEP_CHARS}])(?:{_LETTER} ){{1,}}{_LETTER}(?![\w*{_SEP_CHARS}])"
)
_DOTTED_RE = re.compile(rf"(?<![\w*])(?:{_LETTER}{{1,2}}[{_SEP_CHARS}])+{_LETTER}{{1,2}}(?![\w*])")
_DOTTED_SEP_RE = re.compile(f"[{_SEP_CHARS}]")
_DOTTED_GATE_RE = re.compile(f"[{_SEP_CHARS}](?={_LETTER})")
_DIGITS_STAR = frozenset("0123456789*")
_DIGITS = frozenset("0123456789")
# Two single characters in a row (" n g u ", " đ m "), read on the padded word view (where
# every non-word character, whitespace included, is a plain space).
_PAIR_RE = re.compile(" [^ ] [^ ] ")
# ASCII alphanumerics kept, every other byte a space: `bytes.translate` of an ASCII folded text
# (the common case: folded Vietnamese is ASCII) is several times cheaper than `str.translate`.
_SPACE_BYTES = bytes(c if chr(c).isalnum() else 32 for c in range(256))
_NON_WORD_RE = re.compile(r"[\W_]")


def _padded(folded: str) -> str:
    """ " " + folded with every non-word character as a space + " " (same offsets plus one)."""
    if folded.isascii():
        body = folded.encode("ascii").translate(_SPACE_BYTES).decode("ascii")
    else:
        body = _NON_WORD_RE.sub(" ", folded)
    return f" {body} "


_PUNCT = "".join(chr(c) for c in range(0x21, 0x80) if not chr(c).isalnum()) + "…“”‘’«»–—"
_STAR_TOKEN_RE = re.compile(r"(?<![^\W_*])[^\W\d_*]*\*[^\W\d_*]*(?![^\W_*])")
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t"}
_LEET_GATE_RE = re.compile(r"[^\W\d_][013457](?!\d)|(?<!\d)[013457][^\W\d_]")
_ALNUM_TOKEN_RE = re.compile(r"[^\W_]+")
_DIGIT_RUN_RE = re.compile(r"\d+")
_RUN3_RE = re.compile(r"([a-z])\1{2,}")
_RUN2_RE = re.compile(r"([a-z])\1")
# Bound of the per-normalizer memories of plain words and of tokens (some 20 MB when full; the
# vocabulary of comments is Zipfian, so the first tens of thousands of words cover nearly every
# text).
_PLAIN_WORDS_MAX = 50_000
# New tokens normalized alone per text for the token memory (bounds the cost of a text full of
# new words), and the longest token memorised (a longer one is no word: it would only fill
# memory).
_LEARN_PER_TEXT = 32
_TOKEN_MAX = 40


@lru_cache(maxsize=512)
def _key_regex(keys: frozenset[str]) -> re.Pattern[str]:
    """Whole-token occurrences of `keys` (the teencode keys a text may contain), longest first."""
    body = "|".join(re.escape(k) for k in sorted(keys, key=lambda k: (-len(k), k)))
    return re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])")


def _retone(s: str) -> str:
    """Tone marks moved to the new placement (same length: two letters swap their mark)."""
    return _TONE_RE.sub(lambda m: _TONE_TABLE[m.group()], s) if _TONE_GATE_RE.search(s) else s


def canonical(text: str) -> str:
    """The character-level steps only (controls, look-alikes, case, NFC, tone placement).

    Used for data entries (teencode keys, context phrases) that must meet normalized text.
    """
    s = _DROP_RE.sub("", text).translate(_CONFUSABLE_TABLE).lower()
    s = unicodedata.normalize("NFC", s)
    return _TONE_RE.sub(lambda m: _TONE_TABLE[m.group()], s).strip()


# ---------------------------------------------------------------------------------------------
class NormalizedText:
    """Normalized `text`, its diacritic-free `folded` twin and the map back to `original`."""

    __slots__ = ("_ends", "_map_builder", "_starts", "folded", "memo", "original", "text")

    def __init__(
        self,
        original: str,
        text: str,
        folded: str,
        starts: list[int] | None = None,
        ends: list[int] | None = None,
        map_builder: Callable[[], tuple[list[int], list[int]]] | None = None,
    ) -> None:
        self.original = original
        self.text = text
        self.folded = folded
        # starts[i]/ends[i]: original span of text[i]; None means identity (no length change).
        self._starts = starts
        self._ends = ends
        # Or a function computing them, called on the first `to_original` (most documents
        # have no finding, so never pay for it).
        self._map_builder = map_builder
        # Per-document scratch space shared by detectors (e.g. the term matches, computed once).
        self.memo: dict[str, object] = {}

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The tightest span of `original` that produced `text[start:end]`."""
        if self._map_builder is not None:
            self._starts, self._ends = self._map_builder()
            self._map_builder = None
        n = len(self.text)
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        if self._starts is None or self._ends is None:
            return start, end
        if start == end:
            pos = self._starts[start] if start < n else len(self.original)
            return pos, pos
        return self._starts[start], max(self._ends[end - 1], self._starts[start])

    def __repr__(self) -> str:
        return f"NormalizedText(text={self.text!r})"


def _apply_edits(
    s: str, starts: list[int] | None, ends: list[int] | None, edits: _Edits
) -> tuple[str, list[int], list[int]]:
    """Apply sorted, non-overlapping edits and carry the offset map along."""
    if starts is None or ends is None:
        starts = list(range(len(s)))
        ends = list(range(1, len(s) + 1))
    out: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    pos = 0
    for a, b, rep in edits:
        out.append(s[pos:a])
        new_starts.extend(starts[pos:a])
        new_ends.extend(ends[pos:a])
        if rep:
            out.append(rep)
            if len(rep) == b - a:
                new_starts.extend(starts[a:b])
                new_ends.extend(ends[a:b])
            else:
                span_start, span_end = starts[a], ends[b - 1]
                new_starts.extend([span_start] * len(rep))
                new_ends.extend([span_end] * len(rep))
        pos = b
    out.append(s[pos:])
    new_starts.extend(starts[pos:])
    new_ends.extend(ends[pos:])
    return "".join(out), new_starts, new_ends


def _plain_document(
    original: str,
    text: str,
    folded: str,
    padded: str,
    map_builder: Callable[[], tuple[list[int], list[int]]] | None = None,
) -> NormalizedText:
    """A document with no digit and no `*` in its original (the memorised tokens have none)."""
    doc = NormalizedText(original, text, folded, None, None, map_builder)
    memo = doc.memo
    memo["padded"] = padded
    memo["digits"] = False
    memo["masked"] = False
    return doc


def _char_steps(original: str) -> tuple[str, list[int] | None, list[int] | None, set[str]]:
    """Steps 1–4 (controls, look-alikes, case, NFC, tone placement): the text, its offset map
    (None while the length is unchanged) and the rare characters of `original` (`_RARE_RE`)."""
    s = original
    starts: list[int] | None = None
    ends: list[int] | None = None
    rare = set(_RARE_RE.findall(s)) if not s.isascii() or not s.isalpha() else set()
    if rare and not _DROP_CHARS.isdisjoint(rare):
        edits: _Edits = [(m.start(), m.end(), "") for m in _DROP_RE.finditer(s)]
        s, starts, ends = _apply_edits(s, starts, ends, edits)
    if s.isascii():
        return s.lower(), starts, ends, rare
    if not _BMP_CONFUSABLES.isdisjoint(rare) or (_ASTRAL_RE.search(s) and _CONFUSABLE_RE.search(s)):
        s = s.translate(_CONFUSABLE_TABLE)
    s = s.lower()
    if not unicodedata.is_normalized("NFC", s):
        edits = []
        for m in _CLUSTER_RE.finditer(s):
            composed = unicodedata.normalize("NFC", m.group())
            if composed != m.group():
                edits.append((m.start(), m.end(), composed))
        if edits:
            s, starts, ends = _apply_edits(s, starts, ends, edits)
    if _TONE_GATE_RE.search(s):
        s = _TONE_RE.sub(lambda m: _TONE_TABLE[m.group()], s)
    return s, starts, ends, rare


def _offset_map(
    original: str, tokens: list[str], repairs: Mapping[str, _OffsetMap]
) -> tuple[list[int], list[int]]:
    """The offset map of single-space separated `tokens`: identity but for the repaired ones,
    whose own map (normalized alone) is shifted to their place. (`repairs` is a normalizer's
    live memory: it only grows, and a token composed as unchanged never enters it.)"""
    starts: list[int] = []
    ends: list[int] = []
    pos = done = 0  # pos: the token's offset in `original`; the map covers `original[:done]`
    for token in tokens:
        repair = repairs.get(token)
        if repair is not None:
            rel_starts, rel_ends = repair
            starts.extend(range(done, pos))
            ends.extend(range(done + 1, pos + 1))
            starts.extend([pos + i for i in rel_starts])
            ends.extend([pos + i for i in rel_ends])
            done = pos + len(token)
        pos += len(token) + 1
    starts.extend(range(done, len(original)))
    ends.extend(range(done + 1, len(original) + 1))
    return starts, ends


def _has_letter_alone(folded: str) -> bool:
    """Whether the word view of `folded` holds a one-character word (half a spaced pair)."""
    return any(len(word) == 1 for word in _padded(folded).split())


def _composable(token: str) -> bool:
    """Whether `token` normalizes alone as inside any text: no digit or `*` (repaired from the
    neighbouring words), no control or look-alike (one anywhere in a text sends the whole text
    through the look-alike table)."""
    return not _RARE_RE.search(token) and not (
        _ASTRAL_RE.search(token) and _CONFUSABLE_RE.search(token)
    )


def _one_key(key: str) -> Callable[[Mapping[str, str]], tuple[str, ...]]:
    """`itemgetter(key)`, but returning a tuple like `itemgetter` of several keys does."""
    return lambda table: (table[key],)


class Normalizer:
    """Normalizes text; `teencode` and `vocabulary` come from the data files.

    `vocabulary` is the set of tokens the lexicons know (normalized); it decides the ambiguous
    repairs (a doubled letter, two spaced letters, a `*`), so those only fire when they produce
    something a detector can use.
    """

    def __init__(
        self,
        teencode: Mapping[str, str] | None = None,
        vocabulary: Iterable[str] = (),
        bigrams: Iterable[str] = (),
    ) -> None:
        self.teencode: dict[str, str] = {}
        for short, expansion in (teencode or {}).items():
            key, value = canonical(short), canonical(expansion)
            if key and value and key not in self.teencode:
                self.teencode[key] = value
        self._teencode_keys = frozenset(self.teencode)
        self._teencode_folded = frozenset(fold(k) for k in self.teencode)
        self._by_fold: dict[str, list[str]] = {}
        for key in self.teencode:
            self._by_fold.setdefault(fold(key), []).append(key)
        ordered = list(dict.fromkeys(t for t in vocabulary if t))
        vocab = set(ordered)
        self.vocabulary = frozenset(vocab | {fold(t) for t in vocab} | self._teencode_keys)
        # "d*t" → candidates ("ị", "dit"), ("ặ", "dat")…: one-star patterns over the vocabulary,
        # in the caller's priority order (category lexicons before cue vocabularies). Several
        # candidates are told apart by the neighbouring word (`bigrams`, folded word pairs).
        star: dict[str, list[tuple[str, str]]] = {}
        for token in ordered:
            folded = fold(token)
            if not 2 <= len(token) <= 8 or not token.isalpha():
                continue
            for i in range(len(token)):
                options = star.setdefault(folded[:i] + "*" + folded[i + 1 :], [])
                if all(f != folded for _, f in options):
                    options.append((token[i], folded))
        self._bigrams = frozenset(bigrams)
        self._star = star
        # Whitespace tokens known to need no repeat or teencode repair (see `_normalize`), and
        # how many to remember (0 turns the memory off; the tests compare both ways).
        self._plain_words: set[str] = set()
        self.plain_memory = _PLAIN_WORDS_MAX
        # Original whitespace tokens normalized alone (see `normalize`): those that come out
        # as their re-toned lower case (`_token_*`); every memorised token, repaired ones
        # included (`_piece_*`); the offset maps of the repaired ones ("ko", "huu", "đ.m");
        # and the tokens never to be composed (digits, `*`, look-alikes, controls, expansions
        # holding a space, one-letter words such as the teencode "k").
        self._token_text: dict[str, str] = {}
        self._token_folded: dict[str, str] = {}
        self._piece_text: dict[str, str] = {}
        self._piece_folded: dict[str, str] = {}
        self._token_repairs: dict[str, _OffsetMap] = {}
        self._other_tokens: set[str] = set()
        self.token_memory = _PLAIN_WORDS_MAX

    # -- steps ---------------------------------------------------------------------------------
    def normalize(self, original: str) -> NormalizedText:
        """Normalize `original`; see the module docstring for the steps.

        Fast paths: every step but the joining of spaced letters works inside one whitespace
        token (and `*` and digits, which read the neighbouring words, are never memorised). So
        when every token of a text separated by single spaces has been normalized alone before,
        and no two one-letter words meet (`_PAIR_RE`, the gate of the spaced-letter step), the
        result is the tokens' results joined by spaces, their offset maps shifted into place.
        """
        doc = self._from_memory(original)
        if doc is not None:
            return doc
        tokens = original.split()
        # New tokens are learned first (each normalized alone, as they would be afterwards
        # anyway): a text with one new word then takes the fast path instead of the whole-text
        # steps, which cost several times more than learning the word.
        if self._memory_size() < self.token_memory and self._learn_tokens(tokens):
            doc = self._from_memory(original)
            if doc is not None:
                return doc
        if tokens:
            doc = self._known_tokens_spaced_otherwise(original, tokens)
            if doc is not None:
                return doc
        return self._normalize(original)

    def _memory_size(self) -> int:
        return len(self._piece_text) + len(self._other_tokens)

    def _from_memory(self, original: str) -> NormalizedText | None:
        """The normalization of a text of memorised tokens separated by single spaces, or None
        (take the long way)."""
        # Split on " " alone: memorised tokens hold no whitespace and are never empty, so when
        # every piece is found, this is `original.split()` and the text is singly spaced.
        tokens = original.split(" ")
        lookup = itemgetter(*tokens) if len(tokens) > 1 else _one_key(tokens[0])
        try:
            texts: tuple[str, ...] = lookup(self._token_text)
        except KeyError:  # a repaired token, one never seen or never composed, other spaces
            return self._compose(original, tokens, lookup)
        s = " ".join(texts)
        folded = s if s.isascii() else " ".join(lookup(self._token_folded))
        padded = _padded(folded)
        if _PAIR_RE.search(padded) and self._spaced(s):
            return None
        doc = _plain_document(original, s, folded, padded)
        doc.memo["pieces"] = texts
        return doc

    def _known_tokens_spaced_otherwise(
        self, original: str, tokens: list[str]
    ) -> NormalizedText | None:
        """Tokens that come out unchanged between other whitespace (newlines, tabs, runs): the
        whole-text character steps, unless a rare character (a control that is whitespace and
        would be dropped, joining two tokens) is present."""
        if not all(map(self._token_text.__contains__, tokens)):
            return None
        if _RARE_RE.search(original):
            return None
        s = original.lower()
        if not s.isascii():
            s = _retone(s)
        folded = fold(s)
        padded = _padded(folded)
        if _PAIR_RE.search(padded) and self._spaced(s):
            return None
        return _plain_document(original, s, folded, padded)

    def _compose(
        self,
        original: str,
        tokens: list[str],
        lookup: Callable[[Mapping[str, str]], tuple[str, ...]],
    ) -> NormalizedText | None:
        """Tokens with repairs ("ko" → "không") among unchanged ones: the pieces joined; the
        offset map (each repaired token's own map shifted into place, identity elsewhere) is
        built on first use."""
        try:
            texts: tuple[str, ...] = lookup(self._piece_text)
        except KeyError:
            return None
        s = " ".join(texts)
        folded = " ".join(lookup(self._piece_folded))
        padded = _padded(folded)
        # A repaired token has no one-letter word before or after its repair (`_learn_token`),
        # so the spaced-letter step finds the same letters in the repaired text as before.
        if _PAIR_RE.search(padded) and self._spaced(s):
            return None
        builder = partial(_offset_map, original, tokens, self._token_repairs)
        doc = _plain_document(original, s, folded, padded, builder)
        doc.memo["pieces"] = texts
        return doc

    def learn(self, tokens: Iterable[str]) -> None:
        """Memorise `tokens` (words, no whitespace) ahead of their first text, as far as the
        token memory allows: a warm start with the everyday words of a stream."""
        for token in tokens:
            if self._memory_size() >= self.token_memory:
                break
            if token and token.split() == [token] and self._is_new(token):
                self._learn_token(token)

    def _learn_tokens(self, tokens: list[str]) -> bool:
        """Normalize new tokens alone and remember the results (a few per text); whether any
        token was new."""
        budget = _LEARN_PER_TEXT
        for token in tokens:
            if not self._is_new(token):
                continue
            if budget == 0:
                break
            budget -= 1
            self._learn_token(token)
        return budget < _LEARN_PER_TEXT

    def _is_new(self, token: str) -> bool:
        """Whether `token` is neither memorised nor marked, and short enough to memorise."""
        return (
            len(token) <= _TOKEN_MAX
            and token not in self._piece_text
            and token not in self._other_tokens
        )

    def _learn_token(self, token: str) -> None:
        """Memorise `token` normalized alone, or mark it as never to be composed.

        The text piece is written last: readers look it up first, so another thread never finds
        it without the rest."""
        alone = self._normalize(token) if _composable(token) else None
        # One non-empty piece without whitespace, so the joined pieces keep the tokens apart.
        if alone is None or alone.text.split() != [alone.text]:
            self._other_tokens.add(token)  # never examined again
        elif alone._starts is None and alone.text == _retone(token.lower()):
            text = token if alone.text == token else alone.text  # equal strings shared
            folded = text if alone.folded == text else alone.folded
            self._token_folded[token] = self._piece_folded[token] = folded
            self._token_text[token] = self._piece_text[token] = text
        elif _has_letter_alone(fold(_char_steps(token)[0])) or _has_letter_alone(alone.folded):
            # A one-letter word ("k" → "không") could join spaced letters before its repair.
            self._other_tokens.add(token)
        else:
            if alone._starts is None or alone._ends is None:  # same length, in place
                self._token_repairs[token] = (range(len(alone.text)), range(1, len(alone.text) + 1))
            else:
                self._token_repairs[token] = (tuple(alone._starts), tuple(alone._ends))
            self._piece_folded[token] = alone.folded
            self._piece_text[token] = alone.text

    def _normalize(self, original: str) -> NormalizedText:
        s, starts, ends, rare = _char_steps(original)
        has_digit_or_star = not _DIGITS_STAR.isdisjoint(rare)

        # Folded copy kept in step with `s` (the repeat steps compare letters without marks),
        # and its word view `padded` (" " + folded with punctuation as spaces + " "), which the
        # gates below and the detectors share.
        folded = fold(s)
        padded = _padded(folded)
        # Whitespace tokens already seen with no doubled letter, no separator inside and no
        # teencode key skip those gates (regex scans and a set test): the common case in a
        # stream of comments.
        words = s.split()
        known = not has_digit_or_star and self._plain_words.issuperset(words)
        changed = False
        if _PAIR_RE.search(padded) or (not known and _DOTTED_GATE_RE.search(s)):
            for step in (self._spaced, self._dotted):
                edits = step(s)
                if edits:
                    s, starts, ends = _apply_edits(s, starts, ends, edits)
                    changed = True
        masked = False
        if has_digit_or_star:
            for step in (self._stars, self._leet):
                edits = step(s)
                if edits:
                    s, starts, ends = _apply_edits(s, starts, ends, edits)
                    changed = masked = True
        if changed:
            folded = fold(s)
            padded = _padded(folded)
            known = False
        if not known and _RUN2_RE.search(folded):
            for repeat_step in (self._runs, self._doubles):
                edits = repeat_step(s, folded)
                if edits:
                    s, starts, ends = _apply_edits(s, starts, ends, edits)
                    folded = fold(s)
                    padded = _padded(folded)

        # Teencode keys are whole tokens, and the padded word view has exactly the tokens of `s`
        # folded: one split and one set test rule out the common case (no key at all).
        if (
            not known
            and self._teencode_folded
            and not self._teencode_folded.isdisjoint(padded.split())
        ):
            table = self.teencode
            present = self._teencode_folded.intersection(padded.split())
            candidates = frozenset(k for f in present for k in self._by_fold[f])
            edits = [
                (m.start(), m.end(), table[m.group()]) for m in _key_regex(candidates).finditer(s)
            ]
            if edits:
                s, starts, ends = _apply_edits(s, starts, ends, edits)
                folded = fold(s)
                padded = _padded(folded)

        if not known and not has_digit_or_star:
            self._learn_plain(words)
        doc = NormalizedText(original, s, folded, starts, ends)
        memo = doc.memo
        memo["padded"] = padded
        # Detectors reading the original text skip their digit patterns when there is none.
        memo["digits"] = not _DIGITS.isdisjoint(rare)
        # Letters restored from `*` or digits carry a guessed diacritic: the matcher does not
        # hold them to the term's tone mark.
        memo["masked"] = masked
        return doc

    def _learn_plain(self, words: list[str]) -> None:
        """Remember the tokens that need no repeat, separator or teencode step (bounded)."""
        plain = self._plain_words
        if len(plain) >= self.plain_memory:
            return
        keys = self._teencode_keys
        for word in words:
            if (
                word not in plain
                and not _RUN2_RE.search(fold(word))
                and not _DOTTED_GATE_RE.search(word)
                and keys.isdisjoint(_ALNUM_TOKEN_RE.findall(word))
            ):
                plain.add(word)

    def _spaced(self, s: str) -> _Edits:
        if " " not in s:
            return []
        edits: _Edits = []
        for m in _SPACED_RE.finditer(s):
            joined = m.group().replace(" ", "")
            if len(joined) < 3 and joined not in self.vocabulary:
                continue
            # "t à i k h o ả n" is two words: keep the spaces where known words meet.
            keep = self._segment(fold(joined)) if len(joined) >= 4 else set()
            edits.extend(
                (m.start() + 2 * k + 1, m.start() + 2 * k + 2, "")
                for k in range(len(joined) - 1)
                if k + 1 not in keep
            )
        return edits

    def _segment(self, letters: str) -> set[int]:
        """Boundaries splitting `letters` into known words (fewest words), or none."""
        if letters in self.vocabulary:
            return set()
        n = len(letters)
        best: list[tuple[int, int] | None] = [None] * (n + 1)  # (words, previous cut)
        best[0] = (0, 0)
        for end in range(1, n + 1):
            for start in range(max(0, end - 8), end):
                here = best[start]
                if here is not None and letters[start:end] in self.vocabulary:
                    candidate = (here[0] + 1, start)
                    current = best[end]
                    if current is None or candidate[0] < current[0]:
                        best[end] = candidate
        if best[n] is None:
            return set()
        cuts: set[int] = set()
        pos = n
        while pos > 0:
            entry = best[pos]
            assert entry is not None
            pos = entry[1]
            if pos:
                cuts.add(pos)
        return cuts

    def _dotted(self, s: str) -> _Edits:
        edits: _Edits = []
        for m in _DOTTED_RE.finditer(s):
            base = m.start()
            edits.extend(
                (base + d.start(), base + d.end(), "") for d in _DOTTED_SEP_RE.finditer(m.group())
            )
        return edits

    def _stars(self, s: str) -> _Edits:
        if "*" not in s:
            return []
        resolved: dict[int, str] = {}  # token start → folded word it was resolved to
        chosen: dict[int, tuple[int, str]] = {}  # token start → (star position, replacement)
        pending: list[tuple[re.Match[str], list[tuple[str, str]]]] = []
        for m in _STAR_TOKEN_RE.finditer(s):
            token = m.group()
            if token.count("*") != 1:
                continue
            star = token.index("*")
            options = self._star.get(fold(token))
            if not options:
                if 0 < star < len(token) - 1:  # a separator between letters
                    chosen[m.start()] = (star, "")
            elif len(options) == 1:
                chosen[m.start()] = (star, options[0][0])
                resolved[m.start()] = options[0][1]
            else:
                pending.append((m, options))
        for m, options in pending:
            before = fold(s[max(0, m.start() - 30) : m.start()]).split()
            prev = before[-1].strip(_PUNCT) if before else ""
            after_start = len(s[m.end() :]) - len(s[m.end() :].lstrip())
            nxt_pos = m.end() + after_start
            after = fold(s[nxt_pos : nxt_pos + 30]).split()
            nxt = resolved.get(nxt_pos) or (after[0].strip(_PUNCT) if after else "")
            pick = next(
                (
                    o
                    for o in options
                    if f"{prev} {o[1]}" in self._bigrams or f"{o[1]} {nxt}" in self._bigrams
                ),
                options[0],
            )
            chosen[m.start()] = (m.group().index("*"), pick[0])
        return [(start + pos, start + pos + 1, rep) for start, (pos, rep) in sorted(chosen.items())]

    def _leet(self, s: str) -> _Edits:
        if not _LEET_GATE_RE.search(s):
            return []
        edits: _Edits = []
        for m in _ALNUM_TOKEN_RE.finditer(s):
            token = m.group()
            if token.isalpha() or token.isdigit():
                continue
            runs = _DIGIT_RUN_RE.findall(token)
            letters = len(token) - sum(len(r) for r in runs)
            if letters < 2 or any(len(r) != 1 or r not in _LEET for r in runs):
                continue
            for d in _DIGIT_RUN_RE.finditer(token):
                pos = m.start() + d.start()
                edits.append((pos, pos + 1, _LEET[d.group()]))
        return edits

    def _runs(self, s: str, folded: str) -> _Edits:
        if not _RUN3_RE.search(folded):
            return []
        edits: _Edits = []
        for m in _RUN3_RE.finditer(folded):
            a, b = m.start(), m.end()
            # A token made of one repeated letter ("kkkk" laughter) is left alone.
            if (a == 0 or not folded[a - 1].isalnum()) and (
                b == len(folded) or not folded[b].isalnum()
            ):
                continue
            # A known token ("cccd", "www") is not emphasis.
            t0, t1 = a, b
            while t0 > 0 and folded[t0 - 1].isalnum():
                t0 -= 1
            while t1 < len(folded) and folded[t1].isalnum():
                t1 += 1
            if folded[t0:t1] in self.vocabulary:
                continue
            # Compared without diacritics so "ngủuuu" → "ngủ": keep the letter with a mark.
            run = s[a:b]
            keep = next((c for c in run if c != folded[a]), run[0])
            edits.append((a, b, keep))
        return edits

    def _doubles(self, s: str, folded: str) -> _Edits:
        if not self.vocabulary:
            return []
        edits: _Edits = []
        done_token = -1
        for d in _RUN2_RE.finditer(folded):
            t0, t1 = d.start(), d.end()
            while t0 > 0 and folded[t0 - 1].isalnum():
                t0 -= 1
            if t0 == done_token:
                continue  # one repair per token
            while t1 < len(folded) and folded[t1].isalnum():
                t1 += 1
            token = s[t0:t1]
            if token in self.vocabulary:
                continue
            i = d.start() - t0
            # keep the letter carrying a diacritic, drop its bare twin
            drop = i if token[i] == folded[d.start()] else i + 1
            if token[:drop] + token[drop + 1 :] in self.vocabulary:
                edits.append((t0 + drop, t0 + drop + 1, ""))
                done_token = t0
        return edits


# ---------------------------------------------------------------------------------------------
def normalize(text: str) -> NormalizedText:
    """Normalize with the default data (teencode + lexicon vocabulary from the data dir)."""
    from ungxu.screening.resources import default_resources

    return default_resources().normalizer.normalize(text)


class TextDecodeError(ValueError):
    """A file that is not valid UTF-8; the message is in Vietnamese and names the place."""


def read_text_file(path: str | Path) -> str:
    """Read a UTF-8 text file (with or without BOM) or raise `TextDecodeError`."""
    data = Path(path).read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise TextDecodeError(
            f"Tệp {path} không phải văn bản UTF-8 hợp lệ: byte lỗi ở dòng {line}, cột {column} "
            f"(vị trí byte {exc.start}). Hãy lưu lại tệp với mã hoá UTF-8."
        ) from exc
