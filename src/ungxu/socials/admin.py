from __future__ import annotations

from django.contrib import admin

from ungxu.socials.models import AccountAdmin, Evidence, Incident, OfficialAccount


class AccountAdminInline(admin.TabularInline[AccountAdmin, OfficialAccount]):
    model = AccountAdmin
    extra = 0
    raw_id_fields = ["person"]


@admin.register(OfficialAccount)
class OfficialAccountAdmin(admin.ModelAdmin[OfficialAccount]):
    list_display = ["name", "platform", "organisation", "status", "posture_grade"]
    list_filter = ["platform", "status", "posture_grade"]
    search_fields = ["name", "handle", "url"]
    raw_id_fields = ["organisation", "responsible_person"]
    readonly_fields = ["posture_score", "posture_grade", "posture_checks", "posture_at"]
    inlines = [AccountAdminInline]


@admin.register(Incident)
class IncidentAdmin(admin.ModelAdmin[Incident]):
    list_display = ["title", "kind", "severity", "organisation", "status", "opened_at"]
    list_filter = ["kind", "severity", "status"]
    search_fields = ["title", "impostor_name"]
    raw_id_fields = ["organisation", "account", "assignee", "reported_by"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin[Evidence]):
    """Read-only: evidence is added through the incident page, where type and hash are checked."""

    list_display = ["original_name", "incident", "sha256", "size", "uploaded_at"]
    readonly_fields = [f.name for f in Evidence._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
