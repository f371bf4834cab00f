"""The speed shortcuts change nothing: the plain-word memory of the normalizer and the gate
words found by the shared automaton pass give exactly what the slow paths give."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings

from ungxu.screening.detectors.support import find_all
from ungxu.screening.matcher import padded_words
from ungxu.screening.normalize import NormalizedText, Normalizer
from ungxu.screening.registry import detectors
from ungxu.screening.resources import default_resources
from ungxu.screening.tests.test_properties import TEXTS

RESOURCES = default_resources()
WARM = RESOURCES.normalizer
COLD = copy.copy(WARM)
COLD._plain_words = set()
COLD.plain_memory = 0
COLD._known_tokens = set()
COLD._other_tokens = set()
COLD.token_memory = 0


def snapshot(doc: NormalizedText) -> tuple[object, ...]:
    spans = [doc.to_original(i, i + 1) for i in range(len(doc.text))]
    return doc.text, doc.folded, spans, doc.memo["padded"], doc.memo["digits"]


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_the_plain_word_memory_never_changes_a_normalization(text: str) -> None:
    WARM.normalize(text)  # learn its words first, so the second call takes the short path
    assert snapshot(WARM.normalize(text)) == snapshot(COLD.normalize(text))


def test_a_word_learned_as_plain_still_gets_its_repairs_elsewhere() -> None:
    normalizer = Normalizer({"ko": "không"}, ["ngu"])
    normalizer.normalize("Hôm nay trời đẹp")
    assert normalizer.normalize("Hôm nay ko nguuu").text == "hôm nay không ngu"
    assert "ko" not in normalizer._plain_words
    assert "ko" not in normalizer._known_tokens
    assert "ko" in normalizer._other_tokens
    assert {"Hôm", "nay", "trời", "đẹp"} <= normalizer._known_tokens


@pytest.mark.parametrize(
    "text",
    [
        "n g u quá",  # spaced letters join across tokens: never the fast path
        "trời\x1cđẹp",  # a control separator is dropped, joining the tokens
        "Hòa bình",  # the tone mark moves (the fast path must move it too)
        "gọi 0912345678",
        "ｈôm nay",
    ],
)
def test_tricky_texts_come_out_the_same_with_and_without_the_memories(text: str) -> None:
    for _ in range(3):  # learn, then try again
        assert snapshot(WARM.normalize(text)) == snapshot(COLD.normalize(text))


def test_the_word_memories_are_bounded() -> None:
    normalizer = Normalizer({"ko": "không"}, ["ngu"])
    normalizer.plain_memory = normalizer.token_memory = 3
    normalizer.normalize("một hai ba bốn năm sáu")
    normalizer.normalize("bảy tám chín mười")
    assert len(normalizer._plain_words) <= 3 + 6  # the text that crosses the bound finishes
    assert len(normalizer._known_tokens) <= 3 + 6


def gate_sets() -> list[frozenset[str]]:
    sets: list[frozenset[str]] = []
    for detector in detectors():
        words = getattr(detector, "gate_words", None)
        if words is not None:
            sets.append(frozenset(words(RESOURCES.patterns)))
    return sets


GATE_SETS = gate_sets()


def test_every_pattern_detector_declares_gate_words_held_by_the_shared_index() -> None:
    assert len(GATE_SETS) >= 3
    assert all(RESOURCES.terms.holds_gates(g) for g in GATE_SETS)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_gate_positions_from_the_shared_pass_equal_a_direct_search(text: str) -> None:
    doc = WARM.normalize(text)
    padded = padded_words(doc)
    for needles in GATE_SETS:
        assert RESOURCES.gate_positions(doc, needles) == find_all(padded, tuple(needles))


def test_gate_words_missing_from_the_index_are_searched_directly() -> None:
    doc = WARM.normalize("chỉ là một câu bình thường về thời tiết")
    (start,) = RESOURCES.gate_positions(doc, frozenset({" thoi tiet "}))
    assert doc.folded[start : start + 9] == "thoi tiet"
