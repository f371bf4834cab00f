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
    assert AuditEntry.objects.filter(object_label="staff_a", action=Action.LOGIN).get().organisation == world.unit_a


def test_the_login_page_is_in_vietnamese_and_offers_a_password_reset(world):
    body = Client().get(LOGIN).content.decode()
    assert '<html lang="vi">' in body
    assert '<label for="id_username">Tên đăng nhập' in body
    assert reverse("access:password_reset") in body
