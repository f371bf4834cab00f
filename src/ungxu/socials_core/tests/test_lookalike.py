"""Impersonation scoring against our table of look-alikes and innocent near-names."""

from __future__ import annotations

import time
import tomllib
from importlib import resources
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ungxu.socials_core.lookalike import DEFAULT_THRESHOLD, Account, compare, rank_candidates

TABLE: dict[str, Any] = tomllib.loads(
    resources.files("ungxu.socials_core.tests").joinpath("lookalike_cases.toml").read_text("utf-8")
)
OFFICIALS = [Account(o["name"], o["handle"], o["platform"], o["key"]) for o in TABLE["official"]]
SNN = OFFICIALS[0]


def _candidate(case: dict[str, str]) -> Account:
    return Account(case["name"], case.get("handle", ""), case.get("platform", ""))


def _best_key(candidate: Account) -> str:
    matches = rank_candidates([candidate], OFFICIALS)
    return matches[0].official.key if matches else ""


def test_the_table_has_at_least_25_rows_of_both_kinds() -> None:
    cases = TABLE["case"]
    assert len(cases) >= 25
    assert sum(1 for c in cases if c["expect"]) >= 15
    assert sum(1 for c in cases if not c["expect"]) >= 10


@pytest.mark.parametrize("case", [c for c in TABLE["case"] if c["expect"]], ids=lambda c: c["note"])
def test_it_flags_each_look_alike_against_the_account_it_imitates(case: dict[str, str]) -> None:
    assert _best_key(_candidate(case)) == case["expect"]


@pytest.mark.parametrize(
    "case", [c for c in TABLE["case"] if not c["expect"]], ids=lambda c: c["note"]
)
def test_it_leaves_innocent_near_names_alone(case: dict[str, str]) -> None:
    assert _best_key(_candidate(case)) == ""


def _reasons(name: str, handle: str = "", platform: str = "") -> tuple[str, ...]:
    match = compare(Account(name, handle, platform), SNN)
    assert match is not None
    return match.reasons


def test_it_explains_a_name_matching_only_without_diacritics() -> None:
    assert "trùng tên sau khi bỏ dấu" in _reasons("So Nong nghiep va PTNT tinh Ninh Binh")


def test_it_names_the_decoration_that_was_added() -> None:
    assert "thêm chữ 'chính thức'" in _reasons("Sở Nông nghiệp và PTNT Ninh Bình chính thức")


def test_it_names_the_digit_used_for_a_letter() -> None:
    assert "thay chữ o bằng số 0" in _reasons("Sở N0ng nghiệp và PTNT tỉnh Ninh Bình")


def test_it_notices_letters_from_another_script() -> None:
    cyrillic_p_and_t = "Sở Nông nghiệp và \u0420\u0422N\u0422 tỉnh Ninh Bình"  # РТNТ
    reasons = _reasons(cyrillic_p_and_t)
    assert "dùng ký tự Kirin (chữ Nga) giống chữ Latinh" in reasons


def test_it_notices_swapped_words() -> None:
    assert "đảo thứ tự các từ" in _reasons("Ninh Bình Sở Nông nghiệp và PTNT")


def test_it_reads_initials_as_an_abbreviation_of_the_agency_name() -> None:
    assert "viết tắt tên cơ quan ('snnptnt')" in _reasons("SNNPTNT Ninh Bình")


def test_it_notices_separators_inserted_into_a_handle() -> None:
    reasons = _reasons("Trang tin", "snnptnt.ninh-binh", "facebook_page")
    assert "chèn dấu chấm, gạch ngang hoặc gạch dưới vào định danh" in reasons


def test_an_identical_copy_scores_one() -> None:
    match = compare(Account(SNN.name, "ban-sao", "facebook_page"), SNN)
    assert match is not None
    assert match.score == 1.0
    assert match.reasons == ("trùng hoàn toàn tên của tài khoản chính thức",)


def test_the_official_account_itself_is_not_an_impostor() -> None:
    itself = Account(SNN.name, "https://m.facebook.com/SNNPTNTNinhBinh?ref=bookmarks", SNN.platform)
    assert compare(itself, SNN) is None
    assert rank_candidates([itself], OFFICIALS) == []


