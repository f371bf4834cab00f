"""The trained classifier: a linear model over syllable and character n-grams.

Training (see `training.py`) may use scikit-learn; this module never does. A model is a plain
vocabulary (feature string → row), a weight matrix, intercepts and a softmax temperature fitted on
a held-out fold, stored as gzip-compressed JSON (format in docs/engine.md). Loading never
unpickles anything, checks the format and version, and turns every problem into
`ModelFormatError` with a Vietnamese message.

Speed: the features of one syllable depend on that syllable alone (`features.py`), so the summed
weights of each distinct syllable are computed once and kept in a bounded cache, packed into one
Python int (`_Packing`). A whitespace piece of the normalized text ("hỏi,", "không") is cached
the same way: its syllables and the bigrams inside it summed into one int, with its first folded
syllable and the successor map of its last one. Scoring a text is then one C-level lookup of all
its pieces, one lookup per pair of neighbouring pieces (the folded bigram across them) and one
sum of ints (`best_of_pieces`). The float path (`best`, per syllable) serves models with accented
bigrams, the evidence, training-time evaluation and very long syllables.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import itertools
import json
import math
import os
import re
import struct
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ungxu.screening.features import (
    MAX_SYLLABLE_CHARS,
    SYLLABLE_RE,
    FeatureConfig,
    NormalizedLike,
    syllable_features,
    syllable_spans,
)
from ungxu.screening.normalize import fold
from ungxu.screening.types import CLEAN

FORMAT = "ungxu-model"
FORMAT_VERSION = 1

FloatArray = npt.NDArray[np.float32]
# A syllable longer than the feature cap: rare, so texts are only capped when one is present.
LONG_SYLLABLE_RE = re.compile(rf"\w{{{MAX_SYLLABLE_CHARS + 1}}}")
# The syllable index may hold this many entries per cache row: syllables without a known feature
# share the zero row, so they cost an index entry but no row.
INDEX_PER_ROW = 4
# Longest run of syllables reported as the evidence of a prediction (offending phrases are short).
MAX_EVIDENCE_SYLLABLES = 4


class ModelFormatError(ValueError):
    """A model file that is missing, unreadable, foreign or of another format version."""


@dataclass(frozen=True, slots=True)
class Prediction:
    """The model's answer for one text."""

    label: str
    probability: float
    probabilities: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class Evidence:
    """A run of syllables (offsets in the normalized text) that pushed towards a label."""

    start: int
    end: int
    weight: float


# A piece's entry: (its weights and its number of syllables packed into one int, see
# `_Packing`; its first folded syllable, "" for a piece without syllables; the folded bigrams
# that start with its last folded syllable, as second syllable → packed weights).
_Piece = tuple[int, str, dict[str, int]]
_NO_SUCCESSORS: dict[str, int] = {}  # shared, never written (a plain dict for `dict.get`)

# Weights as integer multiples of (largest |weight|) / _LEVELS: as fine as float32 sums.
_LEVELS = 1 << 20
_FIELD_BITS = 64


