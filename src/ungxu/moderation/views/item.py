"""One inbox item: the highlighted text, decisions, replies, notes and history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ungxu.core import scoping
from ungxu.core.views import history_for

from .. import deadlines, services
from ..forms import DecisionForm, NoteForm, ReplyForm, moderators_for
from ..highlight import highlight
from ..models import CATEGORY_LABELS, InboxItem, Reply, Status
from .inbox import assignable, crumbs


def get_item(request: HttpRequest, pk: int) -> InboxItem:
    """404 outside what the user may see; 403 when visible but not theirs to moderate."""
    item = scoping.get_visible_or_404(
        InboxItem.objects.select_related("organisation", "assignee"), request.user, pk=pk
    )
    scoping.require(request.user, scoping.MODERATE, item.organisation)
    return item


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item(request, pk)
    return render_detail(request, item)


def render_detail(
    request: HttpRequest,
    item: InboxItem,
    *,
    decision_form: DecisionForm | None = None,
    reply_form: ReplyForm | None = None,
    status: int = 200,
) -> HttpResponse:
    findings = item.result.get("findings", []) if item.result else []
    latest = item.decisions.order_by("-created_at", "-id").first()
    initial = {"categories": services.effective_categories(item), "action": "keep"}
    due_state = deadlines.state(item.due_at, item.first_response_at)
    context = {
        "item": item,
        "highlighted": highlight(item.text, findings),
        "findings": [
            {**f, "number": n, "category_label": CATEGORY_LABELS.get(f["category"], f["category"])}
            for n, f in enumerate(findings, start=1)
        ],
        "decision_form": decision_form or DecisionForm(initial=initial),
        "reply_form": reply_form or ReplyForm(item=item),
        "note_form": NoteForm(),
        "decisions": item.decisions.select_related("decided_by"),
        "latest_decision": latest,
        "replies": item.replies.select_related("written_by", "approved_by"),
        "notes": item.notes.select_related("author"),
        "statuses": Status.choices,
        "moderators": moderators_for(request.user),
        "can_approve": scoping.can(request.user, scoping.APPROVE_REPLIES, item.organisation),
        "due_state": due_state,
        "due_label": deadlines.STATE_LABELS[due_state],
        "holidays": deadlines.calendar_note(item.created_at, item.due_at) if item.due_at else [],
        "history": history_for(item),
        "breadcrumbs": crumbs(f"Mục #{item.pk}"),
    }
    return render(request, "moderation/item_detail.html", context, status=status)


@login_required
@require_POST
def item_decide(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return render_detail(request, item, decision_form=form, status=400)
    decision = services.decide(
        item,
        request.user,
        categories=form.cleaned_data["categories"],
        action=form.cleaned_data["action"],
        comment=form.cleaned_data["comment"],
    )
    note = (
        " (ghi nhận là đề nghị, chưa có quyền thực hiện trên nền tảng)"
        if (decision.recommendation_only)
        else ""
    )
    messages.success(request, f"Đã ghi nhận quyết định: {decision.get_action_display()}{note}.")
    return redirect("moderation:item", pk=item.pk)


@login_required
@require_POST
def item_reply(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item(request, pk)
    form = ReplyForm(request.POST, item=item)
    if form.is_valid():
        text = form.reply_text()
        try:
            reply = services.write_reply(
                item, request.user, text, needs_approval=form.cleaned_data["needs_approval"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("text", message)
        else:
            if reply.state == Reply.State.SENT:
                messages.success(request, "Đã kiểm tra và ghi nhận câu trả lời là đã gửi.")
            else:
                messages.success(
                    request,
                    "Đã trình thủ trưởng đơn vị duyệt câu trả lời"
                    + (" (bộ máy đề nghị xem lại nội dung)." if reply.verdict == "review" else "."),
                )
            return redirect("moderation:item", pk=item.pk)
    return render_detail(request, item, reply_form=form, status=400)


@login_required
@require_POST
def reply_decide(request: HttpRequest, pk: int, reply_pk: int) -> HttpResponse:
    item = get_item(request, pk)
    reply = get_object_or_404(Reply, pk=reply_pk, item=item)
    try:
        services.approve(reply, request.user, accept=request.POST.get("accept") == "1")
    except PermissionDenied:
        raise
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã xử lý câu trả lời chờ duyệt.")
    return redirect("moderation:item", pk=item.pk)


@login_required
@require_POST
def item_note(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_note(item, request.user, form.cleaned_data["text"])
        messages.success(request, "Đã thêm ghi chú.")
    else:
        messages.error(request, "Ghi chú không được để trống.")
    return redirect("moderation:item", pk=item.pk)


@login_required
@require_POST
def item_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Assignment, state and the "needs a reply" flag."""
    item = get_item(request, pk)
    if "assignee" in request.POST:
        services.assign(item, assignable(request.user, request.POST["assignee"]))
    if request.POST.get("status") in Status.values:
        services.set_status(item, request.POST["status"])
    if "needs_reply" in request.POST:
        services.set_needs_reply(item, request.POST["needs_reply"] == "1")
    messages.success(request, "Đã cập nhật.")
    return redirect("moderation:item", pk=item.pk)
