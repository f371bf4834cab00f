from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token

from ungxu.audit.models import Action, AuditEntry

pytestmark = pytest.mark.django_db


def test_a_new_token_is_shown_once_then_only_its_existence(world):
    client = world.client("head_a")
    created = client.post("/account/api-token/", {"action": "create"})
    key = Token.objects.get(user=world.user("head_a")).key
    assert key in created.content.decode()
    assert created["Cache-Control"].startswith("max-age=0")
    later = client.get("/account/api-token/").content.decode()
    assert key not in later
    assert "Đang có mã" in later


def test_rotating_replaces_the_key_and_revoking_removes_it(world):
    client = world.client("head_a")
    client.post("/account/api-token/", {"action": "create"})
    first = Token.objects.get(user=world.user("head_a")).key
    client.post("/account/api-token/", {"action": "rotate"})
    second = Token.objects.get(user=world.user("head_a")).key
    assert first != second
    client.post("/account/api-token/", {"action": "revoke"})
    assert not Token.objects.filter(user=world.user("head_a")).exists()
    messages = AuditEntry.objects.filter(action=Action.TOKEN, object_label="head_a")
    assert list(messages.order_by("id").values_list("message", flat=True)) == [
        "Tạo mã truy cập API",
        "Tạo lại mã truy cập API",
        "Thu hồi mã truy cập API",
    ]


def test_a_token_is_only_ever_the_users_own(world):
    world.client("head_a").post("/account/api-token/", {"action": "create"})
    world.client("head_b").post("/account/api-token/", {"action": "revoke"})
    assert Token.objects.filter(user=world.user("head_a")).exists()


def test_the_token_page_needs_a_signed_in_user(client):
    assert client.get("/account/api-token/").status_code == 302


def test_the_token_from_the_page_opens_the_api_with_the_users_own_scope(world):
    from django.test import Client

    world.client("head_a").post("/account/api-token/", {"action": "create"})
    key = Token.objects.get(user=world.user("head_a")).key
    response = Client().get("/api/v1/people/", headers={"Authorization": f"Token {key}"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "NSA01" in body and "NSB01" not in body
    revoked = Client()
    world.client("head_a").post("/account/api-token/", {"action": "revoke"})
    assert (
        revoked.get("/api/v1/people/", headers={"Authorization": f"Token {key}"}).status_code == 401
    )
