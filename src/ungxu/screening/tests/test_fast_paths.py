"""The speed shortcuts change nothing: the word and token memories of the normalizer and the
gate words found by the shared automaton pass give exactly what the slow paths give."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ungxu.screening.detectors.support import find_all
from ungxu.screening.matcher import padded_words
from ungxu.screening.normalize import NormalizedText, Normalizer
from ungxu.screening.registry import detectors
from ungxu.screening.resources import default_resources
from ungxu.screening.tests.test_properties import TEXTS

RESOURCES = default_resources()
WARM = RESOURCES.normalizer


def without_memory(normalizer: Normalizer) -> Normalizer:
    """A copy that neither has nor gains any word or token memory: always the long way."""
    cold = copy.copy(normalizer)
    cold._plain_words = set()
    cold.plain_memory = 0
    cold._token_text = {}
    cold._token_folded = {}
    cold._piece_text = {}
    cold._piece_folded = {}
    cold._token_repairs = {}
    cold._other_tokens = set()
    cold.token_memory = 0
    return cold


COLD = without_memory(WARM)


def snapshot(doc: NormalizedText) -> tuple[object, ...]:
    spans = [doc.to_original(i, i + 1) for i in range(len(doc.text))]
    empty = [doc.to_original(i, i) for i in range(len(doc.text) + 1)]
    wide = doc.to_original(0, len(doc.text))
    memo = doc.memo
    return doc.text, doc.folded, spans, empty, wide, memo["padded"], memo["digits"], memo["masked"]


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_the_plain_word_memory_never_changes_a_normalization(text: str) -> None:
    WARM.normalize(text)  # learn its words first, so the second call takes the short path
    assert snapshot(WARM.normalize(text)) == snapshot(COLD.normalize(text))


# Single-space separated tokens (the shape the token memory composes) mixing every kind of
# token: unchanged, re-toned, repaired alone (teencode, doubles, separators, several repairs
# in one token), one-letter words and teencode keys, digits, `*`, look-alikes, controls.
_COMPOSABLE = st.sampled_from(
    [
        "Hôm", "nay", "trời", "đẹp", "hòa", "Thủy", "khỏe", "quả", "ngu", "nguuu", "huu",
        "ko", "Ko", "ko.", "KO!", "dc", "dc...", "vs", "đc", "mik", "ko.dc", "(ko)", "ngu.ko",
        "hoà.dc", "đ.mm", "😀", "👍🏽", "...", "-", "cccd", "xoong", "kkkk", "tô\u0301i",
        "ý", "ạ", "ở", "n", "g", "u", "đ", "m", "t", "(a", "b)",
    ]
)  # fmt: skip
_OTHERS = st.sampled_from(
    [
        "ae", "k", "j", "r", "e", "a", "đ.m", "c-h-ó", "d.m.m",
        "bit.ly/x", "o\u0301", "l0n", "d1t", "đ*t", "5g", "*", "ｈôm", "с", "İ", "\u200b",
        "x\u200by", "\u0301", "_",
    ]
)  # fmt: skip
_TOKENS = st.one_of(_COMPOSABLE, _OTHERS)
SPACED = st.one_of(
    st.lists(_COMPOSABLE, min_size=1, max_size=12),
    st.lists(_TOKENS, min_size=1, max_size=12),
).map(" ".join)
SPACED_OTHERWISE = st.lists(
    st.tuples(_TOKENS, st.sampled_from([" ", "  ", "\n", "\t", " \n", "\x1c", "\xa0"])),
    min_size=1,
    max_size=10,
).map(lambda pairs: "".join(token + gap for token, gap in pairs))


@settings(max_examples=500, deadline=None)
@given(st.one_of(SPACED, SPACED_OTHERWISE))
def test_the_token_memory_never_changes_a_normalization(text: str) -> None:
    for _ in range(2):  # learn the tokens, then compose them
        assert snapshot(WARM.normalize(text)) == snapshot(COLD.normalize(text))


@pytest.mark.parametrize(
    "text",
    [
        "Hôm nay ko đi dc vs ae",  # repairs among unchanged tokens
        "KO! ko. ko huu huu ko",  # the same repair several times, punctuation kept in place
        "ko d.m.m ngu.ko (ko)",  # several repairs inside one token
        "n g ko",  # a spaced-letter pair beside a repair: the long way
        "đồng ý ý nghĩa ko",  # a pair the spaced-letter step leaves alone: composed
        "với ạ ở phường",
        "ko k j",  # one-letter teencode keys: never composed
        "hòa ko  thủy",  # two spaces: never composed
        "ko\nhòa dc",
        "😀 ko 👍🏽 dc",
    ],
)
def test_composed_texts_match_the_long_way(text: str) -> None:
    for _ in range(3):
        assert snapshot(WARM.normalize(text)) == snapshot(COLD.normalize(text))


def test_the_offset_map_of_a_composed_text_is_built_on_first_use() -> None:
    normalizer = Normalizer({"ko": "không"}, ["ngu"])
    normalizer.normalize("Hôm nay ko nguuu")  # learn
    doc = normalizer.normalize("nguuu ko Hôm")
    assert doc._map_builder is not None  # composed from memory
    assert doc.text == "ngu không hôm"
    assert doc.to_original(4, 9) == (6, 8)  # "không" ← "ko"
    assert doc.to_original(0, 3) == (0, 5)  # "ngu" ← "nguuu"
    assert doc.to_original(10, 13) == (9, 12)
    assert doc._map_builder is None


def test_a_word_learned_as_plain_still_gets_its_repairs_elsewhere() -> None:
    normalizer = Normalizer({"ko": "không", "k": "không"}, ["ngu"])
    normalizer.normalize("Hôm nay trời đẹp")
    assert normalizer.normalize("Hôm nay ko nguuu").text == "hôm nay không ngu"
    assert "ko" not in normalizer._plain_words
    assert "ko" not in normalizer._token_text
    assert normalizer._piece_text["ko"] == "không"
    assert normalizer._token_repairs["ko"] == ((0,) * 5, (2,) * 5)
    assert {"Hôm", "nay", "trời", "đẹp"} <= normalizer._token_text.keys()
    normalizer.normalize("k ngu")
    assert "k" in normalizer._other_tokens  # a one-letter word could join spaced letters


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
    assert len(normalizer._piece_text) <= 3 + 6


def test_words_learned_up_front_take_the_short_path_and_change_nothing() -> None:
    normalizer = Normalizer({"ko": "không"}, ["ngu"])
    normalizer.learn(["hoà", "ko", "Thủy", "đ.m", "a b", "", "x" * 100])
    assert {"hoà", "ko", "Thủy", "đ.m"} <= set(normalizer._piece_text) | normalizer._other_tokens
    assert "a b" not in normalizer._piece_text and "x" * 100 not in normalizer._piece_text
    doc = normalizer.normalize("hoà ko Thủy")
    assert doc.memo["pieces"] == ("hoà", "không", "thuỷ")  # composed from memory, one tone style
    cold = without_memory(Normalizer({"ko": "không"}, ["ngu"]))
    for text in ["hoà ko Thủy", "đ.m ko hoà"]:
        assert snapshot(normalizer.normalize(text)) == snapshot(cold.normalize(text))
    bounded = Normalizer({}, [])
    bounded.token_memory = len(bounded._piece_text) + len(bounded._other_tokens) + 2
    bounded.learn(["một", "hai", "ba", "bốn"])
    assert len([w for w in ["một", "hai", "ba", "bốn"] if w in bounded._piece_text]) == 2


def test_overlong_tokens_are_not_memorised() -> None:
    normalizer = Normalizer({"ko": "không"}, ["ngu"])
    overlong = "x" * 100
    for _ in range(2):
        assert normalizer.normalize(f"ko {overlong}").text == f"không {overlong}"
    assert "ko" in normalizer._piece_text
    assert overlong not in normalizer._piece_text
    assert overlong not in normalizer._other_tokens


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


def test_term_only_detectors_are_skipped_only_when_no_term_matched() -> None:
    from ungxu.screening import screen
    from ungxu.screening.registry import detectors, detectors_beyond_terms

    skipped = {d.name for d in detectors()} - {d.name for d in detectors_beyond_terms()}
    assert skipped == {"lexicon", "ads", "claims", "health", "scams"}
    # A text with a lexicon term and an ads cue still gets both findings; one without any term
    # still gets the pattern detectors' findings (the phone number).
    verdict = screen("thằng ngu, ai cần vay nóng thì gọi")
    assert {"insult", "illegal_ads"} <= set(verdict.categories)
    assert {f.detector for f in screen("gọi tôi số 0912 345 678 nhé").findings} == {"pii"}


def test_screening_starts_with_the_model_s_words_learned() -> None:
    from ungxu.screening import screen
    from ungxu.screening.engine import default_model

    model = default_model(RESOURCES)
    words = getattr(model, "known_words", ())
    assert len(words) > 1000
    screen("chào", resources=RESOURCES)
    memorised = set(WARM._piece_text) | WARM._other_tokens
    assert all(word in memorised for word in words)
