"""Puts the request's user and IP into the audit context for the duration of the request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from ungxu.audit.context import audit_context, client_ip


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        source = "api" if request.path.startswith("/api/") else "web"
        # The user is read lazily (at record time), so token-authenticated API requests, whose
        # user DRF sets inside the view, are attributed correctly too.
        with audit_context(ip=client_ip(request), source=source, request=request):
            return self.get_response(request)
