import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ungxu.audit.models import AuditEntry
from ungxu.moderation import services
from ungxu.moderation.models import CannedAnswer, Decision, InboxItem, Reply, Status

from .helpers import make_item

QUESTION = "Cho hỏi thủ tục cấp giấy chứng nhận an toàn thực phẩm nộp ở đâu ạ?"


def test_a_moderator_corrects_the_categories_and_the_change_is_audited(world):
    item = make_item(
        world.unit_a, "Trang này toàn tin giả, đừng tin, cứ share cho mọi người biết!!!"
    )
    client = world.client("moderator_a")
    response = client.post(
        reverse("moderation:item_decide", args=[item.pk]),
        {"categories": ["insult"], "action": "hide", "comment": "Xúc phạm trang"},
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.categories == ",insult," and decision.corrected
    item.refresh_from_db()
    assert item.status == Status.HIDDEN and item.closed_at is not None
    assert item.assignee == world.user("moderator_a")
    assert AuditEntry.objects.filter(object_id=str(item.pk), changes__has_key="status").exists()


def test_deleting_on_the_platform_is_recorded_as_a_recommendation(world):
    item = make_item(world.unit_a, "Nhận làm bằng đại học, bao công chứng, liên hệ ngay")
    decision = services.decide(
        item, world.user("moderator_a"), categories=["illegal_ads"], action="delete"
    )
    assert decision.recommendation_only


def test_answering_with_a_canned_reply_screens_it_and_records_the_time(world):
    item = make_item(world.unit_a, QUESTION)
    assert item.needs_reply
    canned = CannedAnswer.objects.create(
        organisation=world.root,
        title="Thủ tục ATTP",
        text="Cảm ơn bạn. Hồ sơ nộp tại Bộ phận một cửa của Sở, chi tiết tại cổng dịch vụ công.",
    )
    response = world.client("moderator_a").post(
        reverse("moderation:item_reply", args=[item.pk]), {"canned": canned.pk, "text": ""}
    )
    assert response.status_code == 302
    reply = Reply.objects.get()
    assert reply.state == Reply.State.SENT and reply.verdict == "allow"
    assert reply.result["versions"]["engine"]
    item.refresh_from_db()
    assert item.status == Status.ANSWERED and item.first_response_at == reply.sent_at


def test_a_reply_that_breaks_the_code_is_refused(world):
    item = make_item(world.unit_a, QUESTION)
    with pytest.raises(ValidationError, match="vi phạm Bộ quy tắc"):
        services.write_reply(
            item, world.user("moderator_a"), "Bọn bắc kỳ ngu như chó", needs_approval=False
        )
    assert not Reply.objects.exists()
    response = world.client("moderator_a").post(
        reverse("moderation:item_reply", args=[item.pk]), {"text": "Bọn bắc kỳ ngu như chó"}
    )
    assert response.status_code == 400 and "vi phạm Bộ quy tắc" in response.content.decode()


def test_a_reply_held_for_approval_is_sent_only_when_the_unit_head_approves(world):
    item = make_item(world.unit_a, QUESTION)
    reply = services.write_reply(
        item, world.user("moderator_a"), "Sở sẽ trả lời bạn trong tuần.", needs_approval=True
    )
    assert reply.state == Reply.State.PENDING
    url = reverse("moderation:reply_decide", args=[item.pk, reply.pk])
    assert world.client("moderator_a").post(url, {"accept": "1"}).status_code == 403
    assert world.client("head_a").post(url, {"accept": "1"}).status_code == 302
    reply.refresh_from_db()
    item.refresh_from_db()
    assert reply.state == Reply.State.SENT and reply.approved_by == world.user("head_a")
    assert item.status == Status.ANSWERED


def test_notes_assignment_and_bulk_actions_are_recorded(world):
    first = make_item(world.unit_a, "Cảm ơn Sở.")
    second = make_item(world.unit_a, "Rất hữu ích.")
    client = world.client("moderator_a")
    client.post(reverse("moderation:item_note", args=[first.pk]), {"text": "Đã xem"})
    client.post(
        reverse("moderation:bulk"),
        {
            "items": [first.pk, second.pk],
            "operation": "assign",
            "assignee": world.user("head_a").pk,
        },
    )
    client.post(reverse("moderation:bulk"), {"items": [first.pk, second.pk], "operation": "closed"})
    for item in InboxItem.objects.all():
        assert item.assignee == world.user("head_a") and item.status == Status.CLOSED
    assert first.notes.get().text == "Đã xem"
    assert AuditEntry.objects.filter(changes__has_key="assignee").count() == 2


def test_bulk_actions_skip_items_outside_the_moderators_units(world):
    other = make_item(world.unit_b, "Cảm ơn Sở.")
    world.client("moderator_a").post(
        reverse("moderation:bulk"), {"items": [other.pk], "operation": "closed"}
    )
    other.refresh_from_db()
    assert other.status == Status.NEW


def test_the_inbox_filters_by_verdict_category_status_and_assignee(world):
    bad = make_item(world.unit_a, "Bọn bắc kỳ ngu như chó")
    make_item(world.unit_a, "Cảm ơn Sở đã thông tin.")
    services.assign(bad, world.user("moderator_a"))
    client = world.client("moderator_a")

    def ids(**query):
        response = client.get(reverse("moderation:inbox"), query, HTTP_HX_REQUEST="true")
        return (
            {int(x) for x in response.context["items"].values_list("pk", flat=True)}
            if response.context["items"]
            else set()
        )

    assert ids(verdict="block") == {bad.pk}
    assert ids(category="discrimination") == {bad.pk}
    assert ids(assignee="me") == {bad.pk}
    assert ids(status="in_progress") == {bad.pk}
    assert len(ids()) == 2
