"""Sign-in, sign-out, password change and reset, and the lockout page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse_lazy

from ungxu.access import forms


class LoginView(auth_views.LoginView):
    form_class = forms.LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # The Django admin sends signed-in non-staff users back to its login page, which is
        # this one; sending them on to the admin again would loop, so say no plainly instead.
        if (
            request.user.is_authenticated
            and not request.user.is_staff
            and self.get_redirect_url().startswith("/admin/")
        ):
            raise PermissionDenied("Tài khoản của bạn không có quyền vào trang quản trị kỹ thuật.")
        return super().dispatch(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    """POST only (Django 5): a link or an image tag cannot sign anybody out."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, "Bạn đã đăng xuất.")
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = forms.PasswordChangeForm
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("dashboard:home")
    extra_context = {"breadcrumbs": [("Đổi mật khẩu", None)]}

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, "Đã đổi mật khẩu.")
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.PasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("access:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.SetPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("access:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes calls this (AXES_LOCKOUT_CALLABLE) instead of its English page."""
    cooloff = getattr(settings, "AXES_COOLOFF_TIME", None)
    if isinstance(cooloff, int | float):
        minutes = int(cooloff * 60)  # axes reads a number as hours
    elif cooloff is not None and hasattr(cooloff, "total_seconds"):
        minutes = int(cooloff.total_seconds() // 60)
    else:
        minutes = 0
    return render(
        request,
        "access/lockout.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
