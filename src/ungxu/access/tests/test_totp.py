from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ungxu.audit.models import Action, AuditEntry
from ungxu.core.testing import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def require_totp(settings):
    settings.UNGXU_REQUIRE_TOTP = True


def current_code(device: TOTPDevice, offset_steps: int = 0) -> str:
    """The code an authenticator app would show now, computed by django-otp itself."""
    value = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=device.drift + offset_steps,
    )
    return f"{value:0{device.digits}d}"


def password_login(username: str) -> Client:
    client = Client()
    response = client.post("/account/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_a_coordinator_without_an_authenticator_is_sent_to_set_one_up_before_any_page(
    world, require_totp
):
    client = password_login("coordinator")
    for path in ["/", "/account/password/", "/account/api-token/", "/admin/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/account/two-factor/?next="), path


def test_the_api_answers_an_unverified_session_with_a_vietnamese_403(world, require_totp):
    response = password_login("coordinator").get("/api/v1/")
    assert response.status_code == 403
    assert "xác thực hai bước" in response.json()["detail"]


def test_setup_shows_a_qr_code_as_inline_svg_and_the_secret(world, require_totp):
    body = password_login("coordinator").get("/account/two-factor/").content.decode()
    device = TOTPDevice.objects.get(user=world.user("coordinator"))
    assert '<svg class="qr"' in body
    assert "data:image" not in body and "http" not in body.split('<svg class="qr"')[1][:200]
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', body).group(1)
    assert secret.startswith("") and len(secret) >= 32
    assert device.confirmed is False


def test_a_correct_code_confirms_the_device_and_opens_the_site(world, require_totp):
    client = password_login("coordinator")
    client.get("/account/two-factor/?next=/")
    device = TOTPDevice.objects.get(user=world.user("coordinator"))
    response = client.post("/account/two-factor/", {"code": current_code(device), "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200


def test_a_wrong_code_is_refused_in_vietnamese(world, require_totp):
    client = password_login("coordinator")
    client.get("/account/two-factor/")
    device = TOTPDevice.objects.get(user=world.user("coordinator"))
    wrong = current_code(device, offset_steps=40)
    body = client.post("/account/two-factor/", {"code": wrong}).content.decode()
    assert "Mã không đúng hoặc đã hết hạn" in body
    assert client.get("/").status_code == 302


def test_a_coordinator_with_an_authenticator_must_enter_a_code_after_the_password(
    world, require_totp
):
    device = TOTPDevice.objects.create(user=world.user("coordinator"), name="app", confirmed=True)
    client = password_login("coordinator")
    response = client.get("/people/")
    assert response["Location"] == "/account/two-factor/verify/?next=%2Fpeople%2F"
    verified = client.post(
        "/account/two-factor/verify/", {"code": current_code(device), "next": "/people/"}
    )
    assert verified["Location"] == "/people/"
    assert client.get("/").status_code == 200


def test_staff_are_not_asked_for_a_second_factor(world, require_totp):
    assert password_login("staff_a").get("/").status_code == 200


def test_nobody_is_asked_when_the_setting_is_off(world, settings):
    settings.UNGXU_REQUIRE_TOTP = False
    assert password_login("coordinator").get("/").status_code == 200


def test_a_user_may_turn_on_totp_voluntarily_and_off_again(world, settings):
    settings.UNGXU_REQUIRE_TOTP = False
    client = world.client("staff_a")
    client.get("/account/two-factor/")
    device = TOTPDevice.objects.get(user=world.user("staff_a"))
    client.post("/account/two-factor/", {"code": current_code(device)})
    assert "Đang bật" in client.get("/account/two-factor/").content.decode()
    client.post("/account/two-factor/disable/")
    assert not TOTPDevice.objects.filter(user=world.user("staff_a")).exists()
    logged = AuditEntry.objects.filter(action=Action.TOTP, object_label="staff_a")
    assert list(logged.order_by("id").values_list("message", flat=True)) == [
        "Bật xác thực hai bước",
        "Tắt xác thực hai bước",
    ]


def test_a_required_second_factor_cannot_be_turned_off(world, require_totp):
    device = TOTPDevice.objects.create(user=world.user("admin"), name="app", confirmed=True)
    client = password_login("admin")
    client.post("/account/two-factor/verify/", {"code": current_code(device)})
    client.post("/account/two-factor/disable/")
    assert TOTPDevice.objects.filter(user=world.user("admin")).exists()


def test_an_htmx_request_is_sent_to_the_second_factor_with_a_full_page_redirect(
    world, require_totp
):
    response = password_login("coordinator").get("/people/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith("/account/two-factor/?next=")