def test_the_same_handle_on_another_platform_is_reported() -> None:
    match = compare(Account("Nông nghiệp", "@snnptntninhbinh", "tiktok"), SNN)
    assert match is not None
    assert match.score == 1.0
    assert match.candidate_field == "handle"


def test_a_whole_different_place_name_keeps_the_score_low() -> None:
    match = compare(Account("Sở Nông nghiệp và PTNT tỉnh Thanh Hóa"), SNN)
    assert match is not None
    assert match.score < 0.6


def test_ranking_puts_the_closest_first_and_respects_the_threshold() -> None:
    candidates = [
        "Sở Nông nghiệp Ninh Bình",  # short form, below 1
        "So Nong nghiep va PTNT tinh Ninh Binh",  # 1.0
        "Báo Ninh Bình",  # innocent
    ]
    matches = rank_candidates(candidates, OFFICIALS, threshold=DEFAULT_THRESHOLD)
    assert [m.candidate.name for m in matches] == candidates[1::-1]
    assert matches[0].score >= matches[1].score >= DEFAULT_THRESHOLD
    assert rank_candidates(candidates, OFFICIALS, threshold=1.0)[0].score == 1.0


def test_a_match_serialises_to_a_plain_dict() -> None:
    match = compare(Account("Fanpage Sở Nông nghiệp và PTNT Ninh Bình"), SNN)
    assert match is not None
    data = match.to_dict()
    assert data["official"]["key"] == "snn"
    assert data["compared"] == "tên ↔ tên"
    assert data["reasons"] == ["thêm chữ 'fanpage'"]


def test_scoring_a_pasted_list_is_fast() -> None:
    names = [c["name"] for c in TABLE["case"]] * 3
    started = time.perf_counter()
    rank_candidates(names, OFFICIALS)
    per_candidate = (time.perf_counter() - started) / len(names)
    assert per_candidate < 0.01


def test_numeric_ids_are_never_compared_by_look() -> None:
    official = Account(
        "Sở A", "https://www.facebook.com/profile.php?id=100064123456789", "facebook_page"
    )
    near_id = Account(
        "Trang B", "https://www.facebook.com/profile.php?id=100064123456788", "facebook_page"
    )
    match = compare(near_id, official)
    assert match is None or match.score < DEFAULT_THRESHOLD
    same_id = Account("Trang B", "100064123456789", "facebook_page")
    assert compare(same_id, official) is None  # the same account, pasted as a bare id


def test_a_platform_is_guessed_from_a_pasted_url() -> None:
    pasted = Account(SNN.name, "https://facebook.com/snnptntninhbinh")
    assert rank_candidates([pasted], OFFICIALS) == []


def test_it_names_letter_pairs_and_digits_that_imitate_letters() -> None:
    official = Account("Tin Wow Ninh Bình", "tinwowninhbinh", "tiktok")
    match = compare(Account("Tin", "@tinvvowninhbinh", "tiktok"), official)
    assert match is not None
    assert "thay 'w' bằng 'vv'" in match.reasons
    match = compare(
        Account("Tin", "@tinwowninhbinh1", "tiktok"), Account("X", "tinwowninhbinhl", "tiktok")
    )
    assert match is not None
    assert "thay chữ l bằng số 1" in match.reasons


def test_a_slogan_after_a_dash_does_not_hide_a_copied_name() -> None:
    match = compare(Account("Sở Nông nghiệp và PTNT Ninh Bình - Hỗ trợ vay vốn nông dân"), SNN)
    assert match is not None
    assert match.score >= DEFAULT_THRESHOLD
    assert "thêm phần mô tả ngoài tên ('Hỗ trợ vay vốn nông dân')" in match.reasons


@settings(max_examples=60, deadline=None)
@given(name=st.text(max_size=80), handle=st.text(max_size=40))
def test_any_text_scores_between_zero_and_one_without_error(name: str, handle: str) -> None:
    match = compare(Account(name, handle, "facebook_page"), SNN)
    assert match is None or 0.0 <= match.score <= 1.0


def test_a_pasted_paragraph_is_cut_not_choked_on() -> None:
    long_name = "Sở Nông nghiệp và PTNT tỉnh Ninh Bình " + "rất dài " * 500
    match = compare(Account(long_name, "x" * 5000), SNN)
    assert match is not None
