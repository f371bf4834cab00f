"""In-person sessions (with attendance import) and outreach to the public."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ungxu.audit.models import Action, record
from ungxu.campaigns.access import visible_campaigns
from ungxu.campaigns.attendance import import_attendance
from ungxu.campaigns.forms import AttendanceForm, OutreachForm, SessionForm
from ungxu.campaigns.models import Campaign, InPersonSession, OutreachRecord
from ungxu.core import scoping
from ungxu.core.views import history_for, paginate

GROUP_FIELDS = ("audience", "children", "ethnic_minorities", "disabilities", "poor")


def _crumbs(label: str, url_name: str | None = None, last: str | None = None) -> list[Any]:
    result: list[Any] = [("Phổ biến Bộ quy tắc", reverse("campaigns:index"))]
    result.append((label, reverse(url_name) if url_name else None))
    if last:
        result.append((last, None))
    return result


def _campaign_from(request: HttpRequest) -> Campaign | None:
    raw = request.GET.get("campaign", "")
    return visible_campaigns(request.user).filter(pk=raw).first() if raw.isdigit() else None


def _require_manager(user: Any) -> None:
    if not scoping.has_capability(user, scoping.MANAGE_CAMPAIGNS):
        raise PermissionDenied("Bạn không có quyền ghi nhận hoạt động phổ biến.")


def _managed_record(request: HttpRequest, queryset: Any, pk: int) -> Any:
    """A session or outreach record the user may change: 404 outside their view, 403 when they
    may see it but not manage its unit (a leader, or a unit head for a parent's record)."""
    item = scoping.get_visible_or_404(queryset.select_related("organisation"), request.user, pk=pk)
    if not scoping.can(request.user, scoping.MANAGE_CAMPAIGNS, item.organisation):
        raise PermissionDenied("Bạn không có quyền sửa, xoá hoạt động của đơn vị này.")
    return item


def _manageable_ids(user: Any) -> set[int]:
    return set(
        scoping.visible_organisations(user, scoping.MANAGE_CAMPAIGNS).values_list("pk", flat=True)
    )


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    if not scoping.has_capability(request.user, scoping.VIEW_CAMPAIGNS):
        raise PermissionDenied("Bạn không có quyền xem mục này.")
    sessions = scoping.scope(InPersonSession.objects.select_related("organisation"), request.user)
    page = paginate(request, sessions, 25)
    return render(
        request,
        "campaigns/session_list.html",
        {
            "page_obj": page,
            "sessions": page.object_list,
            "can_create": scoping.has_capability(request.user, scoping.MANAGE_CAMPAIGNS),
            "breadcrumbs": _crumbs("Hội nghị, tập huấn"),
        },
    )


@login_required
def session_create(request: HttpRequest) -> HttpResponse:
    _require_manager(request.user)
    form = SessionForm(request.POST or None, user=request.user)
    campaign = _campaign_from(request)
    if request.method == "POST" and form.is_valid():
        scoping.require(request.user, scoping.MANAGE_CAMPAIGNS, form.cleaned_data["organisation"])
        form.instance.campaign = campaign
        session = form.save()
        messages.success(request, f"Đã ghi nhận “{session.title}”. Hãy nhập danh sách tham dự.")
        return redirect("campaigns:session", pk=session.pk)
    return render(
        request,
        "campaigns/simple_form.html",
        {
            "form": form,
            "title": "Ghi nhận hội nghị, tập huấn",
            "breadcrumbs": _crumbs("Hội nghị, tập huấn", "campaigns:sessions", "Thêm"),
        },
    )


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = scoping.get_visible_or_404(
        InPersonSession.objects.select_related("organisation", "campaign"), request.user, pk=pk
    )
    if not scoping.can(request.user, scoping.VIEW_CAMPAIGNS, session.organisation):
        raise PermissionDenied("Bạn không có quyền xem mục này.")
    can_manage = scoping.can(request.user, scoping.MANAGE_CAMPAIGNS, session.organisation)
    form = AttendanceForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("Bạn không có quyền sửa danh sách tham dự.")
        if form.is_valid():
            upload = form.cleaned_data["sheet"]
            result = import_attendance(session, request.user, upload.name, upload.read())
            if not result.errors:
                messages.success(
                    request, f"Đã thêm {result.added} người tham dự ({result.already} người đã có)."
                )
                return redirect("campaigns:session", pk=session.pk)
            errors = result.errors
    return render(
        request,
        "campaigns/session_detail.html",
        {
            "session": session,
            "attendees": session.attendees.select_related("organisation").order_by("full_name"),
            "form": form if can_manage else None,
            "can_manage": can_manage,
            "errors": errors,
            "history": history_for(session),
            "breadcrumbs": _crumbs("Hội nghị, tập huấn", "campaigns:sessions", session.title),
        },
    )


@login_required
def outreach_list(request: HttpRequest) -> HttpResponse:
    if not scoping.has_capability(request.user, scoping.VIEW_CAMPAIGNS):
        raise PermissionDenied("Bạn không có quyền xem mục này.")
    records = scoping.scope(OutreachRecord.objects.select_related("organisation"), request.user)
    totals = records.aggregate(**{name: Sum(name) for name in GROUP_FIELDS})
    page = paginate(request, records, 25)
    return render(
        request,
        "campaigns/outreach_list.html",
        {
            "page_obj": page,
            "records": page.object_list,
            "totals": {k: v or 0 for k, v in totals.items()},
            "can_create": scoping.has_capability(request.user, scoping.MANAGE_CAMPAIGNS),
            "manageable": _manageable_ids(request.user),
            "breadcrumbs": _crumbs("Tuyên truyền đến người dân"),
        },
    )


@login_required
def outreach_create(request: HttpRequest) -> HttpResponse:
    _require_manager(request.user)
    form = OutreachForm(request.POST or None, user=request.user)
    campaign = _campaign_from(request)
    if request.method == "POST" and form.is_valid():
        scoping.require(request.user, scoping.MANAGE_CAMPAIGNS, form.cleaned_data["organisation"])
        form.instance.campaign = campaign
        form.save()
        messages.success(request, "Đã ghi nhận hoạt động tuyên truyền.")
        return redirect("campaigns:outreach")
    return render(
        request,
        "campaigns/simple_form.html",
        {
            "form": form,
            "title": "Ghi nhận tuyên truyền đến người dân",
            "breadcrumbs": _crumbs("Tuyên truyền đến người dân", "campaigns:outreach", "Thêm"),
        },
    )


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = _managed_record(request, InPersonSession.objects.all(), pk)
    form = SessionForm(request.POST or None, instance=session, user=request.user)
    if request.method == "POST" and form.is_valid():
        # The form only offers units the user manages; checked again for a forged POST.
        scoping.require(request.user, scoping.MANAGE_CAMPAIGNS, form.cleaned_data["organisation"])
        form.save()
        messages.success(request, f"Đã lưu thay đổi của “{session.title}”.")
        return redirect("campaigns:session", pk=session.pk)
    return render(
        request,
        "campaigns/simple_form.html",
        {
            "form": form,
            "title": f"Sửa “{session.title}”",
            "cancel_url": reverse("campaigns:session", args=[session.pk]),
            "breadcrumbs": _crumbs("Hội nghị, tập huấn", "campaigns:sessions", "Sửa"),
        },
    )


@login_required
@require_POST
def session_remove_attendee(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    """Undo a wrong line of an imported sheet without deleting the whole session."""
    session = _managed_record(request, InPersonSession.objects.all(), pk)
    person = session.attendees.filter(pk=person_pk).first()
    if person is not None:
        session.attendees.remove(person)
        record(
            Action.UPDATE,
            session,
            message=f"Bỏ khỏi danh sách tham dự: {person.full_name} ({person.code}).",
        )
        messages.success(request, f"Đã bỏ {person.full_name} khỏi danh sách tham dự.")
    return redirect("campaigns:session", pk=session.pk)


@login_required
def session_delete(request: HttpRequest, pk: int) -> HttpResponse:
    session = _managed_record(request, InPersonSession.objects.all(), pk)
    if request.method == "POST":
        title = session.title
        session.delete()  # audited by AuditedModel; the attendance list goes with it
        messages.success(request, f"Đã xoá “{title}”.")
        return redirect("campaigns:sessions")
    return render(
        request,
        "campaigns/confirm_delete.html",
        {
            "title": f"Xoá “{session.title}”?",
            "details": [
                f"{session.get_kind_display()} ngày {session.held_on:%d/%m/%Y} tại {session.place}",
                f"Đơn vị: {session.organisation.name}",
                f"Danh sách tham dự: {session.attendees.count()} người sẽ bị xoá cùng.",
            ],
            "cancel_url": reverse("campaigns:session", args=[session.pk]),
            "breadcrumbs": _crumbs("Hội nghị, tập huấn", "campaigns:sessions", "Xoá"),
        },
    )


@login_required
def outreach_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = _managed_record(request, OutreachRecord.objects.all(), pk)
    form = OutreachForm(request.POST or None, instance=record, user=request.user)
    if request.method == "POST" and form.is_valid():
        scoping.require(request.user, scoping.MANAGE_CAMPAIGNS, form.cleaned_data["organisation"])
        form.save()
        messages.success(request, "Đã lưu thay đổi của hoạt động tuyên truyền.")
        return redirect("campaigns:outreach")
    return render(
        request,
        "campaigns/simple_form.html",
        {
            "form": form,
            "title": "Sửa hoạt động tuyên truyền",
            "cancel_url": reverse("campaigns:outreach"),
            "breadcrumbs": _crumbs("Tuyên truyền đến người dân", "campaigns:outreach", "Sửa"),
        },
    )


@login_required
def outreach_delete(request: HttpRequest, pk: int) -> HttpResponse:
    record = _managed_record(request, OutreachRecord.objects.all(), pk)
    if request.method == "POST":
        record.delete()  # audited by AuditedModel
        messages.success(request, "Đã xoá hoạt động tuyên truyền.")
        return redirect("campaigns:outreach")
    return render(
        request,
        "campaigns/confirm_delete.html",
        {
            "title": "Xoá hoạt động tuyên truyền?",
            "details": [
                f"{record.get_kind_display()} ngày {record.held_on:%d/%m/%Y}"
                + (f" tại {record.place}" if record.place else ""),
                f"Đơn vị: {record.organisation.name}",
                f"Số người được tiếp cận: {record.audience} (người yếu thế: "
                f"{record.vulnerable_total}); các số này sẽ không còn trong báo cáo.",
            ],
            "cancel_url": reverse("campaigns:outreach"),
            "breadcrumbs": _crumbs("Tuyên truyền đến người dân", "campaigns:outreach", "Xoá"),
        },
    )
