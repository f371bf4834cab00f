"""Security headers Django lacks, and the second-factor gate for privileged roles."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from ungxu.access.roles import totp_required_for

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), browsing-topics=()"
)


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response (CSP, nosniff, Referrer-Policy and X-Frame-Options
    come from core's CSP middleware and Django's own settings)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class TwoFactorRequiredMiddleware:
    """With UNGXU_REQUIRE_TOTP on, an administrator or coordinator who has passed the password
    but not the code reaches nothing except the sign-in pages: they are sent to verify (or to set
    up, if they have no authenticator yet). Must come after django-otp's OTPMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and totp_required_for(user)
            and not user.is_verified()
            and not self._exempt(request.path)
        ):
            return self._challenge(request)
        return self.get_response(request)

    def _exempt(self, path: str) -> bool:
        open_paths = {
            reverse("access:login"),
            reverse("access:logout"),
            reverse("access:totp_setup"),
            reverse("access:totp_verify"),
        }
        return path in open_paths or path.startswith(settings.STATIC_URL)

    def _challenge(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": "Cần xác thực hai bước trước khi dùng API trong phiên đăng nhập."},
                status=403,
            )
        from ungxu.access.twofactor import confirmed_device

        name = "access:totp_verify" if confirmed_device(request.user) else "access:totp_setup"
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse(name)}?{query}")


class HtmxAuthRedirectMiddleware:
    """When a session has expired (or the second factor is pending), an htmx request would get
    the sign-in page swapped into a table cell. Turn such redirects into an `HX-Redirect`, which
    makes htmx load the whole page instead."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.headers.get("HX-Request") or response.status_code != 302:
            return response
        location = response.get("Location", "")
        sign_in_pages = (
            reverse("access:login"),
            reverse("access:totp_setup"),
            reverse("access:totp_verify"),
        )
        if location.split("?")[0] in sign_in_pages:
            redirect_response = HttpResponse(status=204)
            redirect_response["HX-Redirect"] = location
            return redirect_response
        return response
