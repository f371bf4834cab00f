"""The one choke point for outside HTTP calls made by connectors.

Every fetcher takes an :class:`HttpTransport`. Production passes :class:`UrllibTransport`; tests
and demos pass :class:`MemoryTransport`, which replays recorded payloads, so no test touches the
network and the fetch logic (pagination, error mapping) runs unchanged.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import parse_qsl, urlsplit

__all__ = [
    "HttpRequest",
    "HttpResponse",
    "HttpTransport",
    "MemoryTransport",
    "TransportError",
    "UrllibTransport",
]

# Only the platforms' API hosts are ever called: a "next page" link inside a payload cannot send
# our access token anywhere else.
API_HOSTS = frozenset(
    {"graph.facebook.com", "www.googleapis.com", "youtube.googleapis.com", "openapi.zalo.me"}
)


class TransportError(Exception):
    """The request could not be made (network down, DNS, timeout, refused host)."""


@dataclass(frozen=True)
class HttpRequest:
    url: str
    headers: Mapping[str, str] = field(default_factory=dict)
    method: str = "GET"

    def __repr__(self) -> str:
        # Never print credentials that travel in headers.
        return f"HttpRequest({self.method} {self.url})"


@dataclass(frozen=True)
class HttpResponse:
    status: int
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)


class HttpTransport(Protocol):
    def send(self, request: HttpRequest) -> HttpResponse: ...


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # urllib would repeat our Authorization/access_token headers to wherever a redirect points;
    # the APIs we call do not redirect, so a redirect is refused and surfaces as a 3xx response.
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class UrllibTransport:
    """Real HTTP with the standard library: HTTPS only, known API hosts only, bounded body size."""

    def __init__(
        self,
        *,
        timeout: float = 20.0,
        max_bytes: int = 20 * 1024 * 1024,
        allowed_hosts: frozenset[str] = API_HOSTS,
        schemes: frozenset[str] = frozenset({"https"}),
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.allowed_hosts = allowed_hosts
        self.schemes = schemes
        self._opener = urllib.request.build_opener(_NoRedirect())

    def send(self, request: HttpRequest) -> HttpResponse:
        parts = urlsplit(request.url)
        if parts.scheme not in self.schemes or parts.hostname not in self.allowed_hosts:
            raise TransportError(f"Không được phép gọi địa chỉ {parts.scheme}://{parts.hostname}.")
        req = urllib.request.Request(
            request.url, headers=dict(request.headers), method=request.method
        )
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                return HttpResponse(resp.status, self._read(resp), dict(resp.headers.items()))
        except urllib.error.HTTPError as exc:
            # Platforms explain errors in the body (e.g. Graph code 190): keep it.
            return HttpResponse(exc.code, self._read(exc), dict(exc.headers.items()))
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise TransportError(f"Không kết nối được tới {parts.hostname}: {exc}") from exc

    def _read(self, stream: object) -> bytes:
        read = getattr(stream, "read", None)
        if read is None:
            return b""
        body: bytes = read(self.max_bytes + 1)
        if len(body) > self.max_bytes:
            raise TransportError(f"Phản hồi lớn hơn giới hạn {self.max_bytes} byte.")
        return body


@dataclass
class _Route:
    path: str
    query: Mapping[str, str]
    responses: list[HttpResponse]


class MemoryTransport:
    """Replays canned responses by URL path (and, optionally, query parameters).

    A route with several responses returns them in turn and then repeats the last one. Unmatched
    requests raise :class:`TransportError`, like an unreachable host. ``requests`` records every
    call so tests can assert on pagination and headers.
    """

    def __init__(self) -> None:
        self.routes: list[_Route] = []
        self.requests: list[HttpRequest] = []

    def add(
        self,
        path: str,
        body: object,
        *,
        status: int = 200,
        query: Mapping[str, str] | None = None,
    ) -> MemoryTransport:
        raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
        response = HttpResponse(status, raw, {"Content-Type": "application/json"})
        for route in self.routes:
            if route.path == path and dict(route.query) == dict(query or {}):
                route.responses.append(response)
                return self
        self.routes.append(_Route(path, dict(query or {}), [response]))
        return self

    def send(self, request: HttpRequest) -> HttpResponse:
        self.requests.append(request)
        parts = urlsplit(request.url)
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        # The most specific route (most query parameters) wins.
        for route in sorted(self.routes, key=lambda r: -len(r.query)):
            if parts.path == route.path and all(params.get(k) == v for k, v in route.query.items()):
                return route.responses.pop(0) if len(route.responses) > 1 else route.responses[0]
        raise TransportError(f"Không có phản hồi mẫu cho {parts.path}?{parts.query}")
