"""Optional TOTP second factor (django-otp), required of privileged roles when configured.

Setup creates an unconfirmed device and shows its key as a QR code drawn by segno as inline SVG
(nothing leaves the server) plus the base32 secret for manual entry; the device counts only
after the user proves it works with a code. Verification marks the session with django-otp's
`login()`, which is what `user.is_verified()` reads.
"""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from ungxu.access.forms import TotpCodeForm
from ungxu.access.roles import totp_required_for
from ungxu.audit.models import Action, record

ISSUER = "ungxu"
DEVICE_NAME = "Ứng dụng xác thực"


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: Any) -> TOTPDevice:
    """The unconfirmed device being set up, created on first visit and reused on reload, so
    the QR code does not change under the user's phone while they scan it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_base32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG QR code (no <?xml?>, no fixed size: CSS sizes it)."""
    qr = segno.make(device.config_url, error="m")
    svg: str = qr.svg_inline(scale=4, border=2, dark="#000", light="#fff", omitsize=True)
    return svg.replace("<svg ", '<svg class="qr" role="img" aria-label="Mã QR thiết lập" ', 1)


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _verify(device: TOTPDevice, code: str) -> tuple[bool, str]:
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        return False, "Bạn đã nhập sai nhiều lần. Vui lòng chờ ít phút rồi thử lại."
    if device.verify_token(code):
        return True, ""
    return False, "Mã không đúng hoặc đã hết hạn. Hãy nhập mã đang hiển thị trên ứng dụng."


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    existing = confirmed_device(request.user)
    if existing is not None and request.method != "POST":
        return render(
            request,
            "access/totp_status.html",
            {
                "device": existing,
                "required": totp_required_for(request.user),
                "breadcrumbs": [("Xác thực hai bước", None)],
            },
        )
    device = pending_device(request.user)
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, error = _verify(device, form.cleaned_data["code"])
        if ok:
            # One authenticator per account: confirming a new one retires the old.
            TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save()
            otp_login(request, device)
            record(Action.TOTP, message="Bật xác thực hai bước", object_label=_label(request))
            messages.success(request, "Đã bật xác thực hai bước cho tài khoản của bạn.")
            return redirect(_next_url(request))
        form.add_error("code", error)
    return render(
        request,
        "access/totp_setup.html",
        {
            "form": form,
            "qr": mark_safe(qr_svg(device)),  # segno output: our own markup, no user input
            "secret": secret_base32(device),
            "required": totp_required_for(request.user),
            "next": _next_url(request),
        },
    )


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    device = confirmed_device(request.user)
    if device is None:
        return redirect("access:totp_setup")
    if request.user.is_verified():  # type: ignore[union-attr]
        return redirect(_next_url(request))
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, error = _verify(device, form.cleaned_data["code"])
        if ok:
            otp_login(request, device)
            record(
                Action.TOTP, message="Xác thực hai bước thành công", object_label=_label(request)
            )
            return redirect(_next_url(request))
        record(
            Action.LOGIN_FAILED, message="Sai mã xác thực hai bước", object_label=_label(request)
        )
        form.add_error("code", error)
    return render(request, "access/totp_verify.html", {"form": form, "next": _next_url(request)})


@login_required
@require_POST
def disable(request: HttpRequest) -> HttpResponse:
    if totp_required_for(request.user):
        messages.error(request, "Vai trò của bạn bắt buộc dùng xác thực hai bước, không thể tắt.")
        return redirect("access:totp_setup")
    TOTPDevice.objects.filter(user=request.user).delete()
    record(Action.TOTP, message="Tắt xác thực hai bước", object_label=_label(request))
    messages.success(request, "Đã tắt xác thực hai bước.")
    return redirect("access:totp_setup")


def _label(request: HttpRequest) -> str:
    return request.user.get_username()
