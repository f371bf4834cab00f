from __future__ import annotations

from django.contrib import admin

from ungxu.orgs.models import Organisation, Person, RoleGrant


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "code", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
    readonly_fields = ["path"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin[Person]):
    list_display = ["full_name", "code", "organisation", "employment_category", "left_on"]
    list_filter = ["employment_category"]
    search_fields = ["full_name", "code", "email"]
    raw_id_fields = ["user"]
    list_select_related = ["organisation"]


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin[RoleGrant]):
    list_display = ["user", "role", "organisation", "created_at"]
    list_filter = ["role"]
    list_select_related = ["user", "organisation"]
