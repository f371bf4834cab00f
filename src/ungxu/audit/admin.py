from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ungxu.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    """Read-only: the log is append-only, so the admin can neither add, change nor delete."""

    list_display = ["created_at", "actor_label", "action", "object_label", "organisation", "ip"]
    list_filter = ["action", "source"]
    search_fields = ["object_label", "actor_label", "message"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
