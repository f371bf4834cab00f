"""Property tests: screening never raises and every span points at its evidence."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ungxu.screening import normalize, screen

# Text biased toward what breaks normalizers: Vietnamese letters, combining marks, look-alikes,
# zero-width characters, digits, separators and teencode, mixed with arbitrary code points.
_PIECES = st.sampled_from(
    [
        "ngu",
        "đ.m",
        "c-h-ó",
        "n g u",
        "ko",
        "dc",
        "hòa",
        "thủy",
        "Bắc Kỳ",
        "bac ky",
        "\u200b",
        "\u0301",
        "\u0323",
        "İ",
        "с",
        "Ｎ",
        "𝐧",
        "0912345678",
        "001203012345",
        "*",
        "1",
        "0",
        " ",
        ".",
        "-",
        "_",
        "\n",
        "uuuu",
        "mật khẩu là Ab1!",
        "bit.ly/x",
        "bé Lan 8 tuổi",
        "số 5 ngõ 7 phố Huế",
        "😀",
        "👍🏽",
        "a@b.vn",
        "29A-123.45",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(_PIECES, st.text(max_size=5)), max_size=30).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_screen_never_raises_and_findings_quote_the_original(text: str) -> None:
    verdict = screen(text, classifier=False)
    assert verdict.verdict in {"allow", "review", "block"}
    for f in verdict.findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(-5, 400), st.integers(-5, 400))
def test_to_original_spans_lie_inside_the_text(text: str, a: int, b: int) -> None:
    doc = normalize(text)
    assert len(doc.folded) == len(doc.text)
    start, end = doc.to_original(min(a, b), max(a, b))
    assert 0 <= start <= end <= len(text)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_every_normalized_character_maps_to_a_non_empty_original_span(text: str) -> None:
    doc = normalize(text)
    for i in range(len(doc.text)):
        start, end = doc.to_original(i, i + 1)
        assert 0 <= start < end <= len(text)


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_screening_is_deterministic(text: str) -> None:
    assert screen(text, classifier=False).to_dict() == screen(text, classifier=False).to_dict()


@settings(max_examples=80, deadline=None)
@given(TEXTS)
def test_with_the_shipped_classifier_findings_still_quote_the_original(text: str) -> None:
    verdict = screen(text)
    for f in verdict.findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text
