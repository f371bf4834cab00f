"""What moderators do to an item: assign, change state, note, decide, reply, approve.

Every change goes through a model `save()`, so each one is in the audit log with who and when.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ungxu.core import scoping

from .models import (
    ActionChoice,
    Decision,
    InboxItem,
    Note,
    Reply,
    Status,
    join_categories,
    split_categories,
)
from .screening import check

# The action a decision implies for the item's state.
ACTION_STATUS = {
    ActionChoice.KEEP: Status.CLOSED,
    ActionChoice.HIDE: Status.HIDDEN,
    ActionChoice.DELETE: Status.HIDDEN,
    ActionChoice.REPORT: Status.CLOSED,
    ActionChoice.ESCALATE: Status.ESCALATED,
    ActionChoice.FORWARD: Status.ESCALATED,
}
# No platform credential lets us delete or report yet: these are recorded as recommendations.
RECOMMENDATION_ONLY = {ActionChoice.DELETE, ActionChoice.REPORT}
FINAL = {Status.ANSWERED, Status.HIDDEN, Status.CLOSED}


def set_status(item: InboxItem, status: str) -> InboxItem:
    item.status = status
    now = timezone.now()
    if status in FINAL and item.closed_at is None:
        item.closed_at = now
    elif status not in FINAL:
        item.closed_at = None
    item.save()
    return item


def assign(item: InboxItem, user: Any) -> InboxItem:
    item.assignee = user
    if user is not None and item.status == Status.NEW:
        item.status = Status.IN_PROGRESS
    item.save()
    return item


def add_note(item: InboxItem, author: Any, text: str) -> Note:
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Ghi chú không được để trống."})
    return Note.objects.create(item=item, author=author, text=text)


def decide(
    item: InboxItem, user: Any, *, categories: list[str], action: str, comment: str = ""
) -> Decision:
    """Record the moderator's categories (empty = no violation) and action; move the item on."""
    if action not in ActionChoice.values:
        raise ValidationError({"action": "Hành động xử lý không hợp lệ."})
    with transaction.atomic():
        decision = Decision.objects.create(
            item=item,
            categories=join_categories(categories),
            engine_categories=item.categories,
            action=action,
            recommendation_only=action in RECOMMENDATION_ONLY,
            comment=comment.strip()[:1000],
            decided_by=user,
        )
        if item.assignee_id is None:
            item.assignee = user
        # A question still awaiting its answer stays open after a "keep" decision.
        keep_open = action == ActionChoice.KEEP and item.needs_reply and not item.first_response_at
        set_status(item, Status.IN_PROGRESS if keep_open else ACTION_STATUS[ActionChoice(action)])
    return decision


def write_reply(item: InboxItem, user: Any, text: str, *, needs_approval: bool) -> Reply:
    """Screen the reply first: a reply that would break the Code is refused, one that needs a
    second look is held for the unit head's approval."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Nội dung trả lời không được để trống."})
    verdict = check(text, item.organisation)
    if verdict.verdict == "block":
        reasons = "; ".join(sorted({f.reason for f in verdict.findings}))
        raise ValidationError({"text": f"Câu trả lời vi phạm Bộ quy tắc, chưa gửi: {reasons}"})
    reply = Reply(
        item=item, text=text, written_by=user, verdict=verdict.verdict, result=verdict.to_dict()
    )
    # A reply the engine wants reviewed goes to the unit head rather than straight out.
    needs_approval = needs_approval or verdict.verdict == "review"
    with transaction.atomic():
        if needs_approval:
            reply.state = Reply.State.PENDING
            reply.save()
            if item.status == Status.NEW:
                set_status(item, Status.IN_PROGRESS)
        else:
            reply.save()
            mark_sent(reply, approver=None)
    return reply


def mark_sent(reply: Reply, approver: Any) -> Reply:
    now = timezone.now()
    reply.state = Reply.State.SENT
    reply.approved_by = approver
    reply.sent_at = now
    reply.save()
    item = reply.item
    if item.first_response_at is None:
        item.first_response_at = now
    set_status(item, Status.ANSWERED)
    return reply


def approve(reply: Reply, user: Any, *, accept: bool) -> Reply:
    if not scoping.can(user, scoping.APPROVE_REPLIES, reply.item.organisation):
        raise PermissionDenied("Chỉ thủ trưởng đơn vị được phê duyệt câu trả lời.")
    if reply.state != Reply.State.PENDING:
        raise ValidationError("Câu trả lời này đã được xử lý.")
    if accept:
        return mark_sent(reply, approver=user)
    reply.state = Reply.State.REJECTED
    reply.approved_by = user
    reply.save()
    return reply


def bulk_apply(items: list[InboxItem], operation: str, user: Any, assignee: Any = None) -> int:
    """Bulk actions on the list: each item saved on its own, so each change is audited."""
    with transaction.atomic():
        for item in items:
            if operation == "assign":
                assign(item, assignee)
            elif operation == "assign_me":
                assign(item, user)
            elif operation in Status.values:
                set_status(item, operation)
            else:
                raise ValidationError("Thao tác hàng loạt không hợp lệ.")
    return len(items)


def effective_categories(item: InboxItem) -> list[str]:
    """The latest decision's categories when a moderator decided, else the engine's."""
    latest = item.decisions.order_by("-created_at", "-id").first()
    return split_categories(latest.categories if latest else item.categories)


def set_needs_reply(item: InboxItem, needed: bool) -> InboxItem:
    from .deadlines import due_for

    needed = needed and not item.by_own_account  # the page does not answer itself
    item.needs_reply = needed
    item.due_at = due_for(item.created_at) if needed else None
    if needed:
        item.priority = max(item.priority, 2)
    item.save()
    return item
