"""Home page and the placeholder pages of areas still being built."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ungxu.dashboard import nav
from ungxu.dashboard.chart import bar_chart
from ungxu.dashboard.services import build_dashboard


@login_required
def home(request: HttpRequest) -> HttpResponse:
    data = build_dashboard(request.user)
    areas = [link for link in nav.visible_links(request.user) if link.area.key != "home"]
    return render(
        request,
        "dashboard/home.html",
        {
            "data": data,
            "chart": bar_chart(data.units),
            "areas": areas,
            "area_urls": {link.area.key: link.url for link in areas},
            "role_label": nav.main_role_label(request.user),
            "today": timezone.localdate(),
        },
    )


@login_required
def under_construction(request: HttpRequest, key: str) -> HttpResponse:
    area = nav.AREAS_BY_KEY.get(key)
    if area is None:
        raise Http404("Không có chức năng này.")
    if not nav.may_open(request.user, area):
        raise PermissionDenied("Bạn không có quyền sử dụng chức năng này.")
    return render(
        request,
        "dashboard/under_construction.html",
        {"area": area, "breadcrumbs": [(area.label, None)]},
    )