class _Packing:
    """One label-weight vector as ONE Python int: label i's weight, in integer multiples of
    `unit`, at bits 64·i. Packing is linear, so the packed sum of a text's pieces is the pack of
    their summed weights: scoring adds a few dozen ints in one C-level `sum` (a numpy gather and
    reduce cost more, in fixed costs per call, than all of it). A sum stays far inside 63 bits
    per field (2**20 per feature and weight), and adding `offset` makes every field
    non-negative, so `fields` reads them with one `struct` unpack. A piece also counts its
    syllables in one more field on top (`count_unit`), so the same sum counts a text's.
    """

    __slots__ = (
        "_bias",
        "_row_bytes",
        "_struct",
        "count_shift",
        "count_unit",
        "n_bytes",
        "offset",
        "unit",
    )

    def __init__(self, n_labels: int, largest: float) -> None:
        self.unit = (largest or 1.0) / _LEVELS
        half = 1 << (_FIELD_BITS - 2)
        self._bias = sum(half << (_FIELD_BITS * i) for i in range(n_labels))
        self.offset = 2 * self._bias
        self.count_shift = n_labels * _FIELD_BITS
        self.count_unit = 1 << self.count_shift
        self._row_bytes = n_labels * _FIELD_BITS // 8
        self.n_bytes = self._row_bytes + _FIELD_BITS // 8
        self._struct = struct.Struct(f"<{n_labels}Q{_FIELD_BITS // 8}x")  # the count skipped

    def pack(self, vector: npt.ArrayLike) -> int:
        """The packed int of one vector of weights (signed fields, no offset)."""
        return self.pack_rows(np.reshape(vector, (1, -1)))[0]

    def pack_rows(self, matrix: npt.ArrayLike) -> list[int]:
        """`pack` of every row of `matrix`, in one pass."""
        levels = np.rint(np.asarray(matrix, dtype=np.float64) / self.unit).astype(np.int64)
        # Shifted non-negative to go through bytes, then shifted back.
        raw = (levels + (1 << (_FIELD_BITS - 2))).astype("<u8")
        data, width, bias = raw.tobytes(), self._row_bytes, self._bias
        return [
            int.from_bytes(data[i : i + width], "little") - bias for i in range(0, len(data), width)
        ]

    def fields(self, total: int) -> tuple[int, ...]:
        """The label fields of `total`, a packed sum plus `offset` (each field + 2**63)."""
        unpacked: tuple[int, ...] = self._struct.unpack(total.to_bytes(self.n_bytes, "little"))
        return unpacked


class _SyllableCache:
    """What scoring remembers per distinct piece and syllable; replaced wholesale when full.

    `pieces` and `packed` serve the integer path (`best_of_pieces`). `rows` serves the float
    path (`best`, `predict`, `evidence`): ONE table where row 0 is zero (syllables without known
    features, and absent bigrams), rows 1..n hold the weights of the model's bigram features (so
    they are gathered from the same table as syllables), then the cached syllable rows.

    Thread safety without a lock: a row is written before its index is published in the dict, row
    numbers come from an atomic counter, dict entries are whole values, and a full cache is
    swapped for a new object rather than cleared, so a reader holding the old object still sees
    consistent rows.
    """

    __slots__ = ("counter", "index", "packed", "pieces", "rows")

    def __init__(self, capacity: int, weights: FloatArray) -> None:
        n_features, n_labels = weights.shape  # the bigram features' weights
        self.index: dict[str, int] = {}
        # Per whitespace piece of normalized text ("hỏi,", "không", "a-b"): its packed weights
        # (its syllables plus the bigrams inside it) and number of syllables, its first folded
        # syllable and the bigrams its last one starts (for the bigrams across pieces).
        self.pieces: dict[str, _Piece] = {}
        # Per syllable: its summed weights packed (see `_Packing`), what new pieces add up.
        self.packed: dict[str, int] = {}
        self.rows: FloatArray = np.zeros((1 + n_features + capacity, n_labels), dtype=np.float32)
        self.rows[1 : 1 + n_features] = weights
        self.counter = itertools.count(1 + n_features)


ZERO_ROW = 0


_get = dict.get  # called as _get(mapping, key): a C-level lookup per pair inside `map`


