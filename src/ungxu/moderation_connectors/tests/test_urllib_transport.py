"""The real transport against a real local HTTP server (no outside network)."""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ungxu.moderation_connectors import (
    HttpRequest,
    TransportError,
    UrllibTransport,
)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.seen.append((self.path, dict(self.headers)))  # type: ignore[attr-defined]
        if self.path.startswith("/ok"):
            self._send(200, {"data": []})
        elif self.path.startswith("/graph-error"):
            self._send(400, {"error": {"code": 190, "message": "expired"}})
        elif self.path.startswith("/redirect"):
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:1/elsewhere")
            self.end_headers()
        elif self.path.startswith("/big"):
            self._send(200, {"data": "x" * 5000})

    def _send(self, status: int, body: object) -> None:
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def local(**kwargs: object) -> UrllibTransport:
    return UrllibTransport(
        allowed_hosts=frozenset({"127.0.0.1"}), schemes=frozenset({"http"}), timeout=5, **kwargs
    )  # type: ignore[arg-type]


def url(server: ThreadingHTTPServer, path: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def test_it_returns_the_body_and_sends_the_headers(server):
    response = local().send(HttpRequest(url(server, "/ok"), {"access_token": "zz"}))
    assert response.status == 200 and json.loads(response.body) == {"data": []}
    headers = {k.lower(): v for k, v in server.seen[-1][1].items()}
    assert headers["access_token"] == "zz"  # header names are case-insensitive


def test_an_http_error_keeps_the_platforms_explanation(server):
    response = local().send(HttpRequest(url(server, "/graph-error")))
    assert response.status == 400
    assert json.loads(response.body)["error"]["code"] == 190


def test_a_redirect_is_not_followed_so_credentials_stay_home(server):
    response = local().send(HttpRequest(url(server, "/redirect"), {"Authorization": "Bearer t"}))
    assert response.status == 302


def test_an_oversized_answer_is_refused(server):
    with pytest.raises(TransportError, match="giới hạn"):
        local(max_bytes=1000).send(HttpRequest(url(server, "/big")))


def test_a_closed_port_is_a_transport_error():
    with pytest.raises(TransportError, match="Không kết nối được"):
        local().send(HttpRequest("http://127.0.0.1:1/"))
