from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ungxu.audit.models import Action, AuditEntry
from ungxu.core.testing import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/account/login/"


def sign_in(client: Client, username: str, password: str = PASSWORD, **extra: str):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def test_login_url_is_the_one_settings_point_at():
    assert reverse("access:login") == LOGIN


def test_it_signs_in_with_the_right_password_and_goes_home(world):
    client = Client()
    response = sign_in(client, "head_a")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_it_follows_a_safe_next_url_but_not_an_outside_one(world):
    client = Client()
    assert sign_in(client, "head_a", next="/account/password/")["Location"] == "/account/password/"
    other = Client()
    assert sign_in(other, "head_a", next="https://evil.example/")["Location"] == "/"


def test_it_rejects_a_wrong_password_with_a_vietnamese_message(world):
    response = sign_in(Client(), "head_a", "sai-mat-khau")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_it_says_which_fields_are_missing_in_vietnamese(world):
    body = Client().post(LOGIN, {}).content.decode()
    assert "Vui lòng nhập tên đăng nhập." in body
    assert "Vui lòng nhập mật khẩu." in body
    assert 'aria-invalid="true"' in body


def test_a_departed_person_whose_login_was_deactivated_cannot_sign_in(world):
    user = world.user("staff_a")
    user.is_active = False
    user.save()
    response = sign_in(Client(), "staff_a")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_a_person_whose_leaving_date_has_passed_cannot_sign_in_even_if_the_login_is_active(world):
    person = world.person_a  # linked to staff_a
    person.left_on = timezone.localdate() - dt.timedelta(days=1)
    person.save()
    client = Client()
    response = sign_in(client, "staff_a")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_login_form_requires_a_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    refused = client.post(LOGIN, {"username": "head_a", "password": PASSWORD})
    assert refused.status_code == 403
    assert "Không thể gửi biểu mẫu" in refused.content.decode()

    client.get(LOGIN)
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        LOGIN, {"username": "head_a", "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert accepted.status_code == 302


def test_logout_only_accepts_post(world):
    client = world.client("head_a")
    assert client.get("/account/logout/").status_code == 405
    response = client.post("/account/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302  # signed out: home sends to the login page


def test_sign_in_failure_and_sign_out_are_recorded_in_the_audit_log(world):
    client = Client()
    sign_in(client, "head_a", "sai-mat-khau")
    sign_in(client, "head_a")
    client.post("/account/logout/")
    entries = list(AuditEntry.objects.filter(object_label="head_a").order_by("id"))
    assert [e.action for e in entries] == [Action.LOGIN_FAILED, Action.LOGIN, Action.LOGOUT]
    assert entries[1].actor == world.user("head_a")
    assert entries[1].ip == "127.0.0.1"
    # The unit head's sign-in belongs to no person record here, staff_a's would carry PA.
    sign_in(Client(), "staff_a")
    assert (
        AuditEntry.objects.filter(object_label="staff_a", action=Action.LOGIN).get().organisation
        == world.unit_a
    )


def test_the_login_page_is_in_vietnamese_and_offers_a_password_reset(world):
    body = Client().get(LOGIN).content.decode()
    assert '<html lang="vi">' in body
    assert '<label for="id_username">Tên đăng nhập' in body
    assert reverse("access:password_reset") in body


def test_an_htmx_request_after_the_session_ended_reloads_the_whole_login_page():
    response = Client().get("/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == "/account/login/?next=/"


def test_https_mode_turns_on_hsts_and_secure_cookies(tmp_path):
    import json
    import os
    import subprocess
    import sys

    # Importing the settings module is enough: no need to set Django up.
    code = (
        "import json; import ungxu.config.settings as s;"
        "print(json.dumps([s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT]))"
    )
    env = {
        **os.environ,
        "UNGXU_HTTPS": "true",
        "UNGXU_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "ungxu.config.settings",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    hsts, session_secure, csrf_secure, ssl_redirect = json.loads(out.strip().splitlines()[-1])
    assert hsts >= 31536000
    assert session_secure and csrf_secure and ssl_redirect


def test_the_django_admin_signs_in_through_our_login_page():
    response = Client().get("/admin/")
    assert response.status_code == 302
    followed = Client().get(response["Location"])
    assert followed.status_code == 302
    assert followed["Location"] == "/account/login/?next=/admin/"


def test_a_signed_in_user_without_staff_status_gets_a_403_not_a_redirect_loop(world):
    client = world.client("head_a")
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) <= 3
