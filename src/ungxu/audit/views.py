"""The audit log, filterable, for administrators and coordinators (scoped to their subtree)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ungxu.audit.forms import AuditFilterForm
from ungxu.audit.models import AuditEntry
from ungxu.core import scoping
from ungxu.core.views import paginate
from ungxu.orgs.models import Role

PAGE_SIZE = 50


def visible_entries(user: Any) -> QuerySet[AuditEntry]:
    """Entries about the user's audit subtree; entries tied to no organisation (e.g. sign-ins of
    people without a unit) only for administrators."""
    entries = AuditEntry.objects.all()
    paths = scoping.allowed_paths(user, scoping.VIEW_AUDIT)
    if paths is None:
        return entries
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(organisation__path__startswith=path)
    if Role.ADMIN in scoping.roles(user):
        query |= Q(organisation__isnull=True)
    return entries.filter(query)


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filter_entries(entries: QuerySet[AuditEntry], form: AuditFilterForm) -> QuerySet[AuditEntry]:
    if not form.is_valid():
        return entries
    data = form.cleaned_data
    if data.get("q"):
        text = data["q"].strip()
        entries = entries.filter(
            Q(object_label__icontains=text)
            | Q(message__icontains=text)
            | Q(actor_label__icontains=text)
        )
    if data.get("actor"):
        entries = entries.filter(actor_label__icontains=data["actor"].strip())
    if data.get("object_type"):
        entries = entries.filter(content_type=data["object_type"])
    if data.get("action"):
        entries = entries.filter(action=data["action"])
    if data.get("organisation"):
        entries = entries.filter(organisation__path__startswith=data["organisation"].path)
    if data.get("date_from"):
        entries = entries.filter(created_at__gte=_day_start(data["date_from"]))
    if data.get("date_to"):
        entries = entries.filter(created_at__lt=_day_start(data["date_to"] + dt.timedelta(days=1)))
    return entries


@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    if not scoping.has_capability(request.user, scoping.VIEW_AUDIT):
        raise PermissionDenied("Chỉ quản trị hệ thống và văn phòng điều phối được xem nhật ký.")
    form = AuditFilterForm(request.GET or None, user=request.user)
    entries = filter_entries(visible_entries(request.user), form).select_related(
        "organisation", "content_type"
    )
    page = paginate(request, entries.order_by("-created_at", "-id"), PAGE_SIZE)
    context = {
        "form": form,
        "page_obj": page,
        "entries": page.object_list,
        "breadcrumbs": [("Nhật ký thay đổi", None)],
    }
    template = "audit/_entry_results.html" if request.htmx else "audit/entry_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)
