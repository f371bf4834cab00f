"""The coordinators' quiz bank: seeded once, managed in the UI, drawn from by campaigns, and
never rewriting a past attempt."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from ungxu.audit.models import AuditEntry
from ungxu.campaigns import services
from ungxu.campaigns.models import BankQuestion, QuizAttempt
from ungxu.campaigns.question_bank import seed_starter_bank, starter_bank
from ungxu.campaigns.tests.conftest import make_campaign
from ungxu.campaigns.tests.helpers import answers_for

FORM = {
    "text": "Khi thấy bài viết nghi là tin giả về cơ quan mình, cán bộ nên làm gì?",
    "explanation": "Không chia sẻ lại; báo cho đầu mối để cơ quan kiểm tra và phản hồi.",
    "topic": "tin_gia",
    "code_keys_text": "cbcc.3, TCCN.5",
    "options_text": "Chia sẻ ngay để mọi người cùng biết\n* Không chia sẻ lại\n"
    "* Báo cho đầu mối của cơ quan\nBình luận phản bác gay gắt",
}


def _entries(obj, action):
    kind = ContentType.objects.get_for_model(type(obj))
    return AuditEntry.objects.filter(content_type=kind, object_id=str(obj.pk), action=action)


def test_the_starter_bank_is_seeded_once_and_reseeding_never_overwrites_an_edit(db):
    assert BankQuestion.objects.count() == len(starter_bank())
    edited = BankQuestion.objects.order_by("key").first()
    edited.text = "Nội dung do đầu mối sửa"
    edited.active = False
    edited.save()
    assert seed_starter_bank(BankQuestion) == 0
    edited.refresh_from_db()
    assert (edited.text, edited.active) == ("Nội dung do đầu mối sửa", False)
    BankQuestion.objects.exclude(pk=edited.pk).delete()
    assert seed_starter_bank(BankQuestion) == len(starter_bank()) - 1


def test_a_coordinator_adds_a_question_with_two_correct_options(world):
    response = world.client("coordinator").post(reverse("campaigns:question_create"), FORM)
    assert response.status_code == 302
    question = BankQuestion.objects.get(text=FORM["text"])
    assert question.code_keys == ["CBCC.3", "TCCN.5"]
    assert [o["correct"] for o in question.options] == [False, True, True, False]
    assert question.key.startswith("khi-thay-bai-viet")
    assert services.bank().get(question.key).multiple
    assert _entries(question, "create").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("options_text", "Phương án A\nPhương án B", "Chưa có phương án đúng"),
        ("options_text", "* Chỉ một dòng", "Cần ít nhất 2 phương án"),
        ("options_text", "* Có\n* Có", "Dòng 2: phương án “Có” bị trùng"),
        ("code_keys_text", "CBCC.3, ABC.9", "Không có khoản ABC.9"),
    ],
)
def test_the_question_form_names_each_problem_in_vietnamese(world, field, value, message):
    response = world.client("coordinator").post(
        reverse("campaigns:question_create"), {**FORM, field: value}
    )
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]


@pytest.mark.parametrize("persona", ["head_a", "leader", "staff_a"])
def test_only_administrators_and_coordinators_manage_the_bank(world, persona):
    question = BankQuestion.objects.first()
    client = world.client(persona)
    assert client.get(reverse("campaigns:questions")).status_code == 403
    assert client.post(reverse("campaigns:question_toggle", args=[question.pk])).status_code == 403
    question.refresh_from_db()
    assert question.active


def test_a_campaign_draws_only_from_active_questions(world):
    keep = list(BankQuestion.objects.order_by("key").values_list("key", flat=True)[:3])
    BankQuestion.objects.exclude(key__in=keep).update(active=False)
    campaign = make_campaign(world, orgs=[world.unit_a], quiz_questions=3)
    services.launch(campaign)
    attempt = services.open_attempt(campaign.assignments.get(person=world.person_a))
    assert sorted(item["id"] for item in attempt.paper) == sorted(keep)
    campaign.quiz_questions = 4
    with pytest.raises(ValidationError, match="chỉ có 3 câu hỏi đang dùng"):
        services.launch(campaign)


def test_editing_and_retiring_a_question_never_changes_a_past_attempt(world, quiz_campaign):
    assignment = quiz_campaign.assignments.get(person=world.person_a)
    attempt = services.open_attempt(assignment)
    right = answers_for(attempt, right=True)
    before = services.paper_of(attempt)
    client = world.client("coordinator")
    for item in attempt.paper:  # rewrite every drawn question and its answers, then retire it
        question = BankQuestion.objects.get(key=item["id"])
        client.post(
            reverse("campaigns:question_edit", args=[question.pk]),
            {**FORM, "text": "Câu đã sửa", "options_text": "* Mới đúng\nMới sai"},
        )
        client.post(reverse("campaigns:question_toggle", args=[question.pk]))
        assert not BankQuestion.objects.get(pk=question.pk).active
    attempt = QuizAttempt.objects.get(pk=attempt.pk)
    assert services.paper_of(attempt) == before
    result = services.submit_attempt(attempt, right)
    assert result.passed
    edited = BankQuestion.objects.get(key=attempt.paper[0]["id"])
    assert _entries(edited, "update").count() == 2  # the edit, then the retirement


def test_an_attempt_stored_before_the_bank_moved_to_the_database_still_shows_and_scores(
    world, quiz_campaign
):
    assignment = quiz_campaign.assignments.get(person=world.person_a)
    starter = starter_bank().questions[:3]
    attempt = QuizAttempt.objects.create(
        assignment=assignment,
        number=1,
        seed="cu",
        paper=[{"id": q.id, "options": [o.id for o in q.options]} for q in starter],
        total=3,
        pass_percent=100,
    )
    assert [q.text for q in services.paper_of(attempt).questions] == [q.text for q in starter]
    answers = {q.id: sorted(q.correct_ids) for q in starter}
    assert services.submit_attempt(attempt, answers).passed


def test_the_bank_pages_list_filter_and_show_a_question_with_its_history(world):
    question = BankQuestion.objects.order_by("key").first()
    client = world.client("coordinator")
    client.post(reverse("campaigns:question_toggle", args=[question.pk]))
    retired = client.get(reverse("campaigns:questions") + "?show=retired").content.decode()
    assert "Đã ngừng dùng (1)" in retired
    assert reverse("campaigns:question", args=[question.pk]) in retired
    detail = client.get(reverse("campaigns:question", args=[question.pk])).content.decode()
    assert "Dùng lại" in detail and "Lịch sử" in detail
    index = client.get(reverse("campaigns:index")).content.decode()
    assert reverse("campaigns:questions") in index


def test_an_emptied_bank_table_is_seeded_again_on_first_use(world):
    BankQuestion.objects.all().delete()  # what a test flush or an empty restored dump leaves
    assert len(services.bank()) == len(starter_bank())
    BankQuestion.objects.update(active=False)
    assert len(services.bank()) == 0  # retired questions are not "empty": nothing comes back


def test_a_question_cannot_be_retired_below_what_a_running_campaign_draws(world):
    keep = list(BankQuestion.objects.order_by("key").values_list("pk", flat=True)[:3])
    BankQuestion.objects.exclude(pk__in=keep).update(active=False)
    campaign = make_campaign(world, orgs=[world.unit_a], quiz_questions=3)
    services.launch(campaign)
    client = world.client("coordinator")
    response = client.post(reverse("campaigns:question_toggle", args=[keep[0]]), follow=True)
    assert "đang triển khai cần 3 câu hỏi, ngân hàng sẽ chỉ còn 2 câu" in response.content.decode()
    assert BankQuestion.objects.get(pk=keep[0]).active
    services.close(campaign)
    client.post(reverse("campaigns:question_toggle", args=[keep[0]]))
    assert not BankQuestion.objects.get(pk=keep[0]).active
