"""Who is acting, from where: carried in a context variable so models can audit themselves.

The request middleware sets it for web and API requests; tasks, imports and commands wrap their
work in `audit_context(user=..., ip=..., source=...)`. Code outside both records actor-less
entries with source "system" rather than failing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class AuditContext:
    user: Any = None  # a User, or None; read lazily from the request when one is set
    ip: str | None = None
    source: str = "system"
    request: HttpRequest | None = None

    @property
    def actor(self) -> Any:
        user = self.user
        if user is None and self.request is not None:
            user = getattr(self.request, "user", None)
        if user is None or not getattr(user, "is_authenticated", False):
            return None
        return user


_current: ContextVar[AuditContext | None] = ContextVar("ungxu_audit_context", default=None)


def current_context() -> AuditContext:
    return _current.get() or AuditContext()


@contextmanager
def audit_context(
    user: Any = None,
    ip: str | None = None,
    source: str = "system",
    request: HttpRequest | None = None,
) -> Iterator[AuditContext]:
    context = AuditContext(user=user, ip=ip, source=source, request=request)
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


def client_ip(request: HttpRequest) -> str | None:
    """The client address. Behind our own reverse proxy (UNGXU_HTTPS deployments) the first
    X-Forwarded-For entry is the client; REMOTE_ADDR otherwise."""
    from django.conf import settings

    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and getattr(settings, "HTTPS", False):
        return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None
