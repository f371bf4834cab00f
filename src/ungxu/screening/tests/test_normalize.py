"""Normalization: each step of docs/engine.md, and the offset map back to the original."""

from __future__ import annotations

import pytest

from ungxu.screening.detectors.base import Resources
from ungxu.screening.normalize import Normalizer, TextDecodeError, fold, read_text_file


@pytest.fixture(scope="module")
def norm(fixture_resources: Resources) -> Normalizer:
    return fixture_resources.normalizer


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Hòa bình", "hoà bình"),
        ("thủy lợi", "thuỷ lợi"),
        ("khỏe mạnh", "khoẻ mạnh"),
        ("quý", "quý"),
        ("hoàn thành", "hoàn thành"),
    ],
)
def test_it_puts_tone_marks_in_the_new_style(norm: Normalizer, raw: str, expected: str) -> None:
    assert norm.normalize(raw).text == expected


def test_old_and_new_tone_placement_meet(norm: Normalizer) -> None:
    assert norm.normalize("hòa").text == norm.normalize("hoà").text


def test_it_composes_decomposed_vietnamese_to_nfc(norm: Normalizer) -> None:
    decomposed = "Tie\u0302\u0301ng Vie\u0323\u0302t"
    doc = norm.normalize(decomposed)
    assert doc.text == "tiếng việt"
    assert doc.to_original(0, 5) == (0, 7)


def test_it_drops_zero_width_and_control_characters(norm: Normalizer) -> None:
    doc = norm.normalize("ng\u200bu\u00ad qu\x07á")
    assert doc.text == "ngu quá"
    assert doc.to_original(0, 3) == (0, 4)


def test_it_maps_cyrillic_greek_and_fullwidth_look_alikes(norm: Normalizer) -> None:
    assert norm.normalize("сhо́").text == "chó"  # Cyrillic с and о, combining acute
    assert norm.normalize("Ｎｇｕ").text == "ngu"
    assert norm.normalize("ΝGU").text == "ngu"  # Greek capital nu
    assert norm.normalize("𝐧𝐠𝐮").text == "ngu"  # mathematical bold


def test_it_lower_cases_with_the_dotted_capital_i_kept_one_character(norm: Normalizer) -> None:
    doc = norm.normalize("İT")
    assert doc.text == "it"
    assert len(doc.folded) == len(doc.text)


def test_it_collapses_emphasis_repeats(norm: Normalizer) -> None:
    assert norm.normalize("nguuuuu quá").text == "ngu quá"
    assert norm.normalize("ngủuuu đi").text == "ngủ đi"
    assert norm.normalize("đmmmm").text == "đm"


def test_it_collapses_a_double_only_when_that_makes_a_known_word(norm: Normalizer) -> None:
    assert norm.normalize("nguu").text == "ngu"
    assert norm.normalize("xoong nồi").text == "xoong nồi"


def test_it_leaves_a_token_of_one_repeated_letter_alone(norm: Normalizer) -> None:
    assert norm.normalize("kkkk").text == "kkkk"


def test_it_keeps_numbers_with_repeated_digits(norm: Normalizer) -> None:
    assert norm.normalize("1000 đồng").text == "1000 đồng"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("đ.m", "đm"),
        ("c-h-ó", "chó"),
        ("n g u", "ngu"),
        ("s_ú_c v.ậ.t", "súc vật"),
    ],
)
def test_it_removes_separators_inside_words(norm: Normalizer, raw: str, expected: str) -> None:
    assert norm.normalize(raw).text == expected


def test_two_spaced_letters_join_only_into_a_known_token(norm: Normalizer) -> None:
    assert norm.normalize("đ m").text == "đm"
    assert norm.normalize("e k đi").text == "e không đi"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("ch0", "cho"), ("d1t", "dit"), ("l0n", "lon"), ("ng*", "ngu"), ("đ*t", "địt")],
)
def test_it_restores_digits_and_stars_standing_for_letters(
    norm: Normalizer, raw: str, expected: str
) -> None:
    assert norm.normalize(raw).text == expected


def test_it_leaves_ordinary_alphanumeric_tokens_alone(norm: Normalizer) -> None:
    assert norm.normalize("covid19 4g h2o").text == "covid19 4g h2o"


def test_it_expands_teencode_on_whole_tokens_only(norm: Normalizer) -> None:
    doc = norm.normalize("Ko dc đâu, kokoro")
    assert doc.text == "không được đâu, kokoro"
    assert doc.to_original(0, 5) == (0, 2)


def test_folded_has_no_diacritics_and_the_same_length(norm: Normalizer) -> None:
    doc = norm.normalize("Đường Bắc Kỳ ĐẸP")
    assert doc.folded == "duong bac ky dep"
    assert len(doc.folded) == len(doc.text)
    assert fold("đĐ") == "dD"


def test_to_original_returns_the_tight_span_after_several_steps(norm: Normalizer) -> None:
    original = "Ôi  N.G.U.U.U.U  quá"
    doc = norm.normalize(original)
    start = doc.text.index("ngu")
    a, b = doc.to_original(start, start + 3)
    assert original[a:b] == "N.G.U.U.U.U"


def test_to_original_clamps_out_of_range_spans(norm: Normalizer) -> None:
    doc = norm.normalize("ko")
    assert doc.to_original(-5, 99) == (0, 2)
    assert doc.to_original(5, 5) == (2, 2)
    assert doc.to_original(99, 99) == (2, 2)


def test_read_text_file_strips_a_bom(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfxin ch\xc3\xa0o")
    assert read_text_file(path) == "xin chào"


def test_read_text_file_names_the_line_of_invalid_utf8(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.txt"
    path.write_bytes(b"dong 1\ndong \xff2\n")
    with pytest.raises(TextDecodeError, match="dòng 2, cột 6"):
        read_text_file(path)
