from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ungxu.campaigns import services
from ungxu.campaigns.tests.helpers import answers_for, read_all


def test_an_attempt_stores_the_drawn_questions_and_option_order(world, quiz_campaign):
    assignment = quiz_campaign.assignments.get(person=world.person_a)
    attempt = services.open_attempt(assignment)
    assert len(attempt.paper) == 3
    paper = services.paper_of(attempt)
    assert [q.question_id for q in paper.questions] == [item["id"] for item in attempt.paper]
    for question, item in zip(paper.questions, attempt.paper, strict=True):
        assert list(question.option_ids) == item["options"]


def test_reopening_the_quiz_shows_the_same_unfinished_attempt(world, quiz_campaign):
    assignment = quiz_campaign.assignments.get(person=world.person_a)
    assert services.open_attempt(assignment).pk == services.open_attempt(assignment).pk


def test_a_failed_attempt_then_a_passed_one_allows_acknowledging_with_the_score(
    world, quiz_campaign
):
    assignment = quiz_campaign.assignments.get(person=world.person_a)
    read_all(assignment)
    first = services.open_attempt(assignment)
    assert not services.submit_attempt(first, answers_for(first, right=False)).passed
    with pytest.raises(ValidationError, match="đạt bài kiểm tra"):
        services.acknowledge(assignment)
    second = services.open_attempt(assignment)
    assert second.number == 2
    assert second.paper != first.paper or second.seed != first.seed
    assert services.submit_attempt(second, answers_for(second, right=True)).passed
    ack, _ = services.acknowledge(assignment)
    assert ack.quiz_score == 100.0


def test_attempts_are_limited(world, quiz_campaign):
    assignment = quiz_campaign.assignments.get(person=world.person_a)
    for _ in range(2):
        attempt = services.open_attempt(assignment)
        services.submit_attempt(attempt, answers_for(attempt, right=False))
    with pytest.raises(ValidationError, match="hết 2 lượt"):
        services.open_attempt(assignment)


def test_an_attempt_cannot_be_submitted_twice(world, quiz_campaign):
    assignment = quiz_campaign.assignments.get(person=world.person_a)
    attempt = services.open_attempt(assignment)
    services.submit_attempt(attempt, answers_for(attempt, right=False))
    with pytest.raises(ValidationError, match="đã được nộp"):
        services.submit_attempt(attempt, answers_for(attempt, right=True))
    attempt.refresh_from_db()
    assert attempt.passed is False


def test_an_answer_to_a_question_not_on_the_paper_is_refused(world, quiz_campaign):
    assignment = quiz_campaign.assignments.get(person=world.person_a)
    attempt = services.open_attempt(assignment)
    with pytest.raises(ValidationError, match="không có trong bài"):
        services.submit_attempt(attempt, {"khong-co-cau-nay": ["1"]})
