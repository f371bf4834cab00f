from __future__ import annotations

from django.contrib import admin

from ungxu.campaigns.models import Acknowledgement, Campaign, Document, Reminder


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin[Campaign]):
    list_display = ["title", "organisation", "status", "starts_on", "deadline", "round"]
    list_filter = ["status"]
    search_fields = ["title"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin[Document]):
    list_display = ["title", "kind", "organisation"]


@admin.register(Acknowledgement)
class AcknowledgementAdmin(admin.ModelAdmin[Acknowledgement]):
    """Read-only: an acknowledgement is evidence and is never edited."""

    list_display = ["assignment", "round", "acknowledged_at", "ip", "quiz_score"]
    readonly_fields = [
        "assignment",
        "round",
        "acknowledged_at",
        "ip",
        "versions",
        "quiz_score",
        "statement",
    ]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin[Reminder]):
    list_display = ["campaign", "kind", "slot", "recipient", "status", "claimed_at", "sent_at"]
    list_filter = ["status", "kind"]
