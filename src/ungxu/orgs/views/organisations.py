"""Organisation tree, detail, create, edit and move. Every view goes through ungxu.core.scoping."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from ungxu.core import scoping
from ungxu.core.views import history_for
from ungxu.orgs.forms import MoveForm, OrganisationForm
from ungxu.orgs.models import Organisation, Person


def _crumbs(org: Organisation | None, *, last: str | None = None) -> list[tuple[str, str | None]]:
    crumbs: list[tuple[str, str | None]] = [("Đơn vị", reverse("orgs:organisation_list"))]
    if org is not None:
        for ancestor in org.ancestors():
            crumbs.append((ancestor.name, reverse("orgs:organisation_detail", args=[ancestor.pk])))
        crumbs.append((org.name, reverse("orgs:organisation_detail", args=[org.pk])))
    if last:
        crumbs.append((last, None))
    return crumbs


def build_tree(orgs: Sequence[Organisation]) -> list[dict[str, Any]]:
    """Nest path-ordered organisations; nodes whose parent is not visible become roots."""
    by_id: dict[int, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for org in orgs:  # path order guarantees parents come before children
        node: dict[str, Any] = {"org": org, "children": []}
        by_id[org.pk] = node
        parent = by_id.get(org.parent_id) if org.parent_id else None
        (parent["children"] if parent else roots).append(node)

    def total(node: dict[str, Any]) -> int:
        # People of the whole subtree, for the "cả cấp dưới" figure; reuses the annotated counts.
        node["subtree_people"] = getattr(node["org"], "people_count", 0) + sum(
            total(child) for child in node["children"]
        )
        return int(node["subtree_people"])

    for root in roots:
        total(root)
    return roots


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    active_people = Q(people__left_on__isnull=True) | Q(people__left_on__gt=today)
    orgs = list(
        scoping.visible_organisations(request.user)
        .annotate(people_count=Count("people", filter=active_people))
        .order_by("path")
    )
    query = request.GET.get("q", "").strip()
    if query:
        needle = query.casefold()
        matches = [o for o in orgs if needle in o.name.casefold() or needle in o.code.casefold()]
        nodes = [{"org": o, "children": []} for o in matches]
    else:
        nodes = build_tree(orgs)
    context = {
        "nodes": nodes,
        "total": len(orgs),
        "query": query,
        "can_create": scoping.has_capability(request.user, scoping.MANAGE_ORGS),
        "breadcrumbs": [("Đơn vị", None)],
    }
    template = "orgs/_organisation_tree.html" if request.htmx else "orgs/organisation_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = scoping.get_visible_or_404(Organisation.objects.all(), request.user, field=None, pk=pk)
    children = scoping.visible_organisations(request.user).filter(parent=org).order_by("name")
    people = Person.objects.filter(organisation=org).select_related("organisation")
    history = [
        entry
        for entry in history_for(org)
        if entry.action in {"create", "move"} or {"name", "code"} & set(entry.changes)
    ]
    context = {
        "org": org,
        "children": children,
        "people": people.order_by("left_on", "full_name")[:200],
        "people_total": people.count(),
        "history": history,
        "can_manage": scoping.can(request.user, scoping.MANAGE_ORGS, org),
        "can_manage_people": scoping.can(request.user, scoping.MANAGE_PEOPLE, org),
        "breadcrumbs": _crumbs(org),
    }
    return render(request, "orgs/organisation_detail.html", context)


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    if not scoping.has_capability(request.user, scoping.MANAGE_ORGS):
        scoping.require(request.user, scoping.MANAGE_ORGS, None)
    initial = {}
    parent_pk = request.GET.get("parent", "")
    if parent_pk.isdigit():
        initial["parent"] = int(parent_pk)
    form = OrganisationForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        scoping.require(request.user, scoping.MANAGE_ORGS, form.cleaned_data.get("parent"))
        org = form.save()
        messages.success(request, f"Đã tạo đơn vị “{org.name}”.")
        return redirect("orgs:organisation_detail", pk=org.pk)
    context = {"form": form, "title": "Thêm đơn vị", "breadcrumbs": _crumbs(None, last="Thêm")}
    return render(request, "orgs/organisation_form.html", context)


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = scoping.get_visible_or_404(Organisation.objects.all(), request.user, field=None, pk=pk)
    scoping.require(request.user, scoping.MANAGE_ORGS, org)
    form = OrganisationForm(request.POST or None, instance=org, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Đã lưu thông tin đơn vị “{org.name}”.")
        return redirect("orgs:organisation_detail", pk=org.pk)
    context = {
        "form": form,
        "org": org,
        "title": f"Sửa đơn vị “{org.name}”",
        "breadcrumbs": _crumbs(org, last="Sửa"),
    }
    return render(request, "orgs/organisation_form.html", context)


@login_required
def organisation_move(request: HttpRequest, pk: int) -> HttpResponse:
    org = scoping.get_visible_or_404(Organisation.objects.all(), request.user, field=None, pk=pk)
    scoping.require(request.user, scoping.MANAGE_ORGS, org)
    form = MoveForm(request.POST or None, user=request.user, organisation=org)
    if request.method == "POST" and form.is_valid():
        new_parent = form.cleaned_data["parent"]
        scoping.require(request.user, scoping.MANAGE_ORGS, new_parent)
        try:
            org.move_to(new_parent)
        except ValidationError as exc:
            form.add_error("parent", exc.message_dict.get("parent", exc.messages))
        else:
            target = new_parent.name if new_parent else "cấp gốc"
            messages.success(request, f"Đã chuyển “{org.name}” vào {target}.")
            return redirect("orgs:organisation_detail", pk=org.pk)
    context = {
        "form": form,
        "org": org,
        "title": f"Chuyển đơn vị “{org.name}”",
        "breadcrumbs": _crumbs(org, last="Chuyển"),
    }
    return render(request, "orgs/organisation_form.html", context)
