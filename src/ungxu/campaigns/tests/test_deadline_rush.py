"""The deadline rush against PostgreSQL: 1,000 people acknowledging at once, each twice.

Runs only when DATABASE_URL points at PostgreSQL (SQLite serialises writers, so concurrency
there proves nothing). The HTTP test is the one the issue asks for: real signed-in sessions
posting the real acknowledgement form (CSRF included) to a threaded live server, from a pool
of client threads. The service-level test beside it isolates the database rule from HTTP."""

from __future__ import annotations

import datetime as dt
import http.client
import re
import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection, connections
from django.utils import timezone

from ungxu.campaigns import services
from ungxu.campaigns.documents import current_versions
from ungxu.campaigns.models import Acknowledgement, Assignment, Campaign, ReadingRecord
from ungxu.campaigns.progress import campaign_progress
from ungxu.campaigns.tests.conftest import make_campaign
from ungxu.core.testing import build_world, make_org
from ungxu.orgs.models import Person

PEOPLE = 1000
THREADS = 24

pytestmark = pytest.mark.postgres

_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _require_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Cần PostgreSQL: đặt DATABASE_URL=postgres://… để chạy kiểm thử này.")


def _crowd() -> tuple[Campaign, list[int]]:
    """A launched campaign over 1,000 people of one unit, everyone has read the Code."""
    world = build_world()
    unit = make_org("Phòng Đông người", "PDN", world.root)
    Person.objects.bulk_create(
        Person(code=f"R{i:05d}", full_name=f"Người thứ {i}", organisation=unit)
        for i in range(PEOPLE)
    )
    campaign = make_campaign(world, orgs=[unit])
    services.launch(campaign)
    version = current_versions(campaign)[0]
    ids = list(campaign.assignments.values_list("pk", flat=True))
    ReadingRecord.objects.bulk_create(
        ReadingRecord(assignment_id=pk, version=version) for pk in ids
    )
    assert len(ids) == PEOPLE
    return campaign, ids


def _sign_everyone_in(campaign: Campaign) -> list[tuple[int, str]]:
    """One account and one database session per person, as the login form would leave them;
    returns (assignment id, session key) pairs."""
    User = get_user_model()
    password = make_password("khong-dung-den")  # one hash for all: the test hasher is cheap anyway
    assignments = list(campaign.assignments.select_related("person"))
    users = User.objects.bulk_create(
        User(username=a.person.code.lower(), password=password) for a in assignments
    )
    for assignment, user in zip(assignments, users, strict=True):
        assignment.person.user = user
    Person.objects.bulk_update([a.person for a in assignments], ["user"])
    store = SessionStore()
    expires = timezone.now() + dt.timedelta(hours=1)
    rows, pairs = [], []
    for assignment, user in zip(assignments, users, strict=True):
        key = secrets.token_hex(16)
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=expires))
        pairs.append((assignment.pk, key))
    Session.objects.bulk_create(rows)
    return pairs


class Browser:
    """One person's cookies against the live server; a fresh connection per request, like a
    phone on a flaky network, and redirects are not followed (the 302 is the answer)."""

    def __init__(self, base: str, session_key: str) -> None:
        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.cookies = {"sessionid": session_key}

    def request(self, method: str, path: str, body: dict[str, str] | None = None) -> Any:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        payload = None
        if body is not None:
            payload = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=payload, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, response.getheader("Location") or "", text
        finally:
            conn.close()


def _open_task_page(base: str, assignment_pk: int, session_key: str) -> tuple[Browser, str]:
    """The person opens their task page: the session is live and the form's CSRF token known."""
    browser = Browser(base, session_key)
    status, _, page = browser.request("GET", f"/campaigns/tasks/{assignment_pk}/")
    assert status == 200, f"trang nhiệm vụ {assignment_pk}: HTTP {status}"
    match = _TOKEN.search(page)
    assert match, "trang nhiệm vụ không có mã CSRF"
    return browser, match.group(1)


def _acknowledge_twice(browser: Browser, assignment_pk: int, token: str) -> list[int]:
    form = {"csrfmiddlewaretoken": token, "commit": "yes"}
    statuses = []
    for _ in range(2):  # the double click
        status, location, _ = browser.request(
            "POST", f"/campaigns/tasks/{assignment_pk}/acknowledge/", form
        )
        assert "/confirmation/" in location, f"xác nhận {assignment_pk}: HTTP {status}"
        statuses.append(status)
    return statuses


def test_a_thousand_people_posting_the_acknowledgement_form_twice_are_counted_once(
    transactional_db: Any, live_server: Any
) -> None:
    _require_postgres()
    campaign, _ = _crowd()
    pairs = _sign_everyone_in(campaign)
    with ThreadPoolExecutor(THREADS) as pool:
        opened_at = time.perf_counter()
        pages = list(pool.map(lambda pair: _open_task_page(live_server.url, *pair), pairs))
        started = time.perf_counter()
        # The rush itself: everyone, with the page already open, clicks «Xác nhận» twice.
        results = list(
            pool.map(
                lambda item: _acknowledge_twice(item[0][0], item[1][0], item[0][1]),
                zip(pages, pairs, strict=True),
            )
        )
        elapsed = time.perf_counter() - started

    assert all(statuses == [302, 302] for statuses in results)
    assert Acknowledgement.objects.count() == PEOPLE
    assert Acknowledgement.objects.values("assignment").distinct().count() == PEOPLE
    assert not Acknowledgement.objects.exclude(ip="127.0.0.1").exists()
    progress = campaign_progress(campaign, None)
    assert (progress.total.audience, progress.total.acknowledged) == (PEOPLE, PEOPLE)
    assert elapsed < 60, f"{2 * PEOPLE} lượt gửi xác nhận mất {elapsed:.1f} giây"
    print(
        f"\nHTTP rush, {THREADS} clients: {PEOPLE} task pages in {started - opened_at:.1f} s, "
        f"then {2 * PEOPLE} acknowledgement POSTs in {elapsed:.1f} s"
    )


def _acknowledge_all(assignment_ids: list[int]) -> int:
    """One worker: acknowledges its share, one call after another, on its own connection."""
    created = 0
    try:
        for pk in assignment_ids:
            assignment = Assignment.objects.select_related("campaign").get(pk=pk)
            created += services.acknowledge(assignment, ip="10.0.0.1")[1]
    finally:
        connections.close_all()  # the thread's connection, not the test's
    return created


def test_a_thousand_concurrent_service_calls_create_exactly_one_acknowledgement_each(
    transactional_db: Any,
) -> None:
    _require_postgres()
    campaign, ids = _crowd()

    started = time.perf_counter()
    work = ids + ids[::-1]  # everyone twice; the two calls land on different workers
    with ThreadPoolExecutor(THREADS) as pool:
        created = list(pool.map(_acknowledge_all, [work[i::THREADS] for i in range(THREADS)]))
    elapsed = time.perf_counter() - started

    assert sum(created) == PEOPLE
    assert Acknowledgement.objects.count() == PEOPLE
    assert Acknowledgement.objects.values("assignment").distinct().count() == PEOPLE
    progress = campaign_progress(campaign, None)
    assert (progress.total.audience, progress.total.acknowledged) == (PEOPLE, PEOPLE)
    assert elapsed < 60, f"{2 * PEOPLE} xác nhận mất {elapsed:.1f} giây"
    print(f"\nService rush: {2 * PEOPLE} calls ({THREADS} threads) in {elapsed:.1f} s")
