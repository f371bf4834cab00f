"""The v1 API shell: OpenAPI schema and the screening endpoint."""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest


def test_the_openapi_schema_lists_our_endpoints(world: Any) -> None:
    response = world.client("staff_a").get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for wanted in ("/api/v1/people/", "/api/v1/organisations/{id}/", "/api/v1/screen"):
        assert wanted in paths


def test_the_api_docs_page_is_served_without_a_cdn(world: Any) -> None:
    client = world.client("staff_a")
    page = client.get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert "/api/v1/schema/" in script.content.decode()


def test_screen_needs_a_signed_in_user(world: Any) -> None:
    assert world.client(None).post(
        "/api/v1/screen", {"text": "x"}, content_type="application/json"
    ).status_code in (401, 403)


def test_screen_rejects_a_missing_text_in_vietnamese(world: Any) -> None:
    response = world.client("staff_a").post("/api/v1/screen", {}, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"text": ["Thiếu trường «text»."]}


@pytest.mark.skipif(
    importlib.util.find_spec("ungxu.screening") is None
    or not hasattr(importlib.import_module("ungxu.screening"), "screen"),
    reason="the screening engine is not installed yet",
)
def test_screen_returns_the_engines_verdict(world: Any) -> None:
    from ungxu.screening import screen

    text = "Chúc mọi người một ngày làm việc hiệu quả."
    response = world.client("staff_a").post(
        "/api/v1/screen", {"text": text}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json() == screen(text).to_dict()
