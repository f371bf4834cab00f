from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/account/login/", "/no-such-page/"])
def test_responses_carry_the_security_headers(path):
    response = Client().get(path)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_the_pages_contain_no_inline_script_so_the_csp_holds(world):
    for body in (
        Client().get("/account/login/").content.decode(),
        world.client("coordinator").get("/").content.decode(),
    ):
        for tag in body.split("<script")[1:]:
            assert 'src="' in tag.split(">")[0], tag[:80]
        assert " style=" not in body
        assert "htmx-2.min.js" in body


def test_session_cookies_are_http_only_and_expire(settings, world):
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
