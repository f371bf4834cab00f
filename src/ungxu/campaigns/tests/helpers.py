"""Small helpers shared by the campaign tests."""

from __future__ import annotations

from ungxu.campaigns import services
from ungxu.campaigns.documents import current_versions
from ungxu.campaigns.models import Assignment, QuizAttempt


def read_all(assignment: Assignment) -> None:
    for version in current_versions(assignment.campaign):
        services.record_reading(assignment, version)


def answers_for(attempt: QuizAttempt, *, right: bool) -> dict[str, list[str]]:
    """Correct answers to every question, or a wrong option for each when `right` is False."""
    answers = {}
    for item in attempt.paper:
        question = services.attempt_bank(attempt).get(item["id"])
        correct = sorted(question.correct_ids)
        wrong = [o.id for o in question.options if o.id not in question.correct_ids][:1]
        answers[item["id"]] = correct if right else wrong
    return answers
