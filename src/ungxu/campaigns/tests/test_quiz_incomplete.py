"""An incomplete quiz paper is sent back, not scored: attempts are limited."""

from __future__ import annotations

from django.urls import reverse

from ungxu.campaigns.models import QuizAttempt
from ungxu.campaigns.tests.helpers import answers_for, read_all


def test_an_empty_submission_does_not_use_up_an_attempt(world, quiz_campaign):
    assignment = quiz_campaign.assignments.get(person=world.person_a)
    read_all(assignment)
    client = world.client("staff_a")
    url = reverse("campaigns:quiz", args=[assignment.pk])
    client.get(url)
    page = client.post(url, {}).content.decode()
    attempt = QuizAttempt.objects.get(assignment=assignment)
    assert attempt.submitted_at is None
    assert "Bạn chưa trả lời câu 1, 2, 3" in page and "chưa bị tính" in page


def test_a_partly_answered_paper_comes_back_with_the_choices_kept(world, quiz_campaign):
    assignment = quiz_campaign.assignments.get(person=world.person_a)
    read_all(assignment)
    client = world.client("staff_a")
    url = reverse("campaigns:quiz", args=[assignment.pk])
    client.get(url)
    attempt = QuizAttempt.objects.get(assignment=assignment)
    first_id, first_answer = next(iter(answers_for(attempt, right=True).items()))
    page = client.post(url, {f"q-{first_id}": first_answer}).content.decode()
    assert "Bạn chưa trả lời câu 2, 3" in page
    assert f'value="{first_answer[0]}" checked' in page
    attempt.refresh_from_db()
    assert attempt.submitted_at is None and QuizAttempt.objects.count() == 1


def test_a_complete_paper_is_still_scored_at_once(world, quiz_campaign):
    assignment = quiz_campaign.assignments.get(person=world.person_a)
    read_all(assignment)
    client = world.client("staff_a")
    url = reverse("campaigns:quiz", args=[assignment.pk])
    client.get(url)
    attempt = QuizAttempt.objects.get(assignment=assignment)
    data = {f"q-{qid}": opts for qid, opts in answers_for(attempt, right=False).items()}
    page = client.post(url, data).content.decode()
    attempt.refresh_from_db()
    assert attempt.submitted_at is not None and "Chưa đạt" in page
