"""A small page where an administrator sees locked sign-ins and lifts them.

django-axes keeps one AccessAttempt row per username+IP; a row at or above the failure limit is
a lock until the cool-off passes. Lifting it deletes those rows (axes' own `reset`).
"""

from __future__ import annotations

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ungxu.access.roles import is_admin
from ungxu.audit.models import Action, record


def _require_admin(request: HttpRequest) -> None:
    if not is_admin(request.user):
        raise PermissionDenied("Chỉ quản trị hệ thống được mở khoá đăng nhập.")


@login_required
def lockout_list(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    attempts = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    ).order_by("-attempt_time")
    return render(
        request,
        "access/lockouts.html",
        {"attempts": attempts, "breadcrumbs": [("Khoá đăng nhập", None)]},
    )


@login_required
@require_POST
def unlock(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    username = request.POST.get("username", "")
    ip = request.POST.get("ip_address") or None
    removed = reset(ip=ip, username=username) if username else 0
    if removed:
        record(Action.UNLOCK, message=f"Mở khoá đăng nhập cho {username}", object_label=username)
        messages.success(request, f"Đã mở khoá đăng nhập cho “{username}”.")
    else:
        messages.warning(request, "Không tìm thấy lượt khoá nào cần mở.")
    return redirect("access:lockouts")
