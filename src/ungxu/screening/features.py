"""Feature extraction for the trained classifier.

A text is read as the normalizer left it: `text` (accented, lower case, teencode expanded) and
`folded` (same length, diacritics removed). Syllables are the runs of word characters; since both
strings have the same length, one set of syllable spans serves both.

Features, each a short string with a kind prefix so the families never collide:

* ``a:<ngram>`` / ``f:<ngram>`` — character n-grams of one syllable padded with a space on each
  side (like scikit-learn's ``char_wb``), from the accented and the folded syllable. ``bac ky`` and
  ``Bắc kỳ`` share every ``f:`` feature, which is how unaccented writing is caught.
* ``u:<syllable>`` / ``v:<folded syllable>`` — syllable unigrams.
* ``c:<f1> <f2>`` — folded syllable bigrams; ``b:<s1> <s2>``, accented ones, only when
  `FeatureConfig.accented_bigrams` is set (models before 2026-11-29 have them).

Why char n-grams stay inside a syllable: the features of one syllable then depend on that syllable
alone, so the model can precompute and cache the summed weights per distinct syllable (a few
thousand in real Vietnamese text) and score a text with one cache lookup per syllable plus one
lookup per bigram. Cross-syllable context is carried by the bigrams.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

SYLLABLE_RE = re.compile(r"\w+")

# A syllable longer than this is noise (a URL fragment, a run of digits, keyboard mashing): its
# char n-grams are still taken from a capped prefix so a 1 MB "word" costs linear, bounded work.
MAX_SYLLABLE_CHARS = 40


class NormalizedLike(Protocol):
    """What the classifier needs from `normalize()`'s result (see docs/engine.md)."""

    @property
    def text(self) -> str: ...

    @property
    def folded(self) -> str: ...


@dataclass(frozen=True, slots=True)
class FeatureConfig:
    """Which n-gram families to extract; stored in the model file so inference matches training."""

    char_min: int = 2
    char_max: int = 4
    syllable_bigrams: bool = True
    # Bigrams of the accented syllables (`b:`) as well as the folded ones (`c:`). Off for new
    # models: on the held-out corpus and ViHOS dev they changed macro-F1 by 0.001 and span F1 by
    # 0.002, while looking them up cost a fifth of the classifier's time (docs/engine.md).
    accented_bigrams: bool = False
    # Feature counts are multiplied by 1/sqrt(number of syllables), so a long clean text does not
    # pile up small weights into a violation and training converges faster.
    length_norm: bool = True

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "char_ngram": [self.char_min, self.char_max],
            "syllable_ngram": [1, 2 if self.syllable_bigrams else 1],
            "scheme": "syllable-char-wb",
            "length_norm": "inverse-sqrt-syllables" if self.length_norm else "none",
        }
        # Written only when it differs from what older files meant by its absence (both forms),
        # so a model from before the key keeps its content hash (its version).
        if not self.accented_bigrams:
            out["bigram_forms"] = ["folded"]
        return out

    def scale(self, syllable_count: int) -> float:
        """The factor every feature count of a text with `syllable_count` syllables gets."""
        return 1.0 / math.sqrt(max(syllable_count, 1)) if self.length_norm else 1.0

    @classmethod
    def from_dict(cls, data: object) -> FeatureConfig:
        if not isinstance(data, dict) or data.get("scheme") != "syllable-char-wb":
            raise ValueError("unknown feature scheme")
        char = data.get("char_ngram")
        syl = data.get("syllable_ngram")
        if (
            not isinstance(char, list)
            or len(char) != 2
            or not all(isinstance(n, int) and 1 <= n <= 8 for n in char)
            or char[0] > char[1]
            or not isinstance(syl, list)
            or len(syl) != 2
            or syl[1] not in (1, 2)
        ):
            raise ValueError("bad feature configuration")
        norm = data.get("length_norm")
        if norm not in ("inverse-sqrt-syllables", "none"):
            raise ValueError("bad length normalisation")
        # Files written before the key existed have both forms.
        forms = data.get("bigram_forms", ["accented", "folded"])
        if forms not in (["accented", "folded"], ["folded"]):
            raise ValueError("bad bigram forms")
        return cls(
            char_min=char[0],
            char_max=char[1],
            syllable_bigrams=syl[1] == 2,
            accented_bigrams=forms == ["accented", "folded"],
            length_norm=norm == "inverse-sqrt-syllables",
        )


def syllable_spans(text: str) -> list[tuple[int, int]]:
    """Start/end offsets of each syllable (run of word characters) in `text`."""
    return [m.span() for m in SYLLABLE_RE.finditer(text)]


def syllable_features(accented: str, folded: str, config: FeatureConfig) -> list[str]:
    """Features that depend on one syllable only (cached per syllable by the model)."""
    accented = accented[:MAX_SYLLABLE_CHARS]
    folded = folded[:MAX_SYLLABLE_CHARS]
    feats = [f"u:{accented}", f"v:{folded}"]
    lo, hi = config.char_min, config.char_max
    for prefix, word in (("a:", accented), ("f:", folded)):
        padded = f" {word} "
        size = len(padded)
        for n in range(lo, min(hi, size) + 1):
            for i in range(size - n + 1):
                feats.append(prefix + padded[i : i + n])
    return feats


def bigram_features(a1: str, f1: str, a2: str, f2: str, config: FeatureConfig) -> tuple[str, ...]:
    """Features of two adjacent syllables (the folded bigram; the accented one if configured)."""
    folded = f"c:{f1[:MAX_SYLLABLE_CHARS]} {f2[:MAX_SYLLABLE_CHARS]}"
    if not config.accented_bigrams:
        return (folded,)
    return (f"b:{a1[:MAX_SYLLABLE_CHARS]} {a2[:MAX_SYLLABLE_CHARS]}", folded)


def syllables(doc: NormalizedLike) -> list[tuple[int, int, str, str]]:
    """(start, end, accented, folded) for each syllable of a normalized text."""
    text, folded = doc.text, doc.folded
    if len(folded) != len(text):
        # The contract says they have the same length; if not, fold spans cannot be trusted, so
        # use the accented text for both rather than reading misaligned characters.
        folded = text
    return [(s, e, text[s:e], folded[s:e]) for s, e in syllable_spans(text)]


def iter_text_features(doc: NormalizedLike, config: FeatureConfig) -> Iterator[str]:
    """All features of a text, for training (inference uses the cached path in `model.py`)."""
    sylls = syllables(doc)
    for _, _, accented, folded in sylls:
        yield from syllable_features(accented, folded, config)
    if config.syllable_bigrams:
        for (_, _, a1, f1), (_, _, a2, f2) in itertools.pairwise(sylls):
            yield from bigram_features(a1, f1, a2, f2, config)
