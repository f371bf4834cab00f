"""Small helpers shared by list views of every app."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db import models
from django.http import HttpRequest

from ungxu.audit.models import AuditEntry


def paginate(request: HttpRequest, queryset: models.QuerySet[Any], per_page: int = 25) -> Page[Any]:
    """The requested page; out-of-range or junk page numbers give the nearest valid page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def history_for(obj: models.Model, limit: int = 50) -> list[Any]:
    """Audit entries of one object, newest first (for "Lịch sử thay đổi" on detail pages)."""
    content_type = ContentType.objects.get_for_model(obj)
    return list(
        AuditEntry.objects.filter(content_type=content_type, object_id=str(obj.pk))
        .select_related("actor", "content_type")
        .order_by("-created_at", "-id")[:limit]
    )
