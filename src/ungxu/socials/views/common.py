"""Scoped fetching shared by the socials views: 404 outside `view_socials`, 403 for changes."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from ungxu.core import scoping
from ungxu.socials.models import Incident, OfficialAccount

M = TypeVar("M", bound=models.Model)


def require_area(user: Any) -> None:
    if not scoping.has_capability(user, scoping.VIEW_SOCIALS):
        raise PermissionDenied("Bạn không có quyền xem tài khoản mạng xã hội chính thức.")


def visible(queryset: models.QuerySet[M], user: Any, field: str = "organisation") -> Any:
    return scoping.scope(queryset, user, field=field, action=scoping.VIEW_SOCIALS)


def get_visible(queryset: models.QuerySet[M], user: Any, field: str, pk: int) -> M:
    found = visible(queryset, user, field).filter(pk=pk).first()
    if found is None:
        raise Http404("Không tìm thấy hoặc bạn không có quyền xem.")
    return found  # type: ignore[no-any-return]


def account_or_404(user: Any, pk: int) -> OfficialAccount:
    qs = OfficialAccount.objects.select_related("organisation", "responsible_person")
    return get_visible(qs, user, "organisation", pk)


def incident_or_404(user: Any, pk: int) -> Incident:
    qs = Incident.objects.select_related("organisation", "account", "assignee")
    return get_visible(qs, user, "organisation", pk)


def require_manage(user: Any, organisation: Any) -> None:
    scoping.require(user, scoping.MANAGE_SOCIALS, organisation)


def can_manage(user: Any, organisation: Any) -> bool:
    return scoping.can(user, scoping.MANAGE_SOCIALS, organisation)
