"""Root URL configuration: each app owns its URLs under its own namespace."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    # One sign-in page for everything: the admin's own would skip our checks and audit.
    path("admin/login/", RedirectView.as_view(pattern_name="access:login", query_string=True)),
    path("admin/", admin.site.urls),
    path("", include("ungxu.orgs.urls")),
    path("audit/", include("ungxu.audit.urls")),
    path("", include("ungxu.access.urls")),
    path("imports/", include("ungxu.imports.urls")),
    path("campaigns/", include("ungxu.campaigns.urls")),
    path("socials/", include("ungxu.socials.urls")),
    path("moderation/", include("ungxu.moderation.urls")),
    path("api/v1/", include("ungxu.config.api")),
    path("", include("ungxu.config.health")),
    path("", include("ungxu.dashboard.urls")),
]
