"""The matcher's and the pattern detectors' speed shortcuts change nothing: the per-span memory
of tone decisions, the prepared context windows, and `search_text` with its per-token memory or
read off `doc.folded` give exactly what the plain computations give."""

from __future__ import annotations

import copy
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from ungxu.screening.detectors.support import search_text, search_text_of
from ungxu.screening.matcher import _MAX_WORD, _Context, padded_words
from ungxu.screening.normalize import fold
from ungxu.screening.resources import default_resources
from ungxu.screening.tests.test_properties import TEXTS

RESOURCES = default_resources()


def cold_scan(text: str) -> object:
    """The shared pass with an empty span memory (every decision computed afresh)."""
    index = copy.copy(RESOURCES.terms)
    index._decided = {}
    return index.scan(RESOURCES.normalizer.normalize(text))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_the_span_memory_never_changes_a_match(text: str) -> None:
    RESOURCES.terms.scan(RESOURCES.normalizer.normalize(text))  # remember its spans first
    warm = RESOURCES.terms.scan(RESOURCES.normalizer.normalize(text))
    assert warm == cold_scan(text)


def test_remembered_spans_keep_the_tone_check_and_the_context_rules() -> None:
    for text in ["con chó nhà tôi", "cho con đi học", "con đĩ", "bac ky", "ngủ ngon", "l0n"]:
        for _ in range(2):
            assert RESOURCES.terms.scan(RESOURCES.normalizer.normalize(text)) == cold_scan(text)


def near_reference(padded: str, start: int, end: int, window: int, phrases: Sequence[str]) -> bool:
    lo = max(0, start + 1 - _MAX_WORD * window)
    before = padded[lo : start + 1].split()[-window:]
    inside = padded[start + 1 : end + 1].split()
    after = padded[end + 1 : end + 1 + _MAX_WORD * window].split()[:window]
    around = " " + " ".join(before + inside + after) + " "
    return any(f" {p} " in around for p in phrases)


WORDS = st.sampled_from(["a", "b", "ab", "c", "", "  ", "\t"])
PHRASES = st.lists(st.sampled_from(["", "a", "b a", "ab", "a  b", " a", "a ", "c a b", "x"]))


@settings(max_examples=500, deadline=None)
@given(st.lists(WORDS, max_size=14), st.integers(0, 40), st.integers(0, 40), st.integers(-1, 5))
def test_prepared_context_windows_equal_the_plain_test(
    words: list[str], a: int, b: int, window: int
) -> None:
    padded = " " + " ".join(words) + " "
    start, end = min(a, b, len(padded) - 1), min(max(a, b), len(padded) - 1)
    for phrases in (["a"], ["b a", "c"], ["a  b", ""], [" a", "ab", "c a b"], []):
        expected = near_reference(padded, start, end, window, phrases)
        assert _Context(phrases, window).found(padded, start, end) == expected


@settings(max_examples=200, deadline=None)
@given(PHRASES, TEXTS)
def test_prepared_context_windows_on_real_texts(phrases: list[str], text: str) -> None:
    padded = padded_words(RESOURCES.normalizer.normalize(text))
    for start in range(0, len(padded) - 1, 3):
        end = min(len(padded) - 1, start + 4)
        expected = near_reference(padded, start, end, 3, phrases)
        assert _Context(phrases, 3).found(padded, start, end) == expected


@settings(max_examples=400, deadline=None)
@given(st.one_of(TEXTS, st.text(alphabet="aAΣσςİıIĐđ '.-\u0301\u00ad\tẮệô١ ", max_size=30)))
def test_search_text_with_its_token_memory_equals_folding_the_whole_text(text: str) -> None:
    expected = fold(text.replace("\u0130", "I").lower())
    assert search_text(text) == expected
    assert search_text(text) == expected  # the second time from the memory


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXTS, st.text(alphabet="aAΣσİIĐđ '.-\u0301\u00adẮệôkhỏe hoà", max_size=30)))
def test_search_text_read_off_the_normalized_text_equals_folding_the_original(text: str) -> None:
    doc = RESOURCES.normalizer.normalize(text)
    assert doc.folded == fold(doc.text)  # the contract `search_text_of` relies on
    assert search_text_of(doc) == fold(text.replace("\u0130", "I").lower())