@dataclass(eq=False)
class Model:
    """A trained multiclass linear classifier (`clean` + category ids)."""

    labels: tuple[str, ...]
    config: FeatureConfig
    vocabulary: dict[str, int]
    weights: FloatArray  # shape (n_features, n_labels)
    intercepts: FloatArray  # shape (n_labels,)
    temperature: float = 1.0
    trained_on: Mapping[str, Any] = field(default_factory=dict)
    created: str = ""
    metrics: Mapping[str, Any] = field(default_factory=dict)
    # What a classifier-only finding needs (chosen on a validation fold of the training corpus,
    # see training.py): the probability per label, the summed weight of the evidence, the length.
    decision: Mapping[str, Any] = field(default_factory=dict)
    cache_capacity: int = 1 << 16
    _cache: _SyllableCache = field(init=False, repr=False)
    _swap_lock: threading.Lock = field(init=False, repr=False, default_factory=threading.Lock)
    _version: str = field(init=False, repr=False, default="")

    def __post_init__(self) -> None:
        n_labels = len(self.labels)
        if self.weights.shape != (len(self.vocabulary), n_labels):
            raise ModelFormatError("Tệp mô hình hỏng: kích thước ma trận trọng số không khớp.")
        if self.intercepts.shape != (n_labels,):
            raise ModelFormatError("Tệp mô hình hỏng: số hệ số chặn không khớp số nhãn.")
        self._intercepts = self.intercepts.astype(np.float32)
        self._inverse_temperature = 1.0 / self.temperature
        # The length factor of texts of up to a few hundred syllables, computed once.
        self._scales = [self._scale(n) for n in range(512)]
        self._folds: dict[str, str] = {}
        # Known bigram features keyed by the pair of syllables → table row: the pairs of a text
        # are looked up by one C-level `map` over `zip`, with no string built per pair (building
        # "b:s1 s2" for every pair cost more than the rest of the inference together).
        # Bigram k (in vocabulary order) sits at table row k + 1; `_bigram_rows[k]` is its
        # vocabulary row.
        pairs: dict[str, dict[tuple[str, str], int]] = {"b:": {}, "c:": {}}
        bigram_rows: list[int] = []
        self._long_parts = False
        for feat, row in self.vocabulary.items():
            kind = feat[:2]
            if kind in pairs:
                first, _, second = feat[2:].partition(" ")
                bigram_rows.append(row)
                pairs[kind][(first, second)] = len(bigram_rows)
                if max(len(first), len(second)) >= MAX_SYLLABLE_CHARS:
                    self._long_parts = True
        self._pairs_b = pairs["b:"]
        self._pairs_c = pairs["c:"]
        self._bigram_rows = np.asarray(bigram_rows, dtype=np.intp)
        self._bigram_weights = self.weights[self._bigram_rows]
        self._cache = _SyllableCache(self.cache_capacity, self._bigram_weights)
        # Every feature's weights packed (see `_Packing`): a new syllable or piece is then a sum
        # of ints. The folded bigrams again, by pair and as first syllable → {second syllable:
        # packed}, for the bigrams inside a piece and across pieces.
        self._packing = _Packing(n_labels, float(np.abs(self.weights).max(initial=0.0)))
        names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        self._packed_features = dict(zip(names, self._packing.pack_rows(self.weights), strict=True))
        self._packed_pairs: dict[tuple[str, str], int] = {}
        successors: dict[str, dict[str, int]] = {}
        if self.config.syllable_bigrams:
            for first, second in self._pairs_c:
                packed = self._packed_features[f"c:{first} {second}"]
                self._packed_pairs[first, second] = packed
                successors.setdefault(first, {})[second] = packed
        self._successors = successors
        # The intercepts of a text of n syllables in the packed scale (logit = intercept +
        # length factor × weights, so intercept / length factor), plus the reading offset.
        self._packed_intercepts = [self._packed_intercept(n) for n in range(len(self._scales))]
        # Warm start: the syllables the model knows as words (its `u:` features, a few thousand
        # of the everyday syllables) are summed and packed now (into the cache above), and stand
        # as pieces of their own; every new cache starts with them.
        self._word_packed: dict[str, int] = {}
        for feat in self.vocabulary:
            word = feat[2:]
            if (
                feat.startswith("u:")
                and len(word) < MAX_SYLLABLE_CHARS
                and SYLLABLE_RE.fullmatch(word)
            ):
                self._word_packed[word] = self._packed_syllable(word)
        self._word_pieces: dict[str, _Piece] = {}
        if not self._pairs_b:
            for word in self._word_packed:
                self._word_pieces[word] = self._piece(word)  # type: ignore[assignment]
        self._cache.pieces.update(self._word_pieces)

    @property
    def known_words(self) -> tuple[str, ...]:
        """The syllables the model has a weight for as whole words (its `u:` features): the
        everyday words of its corpus, which the engine lets the normalizer learn up front."""
        return tuple(self._word_packed)

    # -- decision rules --------------------------------------------------------------------
    def threshold(self, label: str, default: float) -> float:
        """Minimum calibrated probability for a classifier-only finding of `label`."""
        value = (self.decision.get("thresholds") or {}).get(label)
        return float(value) if isinstance(value, int | float) else default

    def decision_value(self, key: str, default: float) -> float:
        value = self.decision.get(key)
        return float(value) if isinstance(value, int | float) else default

    # -- inference -------------------------------------------------------------------------
    @property
    def version(self) -> str:
        """A short content hash: two models with the same weights have the same version."""
        if not self._version:
            digest = hashlib.sha256(
                json.dumps(self._payload(), sort_keys=True, ensure_ascii=False).encode()
            )
            self._version = digest.hexdigest()[:12]
        return self._version

    def _syllable_ids(self, word: str) -> list[int]:
        vocab = self.vocabulary
        feats = syllable_features(word, fold(word), self.config)
        return [i for i in (vocab.get(f) for f in feats) if i is not None]

    def _syllable_rows(self, words: list[str]) -> tuple[FloatArray, list[int]] | None:
        """Table rows for every syllable, all from one cache object; None if its rows ran out."""
        cache = self._cache
        index = cache.index
        rows = list(map(index.get, words))
        if None not in rows:
            return cache.rows, rows  # type: ignore[return-value]
        for n, word in enumerate(words):
            if rows[n] is not None:
                continue
            row = index.get(word)
            if row is None:
                ids = self._syllable_ids(word)
                if not ids:
                    row = ZERO_ROW  # keys without known features share the zero row
                else:
                    row = next(cache.counter)
                    if row >= len(cache.rows):
                        self._swap(cache)
                        return None
                    cache.rows[row] = self.weights[ids].sum(axis=0)  # before publishing
                index[word] = row
            rows[n] = row
        if len(index) > self.cache_capacity * INDEX_PER_ROW:
            self._swap(cache)  # the rows just read stay valid in the old table
        return cache.rows, rows  # type: ignore[return-value]

    def _fresh_cache(self) -> _SyllableCache:
        cache = _SyllableCache(self.cache_capacity, self._bigram_weights)
        cache.packed.update(getattr(self, "_word_packed", ()))
        cache.pieces.update(getattr(self, "_word_pieces", ()))
        return cache

    def _swap(self, cache: _SyllableCache) -> None:
        """Replace a full cache (unknown keys grow the index without bound otherwise)."""
        with self._swap_lock:
            if self._cache is cache:
                self._cache = self._fresh_cache()

    def syllables(self, doc: NormalizedLike) -> list[str]:
        """The syllables of the text as the features see them (capped like `features.py`)."""
        words: list[str] = SYLLABLE_RE.findall(doc.text)
        # Capping only matters when a known bigram has a syllable at the cap (syllable features
        # cap themselves): otherwise a capped long syllable cannot match any bigram either.
        if self._long_parts and LONG_SYLLABLE_RE.search(doc.text):
            words = [w[:MAX_SYLLABLE_CHARS] for w in words]
        return words

    def _pair_rows(self, words: list[str], folded: list[str], absent: int | None) -> list[int]:
        """Table rows of the accented then the folded bigram of each adjacent pair; a pair
        without a known feature gives `absent` (the zero row), or nothing when `absent` is None."""
        if not self.config.syllable_bigrams or len(words) < 2:
            return []
        pb, pc = self._pairs_b.get, self._pairs_c.get
        if absent is None:  # the common case: most pairs are not features
            rows = list(filter(None, map(pc, pairwise(folded))))
            if self._pairs_b:  # a model may do without accented bigrams
                rows.extend(filter(None, map(pb, pairwise(words))))
            return rows
        rows = list(map(pb, pairwise(words), repeat(absent)))
        rows.extend(map(pc, pairwise(folded), repeat(absent)))
        return rows

    def syllables_folded(self, words: list[str]) -> list[str]:
        """The folded twin of each syllable (folds kept in a bounded memory)."""
        folds = self._folds
        folded = list(map(folds.get, words))
        if None in folded:
            if len(folds) > self.cache_capacity * INDEX_PER_ROW:
                folds = self._folds = {}
            for n, word in enumerate(words):
                if folded[n] is None:
                    folded[n] = folds[word] = fold(word)
        return folded  # type: ignore[return-value]

    def _scale(self, n_words: int) -> np.float32:
        return np.float32(self.config.scale(n_words))

    def _length_factor(self, n_words: int) -> np.float32:
        """`_scale`, read from the precomputed list for all but very long texts."""
        return self._scales[n_words] if n_words < len(self._scales) else self._scale(n_words)

    def _packed_intercept(self, n_words: int) -> int:
        factor = float(self._length_factor(n_words))
        return self._packing.pack(self.intercepts.astype(np.float64) / factor)

    def _scores(self, doc: NormalizedLike, words: list[str] | None = None) -> FloatArray:
        """Raw (uncalibrated) logits; `words` is `syllables(doc)` when the caller has it."""
        if words is None:
            words = self.syllables(doc)
        if not words:
            return self._intercepts.copy()
        n_words = len(words)
        scale = self._length_factor(n_words)
        folded = self.syllables_folded(words)
        bigrams = self._pair_rows(words, folded, None)
        cached = self._syllable_rows(words) or self._syllable_rows(words)
        if cached is not None:
            table, rows = cached
            rows.extend(bigrams)
            # take + reduce is measurably cheaper than fancy indexing + .sum on a few dozen rows
            logits: FloatArray = self._intercepts + np.add.reduce(table.take(rows, axis=0)) * scale
            return logits
        # More distinct syllables than the cache holds (a huge text): sum them directly.
        ids = [i for w in words for i in self._syllable_ids(w)]
        ids += self._bigram_rows[[r - 1 for r in bigrams]].tolist()
        summed: FloatArray = self._intercepts + self.weights[ids].sum(axis=0) * scale
        return summed

    def _softmax(self, logits: FloatArray) -> FloatArray:
        z = logits * np.float32(1.0 / self.temperature)
        e = np.exp(z - z.max())
        out: FloatArray = e / e.sum()
        return out

    def predict_proba(self, doc: NormalizedLike) -> dict[str, float]:
        """Calibrated probability of each label."""
        probs = self._softmax(self._scores(doc))
        return {label: float(p) for label, p in zip(self.labels, probs, strict=True)}

    def predict(self, doc: NormalizedLike) -> Prediction:
        probs = self._softmax(self._scores(doc))
        best = int(np.argmax(probs))
        return Prediction(
            label=self.labels[best],
            probability=float(probs[best]),
            probabilities={lb: float(p) for lb, p in zip(self.labels, probs, strict=True)},
        )

    def best_of_pieces(self, pieces: Sequence[str]) -> tuple[str, float, int] | None:
        """`best()` for a text given as its whitespace pieces (`doc.text.split()`, which the
        normalizer keeps), with the number of syllables; None when the text needs the
        per-syllable path (see `_piece_sum`). The probability is only computed for a label
        other than `clean` (the classifier detector never reads it for `clean`): NaN for it.

        One C-level lookup of all pieces, one lookup per pair of neighbouring pieces (the folded
        bigram across them) and one sum of packed ints (`_Packing`): a piece's syllables and the
        bigrams inside it are summed once, when the piece is first seen.
        """
        total = self._piece_sum(pieces)
        if total is None:
            return None
        n_syllables = total >> self._packing.count_shift
        intercepts = self._packed_intercepts
        total += (
            intercepts[n_syllables]
            if n_syllables < len(intercepts)
            else self._packed_intercept(n_syllables)
        )
        try:
            fields = self._packing.fields(total)
        except OverflowError:  # beyond any real text; the float path has no such bound
            return None
        top = max(fields)
        label = self.labels[fields.index(top)]
        if label == CLEAN:
            return label, math.nan, n_syllables
        step = float(self._length_factor(n_syllables)) * self._packing.unit
        step *= self._inverse_temperature
        # Differences of ints are exact; the top label's term is exp(0) = 1.
        probability = 1.0 / sum(map(math.exp, [(v - top) * step for v in fields]))
        return label, probability, n_syllables

    def _piece_sum(self, pieces: Sequence[str]) -> int | None:
        """The packed weights of the pieces and of the folded bigrams across them, plus the
        reading offset, with the number of syllables on top; None for a model with accented
        bigrams (their cross-piece pairs are not kept), a syllable at the length cap, or a
        syllable cache that filled up meanwhile."""
        if self._pairs_b or not pieces:
            return None
        known = self._cache.pieces
        try:
            infos: Sequence[_Piece] = (
                itemgetter(*pieces)(known) if len(pieces) > 1 else (known[pieces[0]],)
            )
        except KeyError:
            filled = self._fill_pieces(self._cache, pieces)
            if filled is None:
                return None
            infos = filled
        packed, firsts, successors = zip(*infos, strict=True)
        if "" in firsts:  # emoji, "…": no syllable, so the bigram spans across them
            infos = [info for info in infos if info[1]]
            if not infos:
                return self._packing.offset
            packed, firsts, successors = zip(*infos, strict=True)
        total: int = sum(packed, self._packing.offset)
        if len(infos) > 1:
            # The bigram across pieces i and i+1: piece i's successors of its last syllable,
            # looked up with piece i+1's first syllable (`map` stops with the shorter input).
            total += sum(filter(None, map(_get, successors, firsts[1:])))
        return total

    def _fill_pieces(self, cache: _SyllableCache, pieces: Sequence[str]) -> list[_Piece] | None:
        """The entries of `pieces`, computing (and remembering, while there is room) the new
        ones; None if one cannot be computed."""
        known = cache.pieces
        new: dict[str, _Piece] = {}
        for piece in set(pieces).difference(known):
            info = self._piece(piece)
            if info is None:
                return None
            new[piece] = info
        if len(known) < self.cache_capacity:
            known.update(new)
            return list(map(known.__getitem__, pieces))
        return [new[p] if p in new else known[p] for p in pieces]

    def _piece(self, piece: str) -> _Piece | None:
        """A new piece's entry: the packed weights of its syllables and of the folded bigrams
        inside it, added up (no numpy unless a syllable is new); None if it cannot be computed
        (see `_piece_sum`)."""
        words: list[str] = SYLLABLE_RE.findall(piece)
        if not words:
            return 0, "", _NO_SUCCESSORS
        if any(len(w) > MAX_SYLLABLE_CHARS for w in words):
            return None
        known = self._cache.packed
        try:
            packed = sum(map(known.__getitem__, words))
        except KeyError:
            packed = sum(map(self._packed_syllable, words))
        folded = self.syllables_folded(words)
        if len(folded) > 1 and self.config.syllable_bigrams:
            packed += sum(filter(None, map(self._packed_pairs.get, pairwise(folded))))
        successors = self._successors.get(folded[-1], _NO_SUCCESSORS)
        return packed + len(words) * self._packing.count_unit, folded[0], successors

    def _packed_syllable(self, word: str) -> int:
        """One syllable's summed weights, packed (remembered while there is room)."""
        known = self._cache.packed
        packed = known.get(word)
        if packed is None:
            features = syllable_features(word, fold(word), self.config)
            packed = sum(filter(None, map(self._packed_features.get, features)))
            if len(known) < self.cache_capacity * INDEX_PER_ROW:
                known[word] = packed
        return packed

    def _top(self, z: list[float]) -> tuple[str, float]:
        """The most likely label of logits `z` and its calibrated probability."""
        # A dozen numbers: plain Python is faster here than a chain of small numpy calls.
        top = max(z)
        k = z.index(top)
        inv_t = self._inverse_temperature
        return self.labels[k], 1.0 / sum(map(math.exp, [(v - top) * inv_t for v in z]))

    def best(self, doc: NormalizedLike, words: list[str] | None = None) -> tuple[str, float]:
        """The most likely label and its calibrated probability; `words` is `syllables(doc)`
        when the caller has it."""
        return self._top(self._scores(doc, words).tolist())

    def predict_many(self, docs: Sequence[NormalizedLike]) -> list[str]:
        return [self.labels[int(np.argmax(self._scores(d)))] for d in docs]

    def evidence(self, doc: NormalizedLike, label: str) -> Evidence | None:
        """The run of syllables that pushed hardest towards `label` rather than `clean`.

        Each syllable's share is its own weights for `label` minus those for `clean`, plus half of
        each bigram it belongs to. The answer is the run of at most `MAX_EVIDENCE_SYLLABLES`
        syllables, starting and ending on a positive share, with the largest total share: it
        reports `đồ mất dạy` whole, and prefers a phrase over a lone context word. (On the held-out
        corpus this run overlaps the lexicon/pattern spans in 86 % of texts, against 70 % for
        "strongest syllable widened to neighbours with half its share".) Only called for texts
        the model flags, so it may take the slower per-syllable path.
        """
        if label not in self.labels:
            return None
        k = self.labels.index(label)
        words = self.syllables(doc)
        folded = self.syllables_folded(words)
        n_words = len(words)
        if not n_words:
            return None
        cached = self._syllable_rows(words) or self._syllable_rows(words)
        if cached is None:  # a huge text: the bigram weights, then a row per syllable of its own
            table = np.vstack(
                [
                    np.zeros((1, len(self.labels)), np.float32),
                    self._bigram_weights,
                    *(self.weights[self._syllable_ids(w)].sum(axis=0)[None, :] for w in words),
                ]
            )
            own = 1 + len(self._bigram_weights)
            rows = list(range(own, own + n_words))
        else:
            table, rows = cached
        if n_words > 1:
            rows = rows + self._pair_rows(words, folded, ZERO_ROW)
        # One gather for syllables and both bigram kinds; only the label's margin over clean.
        picked = table.take(rows, axis=0).astype(np.float64)
        margin = picked[:, k]
        if CLEAN in self.labels:
            margin = margin - picked[:, self.labels.index(CLEAN)]
        share = margin[:n_words].copy()
        if len(rows) > n_words:
            half = (margin[n_words : 2 * n_words - 1] + margin[2 * n_words - 1 :]) / 2
            share[:-1] += half
            share[1:] += half
        values = share.tolist()
        best, lo, hi = 0.0, -1, -1
        for i, first in enumerate(values):
            if first <= 0:
                continue
            total = 0.0
            for j in range(i, min(n_words, i + MAX_EVIDENCE_SYLLABLES)):
                total += values[j]
                if values[j] > 0 and total > best:
                    best, lo, hi = total, i, j
        if lo < 0:
            return None
        spans = syllable_spans(doc.text)
        return Evidence(start=spans[lo][0], end=spans[hi][1], weight=best)

    # -- persistence -----------------------------------------------------------------------
    def _payload(self) -> dict[str, Any]:
        """The weight-bearing part of the file (what `version` hashes)."""
        scale = float(np.abs(self.weights).max()) / WEIGHT_LEVELS if self.weights.size else 1.0
        scale = scale or 1.0
        quantized = np.rint(self.weights / scale).astype(np.int32)
        return {
            "labels": list(self.labels),
            "features": self.config.to_dict(),
            "vocabulary": sorted(self.vocabulary, key=self.vocabulary.__getitem__),
            "weights": {"scale": scale, "values": quantized.ravel().tolist()},
            "intercepts": [round(float(x), 6) for x in self.intercepts],
            "calibration": {"method": "temperature", "temperature": round(self.temperature, 6)},
            "decision": dict(self.decision),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            **self._payload(),
            "trained_on": dict(self.trained_on),
            "metrics": dict(self.metrics),
            "created": self.created,
        }

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write atomically: a temporary file in the same directory, then `os.replace`."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":")).encode()
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            os.fchmod(fd, 0o644)  # mkstemp makes 0600; a model file is not a secret
            with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
                gz.write(data)
            Path(tmp).replace(target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return target

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Model:
        name = os.fspath(path)
        try:
            with gzip.open(name, "rb") as fh:
                raw = fh.read()
        except FileNotFoundError:
            raise ModelFormatError(f"Không tìm thấy tệp mô hình: {name}") from None
        except (OSError, EOFError) as exc:
            raise ModelFormatError(
                f"Không đọc được tệp mô hình {name}: không phải tệp gzip hợp lệ ({exc})."
            ) from None
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise ModelFormatError(
                f"Tệp mô hình {name} hỏng: nội dung không phải JSON hợp lệ."
            ) from None
        return cls.from_dict(data, source=name)

    @classmethod
    def from_dict(cls, data: object, *, source: str = "mô hình") -> Model:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ModelFormatError(
                f"{source} không phải tệp mô hình của ungxu (thiếu hoặc sai trường 'format')."
            )
        version = data.get("format_version")
        if version != FORMAT_VERSION:
            raise ModelFormatError(
                f"{source} có phiên bản định dạng {version!r}, phiên bản này của ungxu chỉ đọc "
                f"được phiên bản {FORMAT_VERSION}. Hãy huấn luyện lại bằng 'ungxu model train'."
            )
        try:
            labels = tuple(str(x) for x in data["labels"])
            config = FeatureConfig.from_dict(data["features"])
            vocab_list = data["vocabulary"]
            if not isinstance(vocab_list, list) or not all(isinstance(v, str) for v in vocab_list):
                raise ValueError("vocabulary")
            w = data["weights"]
            values = np.asarray(w["values"], dtype=np.float32) * np.float32(w["scale"])
            weights = values.reshape(len(vocab_list), len(labels))
            intercepts = np.asarray(data["intercepts"], dtype=np.float32)
            temperature = float(data["calibration"]["temperature"])
            if not labels or len(set(labels)) != len(labels) or not math.isfinite(temperature):
                raise ValueError("labels")
            if temperature <= 0 or not np.isfinite(weights).all():
                raise ValueError("numbers")
            decision = data.get("decision") or {}
            if not isinstance(decision, dict):
                raise ValueError("decision")
            vocabulary = {v: i for i, v in enumerate(vocab_list)}
            if len(vocabulary) != len(vocab_list):
                raise ValueError("duplicate vocabulary")
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelFormatError(
                f"Tệp mô hình {source} hỏng hoặc thiếu dữ liệu ({exc})."
            ) from None
        return cls(
            labels=labels,
            config=config,
            vocabulary=vocabulary,
            weights=weights,
            intercepts=intercepts,
            temperature=temperature,
            trained_on=dict(data.get("trained_on") or {}),
            created=str(data.get("created", "")),
            metrics=dict(data.get("metrics") or {}),
            decision=decision,
        )


# Weights are stored as integers in [-WEIGHT_LEVELS, WEIGHT_LEVELS] times one scale: a tenth of a
# percent of the largest weight is far below what changes a prediction, and it keeps the file small.
WEIGHT_LEVELS = 4000


def now_iso() -> str:
    """Creation stamp; `SOURCE_DATE_EPOCH` makes rebuilt model files byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC) if epoch else dt.datetime.now(tz=dt.UTC)
    )
    return moment.replace(microsecond=0).isoformat()
