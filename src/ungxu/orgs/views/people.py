"""People directory: list with search and filters, detail, create, edit, departure, roles."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ungxu.core import scoping
from ungxu.core.views import history_for, paginate
from ungxu.orgs import services
from ungxu.orgs.forms import DepartForm, OrganisationChoiceField, PersonFilterForm, PersonForm
from ungxu.orgs.models import Organisation, Person, PersonQuerySet, Role, RoleGrant

PAGE_SIZE = 25


def _people_crumbs(person: Person | None = None, last: str | None = None) -> list[Any]:
    crumbs: list[Any] = [("Nhân sự", reverse("orgs:person_list"))]
    if person is not None:
        crumbs.append((person.full_name, reverse("orgs:person_detail", args=[person.pk])))
    if last:
        crumbs.append((last, None))
    return crumbs


def filter_people(queryset: PersonQuerySet, form: PersonFilterForm) -> PersonQuerySet:
    """Apply the list filters; shared with exports so a download matches what is on screen."""
    if not form.is_valid():
        return queryset
    data = form.cleaned_data
    if data.get("q"):
        query = data["q"].strip()
        queryset = queryset.filter(
            Q(full_name__icontains=query) | Q(email__icontains=query) | Q(code__icontains=query)
        )
    if data.get("org"):
        queryset = queryset.filter(organisation__path__startswith=data["org"].path)
    if data.get("category"):
        queryset = queryset.filter(employment_category=data["category"])
    if data.get("status") == "active":
        queryset = queryset.active()
    elif data.get("status") == "departed":
        queryset = queryset.departed()
    if data.get("role"):
        queryset = queryset.filter(user__role_grants__role=data["role"]).distinct()
    return queryset


def visible_people(user: Any) -> PersonQuerySet:
    return cast(PersonQuerySet, scoping.scope(Person.objects.all(), user))


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    form = PersonFilterForm(request.GET or None, user=request.user)
    people = filter_people(visible_people(request.user), form)
    people = people.select_related("organisation").prefetch_related(
        Prefetch("user__role_grants", queryset=RoleGrant.objects.order_by("role"))
    )
    page = paginate(request, people.order_by("full_name", "code"), PAGE_SIZE)
    context = {
        "form": form,
        "page_obj": page,
        "people": page.object_list,
        "can_create": scoping.has_capability(request.user, scoping.MANAGE_PEOPLE),
        "breadcrumbs": [("Nhân sự", None)],
    }
    template = "orgs/_person_results.html" if request.htmx else "orgs/person_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _get_person_for(user: Any, pk: int) -> Person:
    """A person the user may see: anyone in scope, and always their own profile."""
    queryset = Person.objects.select_related("organisation", "user")
    try:
        return scoping.get_visible_or_404(queryset, user, pk=pk)
    except Http404:
        own = queryset.filter(pk=pk, user=user).first() if user.is_active else None
        if own is None:
            raise
        return own


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get_person_for(request.user, pk)
    grants = (
        list(person.user.role_grants.select_related("organisation")) if person.user_id else []  # type: ignore[union-attr]
    )
    can_manage = scoping.can(request.user, scoping.MANAGE_PEOPLE, person.organisation)
    grant_form = None
    if person.user_id and scoping.has_capability(request.user, scoping.MANAGE_ROLES):
        grant_form = RoleGrantForm(user=request.user)
    context = {
        "person": person,
        "grants": [
            (grant, scoping.can(request.user, scoping.MANAGE_ROLES, grant.organisation))
            for grant in grants
        ],
        "history": history_for(person),
        "can_manage": can_manage,
        "depart_form": DepartForm(person=person) if can_manage and not person.left_on else None,
        "grant_form": grant_form,
        "breadcrumbs": _people_crumbs(person),
    }
    return render(request, "orgs/person_detail.html", context)


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    if not scoping.has_capability(request.user, scoping.MANAGE_PEOPLE):
        raise PermissionDenied("Bạn không có quyền thêm nhân sự.")
    initial = {}
    org_pk = request.GET.get("organisation", "")
    if org_pk.isdigit():
        initial["organisation"] = int(org_pk)
    form = PersonForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        scoping.require(request.user, scoping.MANAGE_PEOPLE, form.cleaned_data["organisation"])
        person = form.save()
        messages.success(request, f"Đã thêm “{person.full_name}”.")
        return redirect("orgs:person_detail", pk=person.pk)
    context = {"form": form, "title": "Thêm nhân sự", "breadcrumbs": _people_crumbs(last="Thêm")}
    return render(request, "orgs/person_form.html", context)


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = scoping.get_visible_or_404(Person.objects.all(), request.user, pk=pk)
    scoping.require(request.user, scoping.MANAGE_PEOPLE, person.organisation)
    form = PersonForm(request.POST or None, instance=person, user=request.user)
    if request.method == "POST" and form.is_valid():
        scoping.require(request.user, scoping.MANAGE_PEOPLE, form.cleaned_data["organisation"])
        form.save()
        messages.success(request, f"Đã lưu thông tin của “{person.full_name}”.")
        return redirect("orgs:person_detail", pk=person.pk)
    context = {
        "form": form,
        "person": person,
        "title": f"Sửa thông tin “{person.full_name}”",
        "breadcrumbs": _people_crumbs(person, last="Sửa"),
    }
    return render(request, "orgs/person_form.html", context)


@login_required
@require_POST
def person_depart(request: HttpRequest, pk: int) -> HttpResponse:
    person = scoping.get_visible_or_404(Person.objects.all(), request.user, pk=pk)
    scoping.require(request.user, scoping.MANAGE_PEOPLE, person.organisation)
    form = DepartForm(request.POST, person=person)
    if form.is_valid():
        services.depart(person, form.cleaned_data["left_on"])
        messages.success(
            request,
            f"Đã ghi nhận “{person.full_name}” nghỉ việc; tài khoản đăng nhập (nếu có) đã bị khoá."
            if person.is_departed
            else f"Đã ghi nhận ngày nghỉ việc của “{person.full_name}”.",
        )
    else:
        for error in form.errors.get("left_on", []):
            messages.error(request, str(error))
    return redirect("orgs:person_detail", pk=person.pk)


class RoleGrantForm(forms.Form):
    role = forms.ChoiceField(label="Vai trò", choices=Role.choices)
    organisation = OrganisationChoiceField(
        queryset=Organisation.objects.none(), label="Trên đơn vị (áp dụng cả cấp dưới)"
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        field = self.fields["organisation"]
        assert isinstance(field, OrganisationChoiceField)
        field.queryset = scoping.visible_organisations(user, scoping.MANAGE_ROLES).order_by("path")
        if not (scoping.is_superadmin(user) or Role.ADMIN in scoping.roles(user)):
            role = self.fields["role"]
            assert isinstance(role, forms.ChoiceField)
            role.choices = [(value, label) for value, label in Role.choices if value != Role.ADMIN]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        org, role = data.get("organisation"), data.get("role")
        if org is not None and role and role not in scoping.grantable_roles(self.user, org):
            raise forms.ValidationError("Bạn không được cấp vai trò này trên đơn vị đã chọn.")
        return data


@login_required
@require_POST
def role_grant(request: HttpRequest, pk: int) -> HttpResponse:
    person = scoping.get_visible_or_404(Person.objects.select_related("user"), request.user, pk=pk)
    if person.user is None or person.is_departed:
        raise PermissionDenied("Người này không có tài khoản đăng nhập đang hoạt động.")
    form = RoleGrantForm(request.POST, user=request.user)
    if form.is_valid():
        grant, created = RoleGrant.objects.get_or_create(
            user=person.user,
            role=form.cleaned_data["role"],
            organisation=form.cleaned_data["organisation"],
        )
        if created:
            messages.success(request, f"Đã cấp vai trò {grant}.")
        else:
            messages.info(request, "Người này đã có vai trò đó.")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("orgs:person_detail", pk=person.pk)


@login_required
@require_POST
def role_revoke(request: HttpRequest, pk: int, grant_pk: int) -> HttpResponse:
    person = scoping.get_visible_or_404(Person.objects.select_related("user"), request.user, pk=pk)
    grant = get_object_or_404(
        RoleGrant.objects.select_related("organisation"), pk=grant_pk, user_id=person.user_id
    )
    if grant.role not in scoping.grantable_roles(request.user, grant.organisation):
        raise PermissionDenied("Bạn không được thu hồi vai trò này.")
    grant.delete()
    messages.success(request, f"Đã thu hồi vai trò {grant}.")
    return redirect("orgs:person_detail", pk=person.pk)
