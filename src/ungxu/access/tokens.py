"""The "Mã truy cập API" page: create, rotate or revoke one's own DRF token.

The key is shown once, in the response to the POST that made it; afterwards the page shows
only that a token exists and when it was made, so a shoulder-surfer or a cached page cannot
reveal it later.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from rest_framework.authtoken.models import Token

from ungxu.audit.models import Action, record

BREADCRUMBS = [("Mã truy cập API", None)]


@never_cache
@login_required
def api_token(request: HttpRequest) -> HttpResponse:
    user: Any = request.user  # signed in: login_required
    token = Token.objects.filter(user=user).first()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "revoke":
            if token is not None:
                token.delete()
                record(
                    Action.TOKEN,
                    message="Thu hồi mã truy cập API",
                    object_label=request.user.get_username(),
                )
            messages.success(request, "Đã thu hồi mã truy cập API.")
            return redirect("access:api_token")
        if action in {"create", "rotate"}:
            with transaction.atomic():
                Token.objects.filter(user=user).delete()
                token = Token.objects.create(user=user)
            record(
                Action.TOKEN,
                message="Tạo lại mã truy cập API" if action == "rotate" else "Tạo mã truy cập API",
                object_label=request.user.get_username(),
            )
            return render(
                request,
                "access/api_token.html",
                {"token": token, "new_key": token.key, "breadcrumbs": BREADCRUMBS},
            )
    return render(
        request,
        "access/api_token.html",
        {"token": token, "new_key": None, "breadcrumbs": BREADCRUMBS},
    )
