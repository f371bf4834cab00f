"""Precision follow-ups: tone strictness, rule spans over model spans, reporting contexts that
never drive a verdict, and known false positives of the shipped data."""

from __future__ import annotations

import pytest

from ungxu.screening import Policy, screen
from ungxu.screening.engine import _prefer_rules
from ungxu.screening.matcher import PhraseIndex, Term
from ungxu.screening.normalize import Normalizer
from ungxu.screening.types import Finding

NORMALIZER = Normalizer()
INDEX = PhraseIndex(
    [
        (Term(id="t.con-di", category="insult"), ["con đĩ"]),
        (Term(id="t.bac-ky", category="discrimination"), ["bắc kỳ"]),
    ],
    NORMALIZER,
)


def rule_ids(text: str) -> list[str]:
    return [m.term.id for m in INDEX.find(NORMALIZER.normalize(text))]


# -- a. tone marks are decided per syllable ------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["cho con đi học", "con đì", "con dí", "bọn bắc kỵ", "bọn bắc ký"],
)
def test_a_marked_syllable_with_another_tone_does_not_match(text: str) -> None:
    assert rule_ids(text) == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("con di", "t.con-di"),  # no diacritics at all: may stand for the term
        ("con dĩ", "t.con-di"),  # the tone is right, only the stroke of đ is left out
        ("con đĩ", "t.con-di"),
        ("bắc ky", "t.bac-ky"),  # `ky` carries no mark
        ("bac ky", "t.bac-ky"),
        ("Bắc Kỳ", "t.bac-ky"),
    ],
)
def test_unmarked_or_same_tone_syllables_still_match(text: str, rule: str) -> None:
    assert rule_ids(text) == [rule]


def test_allow_phrases_are_matched_without_the_tone_check() -> None:
    entries = [(Term(id="a", category="allow"), ["đỗ xe"])]
    lenient = PhraseIndex(entries, NORMALIZER, strict_tones=False)
    strict = PhraseIndex(entries, NORMALIZER)
    doc = NORMALIZER.normalize("đo xe ở đây")  # `đo` is marked (đ) but lacks the ngã
    assert (len(lenient.find(doc)), len(strict.find(doc))) == (1, 0)


def test_cho_con_di_hoc_raises_no_finding_with_the_shipped_data() -> None:
    assert screen("cho con đi học đúng giờ", classifier=False).findings == ()


# -- b. a rule finding's span wins over an overlapping classifier span ---------------------------
def finding(detector: str, start: int, end: int, severity: int = 2) -> Finding:
    return Finding(
        category="insult",
        target=None,
        severity=severity,
        start=start,
        end=end,
        text="x" * (end - start),
        detector=detector,
        reason="",
        citations=(),
        action="review",
        rule=f"{detector}.insult",
    )


def test_an_overlapping_classifier_finding_gives_way_to_the_rule_finding() -> None:
    rule = finding("lexicon", 6, 12, severity=1)
    model = finding("classifier", 0, 8, severity=2)
    kept = [f for f, _ in _prefer_rules([(model, 0.99), (rule, 1.0)], set())]
    assert [(f.detector, f.start, f.end, f.severity) for f in kept] == [("lexicon", 6, 12, 2)]


def test_a_rule_finding_downgraded_by_context_keeps_its_low_severity() -> None:
    rule = finding("lexicon", 6, 12, severity=1)
    model = finding("classifier", 0, 8, severity=2)
    kept = [
        f for f, _ in _prefer_rules([(model, 0.99), (rule, 1.0)], {("insult", 6, 12, rule.rule)})
    ]
    assert [(f.detector, f.severity) for f in kept] == [("lexicon", 1)]


def test_a_classifier_finding_elsewhere_in_the_text_is_kept() -> None:
    rule = finding("lexicon", 20, 26)
    model = finding("classifier", 0, 8)
    kept = {f.detector for f, _ in _prefer_rules([(model, 0.9), (rule, 1.0)], set())}
    assert kept == {"lexicon", "classifier"}


def test_the_highlight_shows_the_offending_words_with_the_shipped_model() -> None:
    insults = [f for f in screen("mày là đồ óc chó").findings if f.category == "insult"]
    assert insults
    assert all(f.detector == "lexicon" and f.text.endswith("óc chó") for f in insults)


# -- c. reporting contexts never drive review or block -------------------------------------------
NEWS = [
    "Công an cảnh báo thủ đoạn lừa đảo vay nóng qua mạng",
    "lô đề là tệ nạn cần bài trừ",
    "bị tạm giữ hình sự vì mua bán tài khoản ngân hàng",
    "Công an bắt đối tượng tạt axit vào người yêu cũ",
    "hắn bị khởi tố vì tạt axit hàng xóm",
]


@pytest.mark.parametrize("text", NEWS)
def test_news_about_a_violation_is_allowed(text: str) -> None:
    assert screen(text).verdict == "allow"


@pytest.mark.parametrize("text", NEWS)
def test_news_stays_allowed_even_when_the_policy_blocks_every_category(text: str) -> None:
    categories = ["hate", "violence", "illegal_ads", "account_security", "fake_news", "insult"]
    policy = Policy.from_dict({"name": "nghiêm", "actions": dict.fromkeys(categories, "block")})
    assert screen(text, policy).verdict == "allow"


def test_a_downgraded_finding_is_kept_with_a_note_and_a_low_severity() -> None:
    (found,) = screen("lô đề là tệ nạn cần bài trừ", classifier=False).findings
    assert found.text == "lô đề"
    assert found.severity == 1
    assert "ngữ cảnh đưa tin" in found.reason


# -- d. known false positives of the shipped data ------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "xã đã hỗ trợ bà con kịp thời",
        "da ho tro ba con kip thoi",
        "phong trào ở bắc kỳ đầu thế kỷ",
        "Bắc Kỳ thời Pháp thuộc có nhiều đồn điền",
        "danh chet toi cum khum tin la no bo hoc",
        "đánh chết tôi cũng không tin",
    ],
)
def test_known_false_positives_are_allowed(text: str) -> None:
    verdict = screen(text, classifier=False)
    assert verdict.verdict == "allow", verdict.findings


@pytest.mark.parametrize(
    "text",
    [
        "bọn bắc kỳ",
        "lũ bắc kỳ ngu",
        "dân bắc kỳ lừa đảo",
        "tao sẽ tạt axit mày",
        "tao danh chet may",
        "bán da hổ, cao hổ cốt giá tốt",
    ],
)
def test_the_real_violations_next_to_those_false_positives_still_count(text: str) -> None:
    assert screen(text, classifier=False).verdict != "allow"


@pytest.mark.parametrize("text", ["đ* má, hôm nay lại đi làm muộn", "nay đi làm muộn đ*t mẹ luôn"])
def test_a_letter_restored_from_a_mask_is_not_held_to_the_tone_check(text: str) -> None:
    assert screen(text, classifier=False).verdict != "allow"
