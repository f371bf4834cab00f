from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from ungxu.core.testing import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Mat-khau-moi-2026!"


@pytest.fixture(autouse=True)
def locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_a_user_changes_their_password_and_signs_in_with_the_new_one(world):
    client = world.client("head_a")
    response = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    fresh = Client()
    ok = fresh.post("/account/login/", {"username": "head_a", "password": NEW_PASSWORD})
    assert ok.status_code == 302


def test_a_wrong_current_password_is_refused_in_vietnamese(world):
    response = world.client("head_a").post(
        "/account/password/",
        {"old_password": "sai", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Mật khẩu hiện tại không đúng" in body
    assert 'aria-describedby="id_old_password_error"' in body


def test_mismatched_new_passwords_are_refused_in_vietnamese(world):
    response = world.client("head_a").post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": "khac"},
    )
    assert "không khớp" in response.content.decode()


def test_password_change_needs_a_signed_in_user():
    response = Client().get("/account/password/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_a_reset_email_is_sent_and_its_link_sets_a_new_password(world):
    user = world.user("head_a")
    user.email = "head.a@example.gov.vn"
    user.save()
    client = Client()
    response = client.post("/account/password/reset/", {"email": "Head.A@example.gov.vn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["head.a@example.gov.vn"]  # the stored address, not the typed one
    assert "Đặt lại mật khẩu" in message.subject
    link = re.search(r"http://testserver(/account/password/reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Đặt mật khẩu mới" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_reset_reaches_staff_whose_address_is_only_on_their_personnel_record(world):
    # world.person_a (email nsa01@example.gov.vn) is linked to staff_a, whose login has no email.
    Client().post("/account/password/reset/", {"email": "nsa01@example.gov.vn"})
    assert len(mail.outbox) == 1
    assert "staff_a" in mail.outbox[0].body
    assert mail.outbox[0].to == ["nsa01@example.gov.vn"]


def test_an_unknown_address_sends_nothing_but_says_the_same(world):
    response = Client().post(
        "/account/password/reset/", {"email": "ai-do@example.com"}, follow=True
    )
    assert len(mail.outbox) == 0
    assert "Hãy kiểm tra hộp thư" in response.content.decode()


def test_a_deactivated_login_gets_no_reset_mail(world):
    user = world.user("staff_a")
    user.is_active = False
    user.save()
    Client().post("/account/password/reset/", {"email": "nsa01@example.gov.vn"})
    assert len(mail.outbox) == 0
