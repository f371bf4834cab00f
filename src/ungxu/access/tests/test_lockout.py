from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.utils import timezone

from ungxu.audit.models import Action, AuditEntry
from ungxu.core.testing import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/account/login/"


def fail(client: Client, username: str, times: int) -> None:
    for _ in range(times):
        client.post(LOGIN, {"username": username, "password": "sai"})


def test_the_limit_is_five_failures(settings):
    assert settings.AXES_FAILURE_LIMIT == 5


def test_a_lock_lasts_fifteen_minutes_by_default_and_the_page_says_so(world):
    assert dt.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    client = Client()
    fail(client, "head_a", settings.AXES_FAILURE_LIMIT)
    body = client.post(LOGIN, {"username": "head_a", "password": PASSWORD}).content.decode()
    assert "trong 15 phút" in body


def test_the_lock_is_over_once_its_minutes_have_passed(world):
    client = Client()
    fail(client, "head_a", settings.AXES_FAILURE_LIMIT)
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    assert client.post(LOGIN, {"username": "head_a", "password": PASSWORD}).status_code == 302


@pytest.mark.slow
def test_the_lockout_minutes_come_from_the_environment(tmp_path):
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.AXES_COOLOFF_TIME.total_seconds())"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ungxu.config.settings"}
    env.update(UNGXU_LOCKOUT_MINUTES="40", UNGXU_DATA_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.stdout.strip().splitlines()[-1] == "2400.0", result.stderr


def test_it_locks_the_account_after_repeated_failures_even_for_the_right_password(world):
    client = Client()
    fail(client, "head_a", settings.AXES_FAILURE_LIMIT)
    response = client.post(LOGIN, {"username": "head_a", "password": PASSWORD})
    assert response.status_code == 429
    body = response.content.decode()
    assert "Tạm khoá đăng nhập" in body
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action=Action.LOCKOUT, object_label="head_a").exists()


def test_failures_below_the_limit_do_not_lock(world):
    client = Client()
    fail(client, "head_a", settings.AXES_FAILURE_LIMIT - 1)
    assert client.post(LOGIN, {"username": "head_a", "password": PASSWORD}).status_code == 302


def test_the_lock_holds_one_username_and_not_another(world):
    client = Client()
    fail(client, "head_a", settings.AXES_FAILURE_LIMIT)
    assert client.post(LOGIN, {"username": "head_b", "password": PASSWORD}).status_code == 302


def test_an_administrator_lifts_a_lock_and_the_user_signs_in_again(world):
    client = Client()
    fail(client, "head_a", settings.AXES_FAILURE_LIMIT)
    admin = world.client("admin")
    page = admin.get("/account/lockouts/").content.decode()
    assert "head_a" in page
    admin.post("/account/lockouts/unlock/", {"username": "head_a", "ip_address": "127.0.0.1"})
    assert not AccessAttempt.objects.filter(username="head_a").exists()
    assert AuditEntry.objects.filter(action=Action.UNLOCK, object_label="head_a").exists()
    assert client.post(LOGIN, {"username": "head_a", "password": PASSWORD}).status_code == 302


def test_only_administrators_may_lift_locks(world):
    fail(Client(), "head_a", settings.AXES_FAILURE_LIMIT)
    coordinator = world.client("coordinator")
    assert coordinator.get("/account/lockouts/").status_code == 403
    assert coordinator.post("/account/lockouts/unlock/", {"username": "head_a"}).status_code == 403
    assert AccessAttempt.objects.filter(username="head_a").exists()
