"""The starter quiz bank and the logic of an attempt."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import pytest

from ungxu.campaigns_core.quiz import (
    CODE_KEY_PATTERN,
    QuizError,
    attempt_seed,
    attempt_status,
    draw_paper,
    load_bank,
    parse_bank,
    score_attempt,
)

BANK = load_bank()


def _code_keys_of_the_engine() -> set[str]:
    data = resources.files("ungxu.screening").joinpath("data/code_of_conduct.toml")
    return {clause["key"] for clause in tomllib.loads(data.read_text("utf-8"))["clauses"]}


def _answers_all_correct(paper_ids: tuple[str, ...]) -> dict[str, list[str]]:
    return {qid: sorted(BANK.get(qid).correct_ids) for qid in paper_ids}


# ---------------------------------------------------------------- the starter bank


def test_the_starter_bank_has_at_least_30_questions_some_with_several_answers() -> None:
    assert len(BANK) >= 30
    assert sum(q.multiple for q in BANK.questions) >= 5


def test_every_question_has_a_correct_option_an_explanation_and_valid_keys() -> None:
    for question in BANK.questions:
        assert question.correct_ids, question.id
        assert len(question.correct_ids) < len(question.options) or question.multiple
        assert question.explanation
        assert all(CODE_KEY_PATTERN.match(k) for k in question.code_keys), question.id


def test_every_code_key_exists_in_the_engines_code_of_conduct_data() -> None:
    load_bank(valid_keys=_code_keys_of_the_engine())  # raises on an unknown key


def test_the_bank_covers_the_topics_the_campaign_must_teach() -> None:
    keys = {k for q in BANK.questions for k in q.code_keys}
    topics = {q.topic for q in BANK.questions}
    # individuals, officials and agencies
    assert {"TCCN.3", "TCCN.4", "TCCN.5", "TCCN.6", "TCCN.8"} <= keys
    assert {"CBCC.1", "CBCC.2", "CBCC.3"} <= keys
    assert {"CQNN.1", "CQNN.2", "CQNN.3", "CQNN.4"} <= keys
    assert {"thu_han", "tin_gia", "tai_khoan", "tre_em", "nguon_tin", "phe_binh"} <= topics


def test_every_topic_has_a_vietnamese_name() -> None:
    assert {q.topic for q in BANK.questions} <= set(BANK.topics)
    assert BANK.topics["tre_em"] == "Bảo vệ trẻ em và người yếu thế"


def test_a_question_with_an_undeclared_topic_is_rejected() -> None:
    text = GOOD.replace("[[question]]", '[topics]\nkhac = "Khác"\n\n[[question]]\ntopic = "la"')
    with pytest.raises(QuizError, match="chủ đề 'la' không có"):
        parse_bank(text)


def test_the_bank_teaches_that_legitimate_criticism_is_allowed() -> None:
    question = BANK.get("tccn-phe-binh-chinh-dang")
    right = [o.text for o in question.options if o.correct]
    assert right and right[0].startswith("Không.")


# ---------------------------------------------------------------- validation


GOOD = """
[bank]
title = "Thử"
[[question]]
id = "q1"
code_keys = ["TCCN.5"]
text = "Câu hỏi?"
options = [{ text = "Đúng", correct = true }, { text = "Sai" }]
explanation = "Vì vậy."
"""


def test_it_parses_a_minimal_bank() -> None:
    bank = parse_bank(GOOD)
    assert bank.get("q1").correct_ids == {"1"}


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (GOOD.replace(", correct = true", ""), "không có phương án đúng nào"),
        (GOOD.replace('"TCCN.5"', '"TCCN5"'), "khóa 'TCCN5' không đúng dạng"),
        (GOOD.replace('explanation = "Vì vậy."', ""), "thiếu trường 'explanation'"),
        (GOOD.replace(', { text = "Sai" }', ""), "cần ít nhất 2 phương án"),
        (GOOD + GOOD.split("[bank]")[1].replace('title = "Thử"', ""), "'q1' bị trùng"),
        (GOOD.replace('{ text = "Sai" }', '{ text = "Đúng" }'), "trùng nội dung"),
    ],
)
def test_it_rejects_a_broken_question_naming_it(broken: str, message: str) -> None:
    with pytest.raises(QuizError, match=message) as info:
        parse_bank(broken, source="bank.toml")
    assert "bank.toml" in str(info.value)


def test_it_rejects_a_key_the_code_does_not_have() -> None:
    with pytest.raises(QuizError, match="không có trong Bộ Quy tắc"):
        parse_bank(GOOD.replace("TCCN.5", "TCCN.9"), valid_keys={"TCCN.5"})


def test_it_loads_a_bank_from_a_file(tmp_path: Path) -> None:
    file = tmp_path / "rieng.toml"
    file.write_text(GOOD, encoding="utf-8")
    assert len(load_bank(file)) == 1


# ---------------------------------------------------------------- papers


def test_the_same_attempt_always_gets_the_same_paper() -> None:
    seed = attempt_seed("campaign-7", "person-42", 1)
    assert draw_paper(BANK, 10, seed) == draw_paper(BANK, 10, seed)


def test_another_attempt_or_person_gets_a_different_paper() -> None:
    first = draw_paper(BANK, 10, attempt_seed("c", "p", 1))
    second = draw_paper(BANK, 10, attempt_seed("c", "p", 2))
    other = draw_paper(BANK, 10, attempt_seed("c", "q", 1))
    assert first.question_ids != second.question_ids
    assert first.question_ids != other.question_ids


def test_a_paper_has_distinct_questions_and_shuffled_options() -> None:
    paper = draw_paper(BANK, len(BANK), "all")
    assert len(set(paper.question_ids)) == len(BANK)
    orders = [q.option_ids for q in paper.questions]
    assert any(list(ids) != sorted(ids) for ids in orders)
    for presented in paper.questions:
        question = BANK.get(presented.question_id)
        assert sorted(presented.option_ids) == sorted(o.id for o in question.options)
        assert presented.multiple == question.multiple


def test_it_refuses_more_questions_than_the_bank_has() -> None:
    with pytest.raises(QuizError, match="không đủ"):
        draw_paper(BANK, len(BANK) + 1, "x")


def test_it_can_draw_from_chosen_topics_only() -> None:
    paper = draw_paper(BANK, 3, "x", topics={"tre_em"})
    assert {BANK.get(q).topic for q in paper.question_ids} == {"tre_em"}


# ---------------------------------------------------------------- scoring


def test_all_correct_answers_score_100_and_pass() -> None:
    paper = draw_paper(BANK, 10, "s")
    result = score_attempt(BANK, paper, _answers_all_correct(paper.question_ids), 80)
    assert (result.correct_count, result.score_percent, result.passed) == (10, 100.0, True)


def test_a_multi_answer_question_needs_exactly_the_correct_set() -> None:
    question = next(q for q in BANK.questions if q.multiple)
    correct = sorted(question.correct_ids)
    wrong = next(o.id for o in question.options if not o.correct)
    assert not score_attempt(BANK, [question.id], {question.id: correct[:-1]}, 100).passed
    assert not score_attempt(BANK, [question.id], {question.id: [*correct, wrong]}, 100).passed
    assert score_attempt(BANK, [question.id], {question.id: correct}, 100).passed


def test_pass_mark_is_inclusive_and_unanswered_questions_are_wrong() -> None:
    paper = draw_paper(BANK, 10, "p")
    answers = _answers_all_correct(paper.question_ids)
    for qid in paper.question_ids[7:]:
        del answers[qid]
    result = score_attempt(BANK, paper, answers, 70)
    assert (result.correct_count, result.passed) == (7, True)
    assert not score_attempt(BANK, paper, answers, 71).passed
    assert result.to_dict()["questions"][9]["is_correct"] is False


def test_a_single_answer_may_be_given_as_a_string() -> None:
    question = next(q for q in BANK.questions if not q.multiple)
    (right,) = question.correct_ids
    assert score_attempt(BANK, [question.id], {question.id: right}, 100).passed


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"khong-co": ["1"]}, "không có trong bài"),
        ({"tccn-ma-otp": ["9"]}, "phương án 9 không tồn tại"),
        ({"tccn-ma-otp": ["1", "2"]}, "chỉ được chọn một phương án"),
    ],
)
def test_it_rejects_tampered_answers(answers: dict[str, list[str]], message: str) -> None:
    with pytest.raises(QuizError, match=message):
        score_attempt(BANK, ["tccn-ma-otp"], answers, 50)


def test_the_result_carries_the_explanations_to_show_after_answering() -> None:
    result = score_attempt(BANK, ["tccn-ma-otp"], {}, 50)
    assert "OTP" in result.results[0].explanation


# ---------------------------------------------------------------- attempts


def test_attempts_run_out_at_the_limit() -> None:
    assert attempt_status(0, 3).remaining == 3
    assert attempt_status(2, 3).allowed
    status = attempt_status(3, 3)
    assert not status.allowed
    assert "hết 3 lượt" in status.message


def test_no_limit_means_always_allowed_and_passing_ends_the_quiz() -> None:
    assert attempt_status(50, None).allowed
    assert attempt_status(50, 0).remaining is None
    assert not attempt_status(1, 3, passed=True).allowed


def test_an_attempt_number_starts_at_one() -> None:
    with pytest.raises(QuizError):
        attempt_seed("c", "p", 0)
