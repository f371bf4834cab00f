"""`ungxu demo` moderation inbox: screened through the import path, loaded once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ungxu.moderation.demo import COMMENTS, DEMO_FILE, load_demo_inbox
from ungxu.moderation.models import CannedAnswer, ImportBatch, InboxItem
from ungxu.orgs.demo import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def groups():
    return {text: group for group, _, text in COMMENTS}


@pytest.fixture
def loaded():
    load_demo(people=12)
    return load_demo_inbox()


def test_a_second_load_creates_nothing_and_reports_the_same_counts(loaded):
    again = load_demo_inbox()
    assert loaded.items == again.items == len(COMMENTS) == InboxItem.objects.count()
    assert loaded.created == len(COMMENTS) + 1 + 2 and again.created == 0
    assert ImportBatch.objects.filter(file_name=DEMO_FILE).count() == 1
    assert CannedAnswer.objects.count() == 2


def test_the_batch_is_screened_like_a_real_import(loaded):
    batch = ImportBatch.objects.get(file_name=DEMO_FILE)
    assert batch.state == ImportBatch.State.DONE and batch.screened == len(COMMENTS)
    assert not InboxItem.objects.filter(verdict="pending").exists()
    assert set(InboxItem.objects.values_list("account_key", flat=True)) == {"snnmt.ninhbinh"}


def test_violations_are_flagged_and_complaints_questions_and_thanks_allowed(loaded, groups):
    for item in InboxItem.objects.all():
        if groups[item.text] == "violation":
            assert item.verdict in ("block", "review"), item.text
        else:
            assert item.verdict == "allow", item.text
    slur = InboxItem.objects.get(text__contains="bắc kỳ")
    assert slur.verdict == "block" and ",discrimination," in slur.categories
    loan = InboxItem.objects.get(text__startswith="Cho vay tiền nóng")
    assert ",illegal_ads," in loan.categories


def test_comments_are_dated_in_the_last_few_days_and_questions_await_an_answer(loaded, groups):
    now = timezone.now()
    for item in InboxItem.objects.all():
        assert now - dt.timedelta(days=5) < item.created_at < now
    questions = InboxItem.objects.filter(needs_reply=True)
    assert questions.count() >= 10
    assert all(q.due_at is not None for q in questions)
