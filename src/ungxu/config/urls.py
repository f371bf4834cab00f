"""Root URL configuration: each app owns its URLs under its own namespace."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("ungxu.orgs.urls")),
    path("audit/", include("ungxu.audit.urls")),
    path("", include("ungxu.access.urls")),
    path("imports/", include("ungxu.imports.urls")),
    path("api/v1/", include("ungxu.config.api")),
    path("", include("ungxu.config.health")),
    path("", include("ungxu.dashboard.urls")),
]
