"""Django admin: fetch sources (configured by administrators), rules and canned answers."""

from django.contrib import admin

from .models import CannedAnswer, FetchSource, KeywordRule


@admin.register(FetchSource)
class FetchSourceAdmin(admin.ModelAdmin[FetchSource]):
    list_display = [
        "account_name",
        "platform",
        "target",
        "organisation",
        "is_active",
        "last_status",
        "last_run_at",
    ]
    readonly_fields = ["last_run_at", "last_status", "last_message", "last_count"]


@admin.register(KeywordRule)
class KeywordRuleAdmin(admin.ModelAdmin[KeywordRule]):
    list_display = ["term", "kind", "category", "organisation"]


@admin.register(CannedAnswer)
class CannedAnswerAdmin(admin.ModelAdmin[CannedAnswer]):
    list_display = ["title", "organisation"]
