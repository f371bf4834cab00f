"""Incidents: list, open, detail (checklist, timeline, takedowns, evidence, notices), close."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ungxu.core import scoping
from ungxu.core.views import history_for, paginate
from ungxu.socials import incidents as flow
from ungxu.socials.forms import (
    AssignForm,
    CloseForm,
    EvidenceForm,
    IncidentForm,
    NoteForm,
    TakedownForm,
    TakedownStatusForm,
)
from ungxu.socials.models import (
    Incident,
    IncidentKind,
    IncidentStatus,
    NoticeKind,
    TakedownRequest,
)
from ungxu.socials.views.common import (
    account_or_404,
    can_manage,
    incident_or_404,
    require_area,
    require_manage,
    visible,
)


def _crumbs(incident: Incident | None, last: str | None = None) -> list[tuple[str, str | None]]:
    crumbs: list[tuple[str, str | None]] = [
        ("Tài khoản mạng xã hội", reverse("socials:index")),
        ("Sự cố", reverse("socials:incident_list")),
    ]
    if incident is not None:
        crumbs.append((incident.title, reverse("socials:incident_detail", args=[incident.pk])))
    if last:
        crumbs.append((last, None))
    return crumbs


@login_required
def incident_list(request: HttpRequest) -> HttpResponse:
    require_area(request.user)
    incidents = visible(Incident.objects.all(), request.user).select_related(
        "organisation", "account", "assignee"
    )
    status = request.GET.get("status", "")
    if status in IncidentStatus.values:
        incidents = incidents.filter(status=status)
    kind = request.GET.get("kind", "")
    if kind in IncidentKind.values:
        incidents = incidents.filter(kind=kind)
    takedowns = visible(TakedownRequest.objects.all(), request.user, "incident__organisation")
    page = paginate(request, incidents.order_by("-opened_at", "-id"))
    context = {
        "page_obj": page,
        "incidents": page.object_list,
        "status": status,
        "kind": kind,
        "kinds": IncidentKind.choices,
        "takedown_stats": flow.takedown_stats(takedowns),
        "can_create": scoping.has_capability(request.user, scoping.MANAGE_SOCIALS),
        "breadcrumbs": [*_crumbs(None)[:1], ("Sự cố", None)],
    }
    return render(request, "socials/incident_list.html", context)


@login_required
def incident_create(request: HttpRequest) -> HttpResponse:
    if not scoping.has_capability(request.user, scoping.MANAGE_SOCIALS):
        require_manage(request.user, None)
    initial: dict[str, object] = {}
    account_pk = request.GET.get("account", "")
    if account_pk.isdigit():
        account = account_or_404(request.user, int(account_pk))
        initial = {"account": account.pk, "organisation": account.organisation_id}
    if request.GET.get("kind") in IncidentKind.values:
        initial["kind"] = request.GET["kind"]
    form = IncidentForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        require_manage(request.user, data["organisation"])
        incident = flow.open_incident(
            organisation=data["organisation"],
            kind=data["kind"],
            title=data["title"],
            user=request.user,
            account=data["account"],
            severity=data["severity"],
            description=data["description"],
        )
        messages.success(request, "Đã ghi nhận sự cố và lập danh sách việc cần làm.")
        return redirect("socials:incident_detail", pk=incident.pk)
    context = {"form": form, "title": "Ghi nhận sự cố", "breadcrumbs": _crumbs(None, "Ghi nhận")}
    return render(request, "socials/form.html", context)


@login_required
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_or_404(request.user, pk)
    manage = can_manage(request.user, incident.organisation) and incident.is_open
    context = {
        "incident": incident,
        "steps": incident.steps.select_related("done_by"),
        "timeline": incident.timeline.select_related("author"),
        "takedowns": incident.takedowns.all(),
        "evidence": incident.evidence.select_related("uploaded_by")
        if can_manage(request.user, incident.organisation)
        else None,
        "notices": {n.kind: n for n in incident.notices.all()},
        "notice_kinds": NoticeKind.choices,
        "can_manage": manage,
        "note_form": NoteForm() if manage else None,
        "assign_form": AssignForm(incident=incident, initial={"assignee": incident.assignee_id})
        if manage
        else None,
        "takedown_form": TakedownForm(initial={"target_url": incident.impostor_url})
        if manage
        else None,
        "takedown_status_form": TakedownStatusForm(),
        "evidence_form": EvidenceForm() if manage else None,
        "close_form": CloseForm() if manage else None,
        "history": history_for(incident),
        "breadcrumbs": _crumbs(incident),
    }
    return render(request, "socials/incident_detail.html", context)


def _changeable(request: HttpRequest, pk: int) -> Incident:
    incident = incident_or_404(request.user, pk)
    require_manage(request.user, incident.organisation)
    if not incident.is_open:
        raise PermissionDenied("Sự cố đã đóng, không thể thay đổi.")
    return incident


def _back(incident: Incident, anchor: str = "") -> HttpResponse:
    return redirect(reverse("socials:incident_detail", args=[incident.pk]) + anchor)


@login_required
@require_POST
def step_toggle(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    incident = _changeable(request, pk)
    step = get_object_or_404(incident.steps, pk=step_pk)
    flow.set_step(step, request.POST.get("done") == "1", request.user)
    return _back(incident, "#steps")


@login_required
@require_POST
def add_note(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _changeable(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        flow.note(incident, form.cleaned_data["text"], request.user)
    return _back(incident, "#timeline")


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _changeable(request, pk)
    form = AssignForm(request.POST, incident=incident)
    if form.is_valid():
        flow.assign(incident, form.cleaned_data["assignee"], request.user)
        messages.success(request, "Đã giao xử lý.")
    return _back(incident)


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _changeable(request, pk)
    form = CloseForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"lessons_learned": "Hãy ghi bài học kinh nghiệm."})
        flow.close_incident(incident, form.cleaned_data["lessons_learned"], request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(incident, "#close")
    messages.success(request, "Đã đóng sự cố.")
    return _back(incident)


@login_required
@require_POST
def takedown_add(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _changeable(request, pk)
    form = TakedownForm(request.POST)
    if form.is_valid():
        flow.request_takedown(
            incident, form.cleaned_data["target_url"], form.cleaned_data["channel"], request.user
        )
    else:
        messages.error(request, "Nhập đường dẫn tài khoản hoặc bài cần gỡ.")
    return _back(incident, "#takedowns")


@login_required
@require_POST
def takedown_update(request: HttpRequest, pk: int, takedown_pk: int) -> HttpResponse:
    incident = _changeable(request, pk)
    takedown = get_object_or_404(incident.takedowns, pk=takedown_pk)
    form = TakedownStatusForm(request.POST)
    if form.is_valid():
        flow.update_takedown(takedown, form.cleaned_data["status"], request.user)
    return _back(incident, "#takedowns")
