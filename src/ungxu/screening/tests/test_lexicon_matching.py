"""Lexicon matching on the fixture lexicons: boundaries, diacritics, context, allow-list."""

from __future__ import annotations

from collections.abc import Callable

from ungxu.screening import Verdict

Check = Callable[..., Verdict]


def rules(verdict: Verdict) -> list[str | None]:
    return [f.rule for f in verdict.findings]


def test_it_matches_a_term_with_and_without_diacritics(check: Check) -> None:
    for text in ("bọn bắc kỳ", "bon bac ky", "BẮC KÌ", "bake hết"):
        verdict = check(text)
        assert rules(verdict) == ["fx.bac-ky"], text
        assert verdict.findings[0].target == "region"


def test_a_partly_accented_spelling_still_matches(check: Check) -> None:
    assert rules(check("bắc ky")) == ["fx.bac-ky"]


def test_a_word_with_other_diacritics_is_not_the_term(check: Check) -> None:
    assert check("đi ngủ sớm").findings == ()
    assert check("ngừ đại dương").findings == ()


def test_it_matches_on_word_boundaries_only(check: Check) -> None:
    assert check("nguyễn văn a").findings == ()
    assert check("ngung lai").findings == ()
    assert rules(check("mày ngu!")) == ["fx.ngu"]


def test_the_finding_points_at_the_original_obfuscated_span(check: Check) -> None:
    text = "Đồ S.Ú.C V.Ậ.T"
    (finding,) = check(text).findings
    assert finding.text == "S.Ú.C V.Ậ.T"
    assert text[finding.start : finding.end] == finding.text


def test_a_folded_only_match_of_one_syllable_loses_a_severity_level(check: Check) -> None:
    (accented,) = check("giết").findings
    (folded,) = check("giet").findings
    assert (accented.severity, folded.severity) == (3, 2)


def test_fold_false_terms_need_their_own_diacritics(check: Check) -> None:
    assert rules(check("đồ chó")) == ["fx.cho"]
    assert check("do cho").findings == ()


def test_only_near_requires_context_within_the_window(check: Check) -> None:
    assert check("con chó chạy ngoài đường").findings == ()
    assert rules(check("thằng chó")) == ["fx.cho"]


def test_unless_near_suppresses_innocent_uses(check: Check) -> None:
    assert check("thằng bé nuôi con chó nhà tôi").findings == ()


def test_allow_phrases_drop_matches_inside_them(check: Check) -> None:
    assert check("lò giết mổ gia súc đạt chuẩn").verdict == "allow"
    assert check("diệt chuột bảo vệ mùa màng").findings == ()
    assert rules(check("giết nó đi")) == ["fx.giet"]


def test_reporting_context_downgrades_to_allow(check: Check) -> None:
    verdict = check("Báo chí lên án những kẻ gọi người khác là bắc kỳ")
    assert verdict.verdict == "allow"
    (finding,) = verdict.findings
    assert finding.severity == 1
    assert "ngữ cảnh đưa tin" in finding.reason


def test_reporting_context_far_away_does_not_downgrade(check: Check) -> None:
    text = "cảnh báo " + "một hai ba bốn năm sáu bảy tám chín mười " + "bọn bắc kỳ"
    assert check(text).verdict == "block"


def test_teencode_expansions_reach_the_lexicon(check: Check) -> None:
    (finding,) = check("dm thằng kia").findings
    assert finding.rule == "fx.dit-me"
    assert finding.text == "dm"
