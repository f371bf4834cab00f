"""The periodic-job scheduler: due slots, one enqueue per slot, tasks run by the real backend."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.test import Client

from ungxu.audit.models import AuditEntry
from ungxu.core import schedule
from ungxu.core.models import ScheduledRun
from ungxu.core.schedule import SCHEDULE_TZ, Job, register, registered_jobs, tick
from ungxu.core.tests.scheduled_tasks import note_run
from ungxu.imports.testing import clear_rq_queue, run_pending_tasks


def local(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SCHEDULE_TZ)


HOURLY = Job("test.hourly", note_run, every=dt.timedelta(hours=1), kwargs={"label": "mỗi giờ"})
DAILY = Job("test.daily", note_run, daily_at=dt.time(0, 5), kwargs={"label": "mỗi ngày"})


def runs_of(label: str) -> int:
    return AuditEntry.objects.filter(message=label).count()


@pytest.fixture(autouse=True)
def _empty_queue() -> None:
    clear_rq_queue()


def test_an_interval_job_is_due_at_the_start_of_the_current_interval():
    assert HOURLY.latest_slot(local(2026, 3, 2, 10, 37, 12)) == local(2026, 3, 2, 10)
    assert HOURLY.latest_slot(local(2026, 3, 2, 10, 0)) == local(2026, 3, 2, 10)
    quarter = Job("q", note_run, every=dt.timedelta(minutes=15))
    assert quarter.latest_slot(local(2026, 3, 2, 0, 44)) == local(2026, 3, 2, 0, 30)


def test_slots_follow_vietnam_time_whatever_zone_now_is_given_in():
    utc_now = dt.datetime(2026, 3, 1, 17, 10, tzinfo=dt.UTC)  # 00:10 on 2 March in Hà Nội
    assert DAILY.latest_slot(utc_now) == local(2026, 3, 2, 0, 5)
    assert DAILY.latest_slot(utc_now - dt.timedelta(minutes=6)) == local(2026, 3, 1, 0, 5)


def test_a_daily_job_before_its_time_is_due_from_yesterday():
    assert DAILY.latest_slot(local(2026, 3, 2, 0, 4, 59)) == local(2026, 3, 1, 0, 5)
    assert DAILY.latest_slot(local(2026, 3, 2, 0, 5)) == local(2026, 3, 2, 0, 5)
    assert DAILY.latest_slot(local(2026, 3, 2, 23, 59)) == local(2026, 3, 2, 0, 5)


@pytest.mark.parametrize(
    "definition",
    [
        {},
        {"every": dt.timedelta(hours=1), "daily_at": dt.time(1)},
        {"every": dt.timedelta(hours=7)},  # does not divide a day
        {"every": dt.timedelta(seconds=20)},
        {"daily_at": dt.time(1, tzinfo=dt.UTC)},
    ],
)
def test_it_rejects_a_job_without_one_clear_schedule(definition: dict[str, Any]):
    with pytest.raises(ValueError):
        Job("test.bad", note_run, **definition)


def test_registering_a_different_job_under_a_taken_name_fails():
    register("test.same", note_run, every=dt.timedelta(hours=2))
    register("test.same", note_run, every=dt.timedelta(hours=2))  # same again: fine
    with pytest.raises(ValueError):
        register("test.same", note_run, every=dt.timedelta(hours=3))
    schedule._registry.pop("test.same")


def test_the_apps_register_reminders_hourly_and_departures_daily():
    jobs = {job.name: job for job in registered_jobs()}
    assert jobs["campaigns.send_due_reminders"].every == dt.timedelta(hours=1)
    assert jobs["orgs.apply_departures"].daily_at == dt.time(0, 5)


@pytest.mark.django_db
def test_a_slot_is_enqueued_once_across_ticks_and_a_restart_then_runs_once():
    now = local(2026, 3, 2, 10, 1)
    first = tick(now, jobs=[HOURLY])
    assert [(e.job, e.slot) for e in first] == [("test.hourly", local(2026, 3, 2, 10))]
    assert first[0].task_id
    assert tick(now + dt.timedelta(minutes=30), jobs=[HOURLY]) == []
    # A "restarted" scheduler is a fresh Job object with the same name: the row still holds.
    restarted = Job("test.hourly", note_run, every=dt.timedelta(hours=1), kwargs=HOURLY.kwargs)
    assert tick(now + dt.timedelta(minutes=58), jobs=[restarted]) == []
    run_pending_tasks()
    assert runs_of("mỗi giờ") == 1
    assert len(tick(now + dt.timedelta(hours=1), jobs=[HOURLY])) == 1
    run_pending_tasks()
    assert runs_of("mỗi giờ") == 2
    assert ScheduledRun.objects.filter(job="test.hourly").count() == 2


@pytest.mark.django_db
def test_two_schedulers_claiming_the_same_slot_get_one_row():
    slot = local(2026, 3, 2, 0, 5)
    ScheduledRun.objects.create(job="test.daily", slot=slot)
    with pytest.raises(IntegrityError), transaction.atomic():
        ScheduledRun.objects.create(job="test.daily", slot=slot)
    # The other scheduler sees the claim and enqueues nothing.
    assert tick(local(2026, 3, 2, 6), jobs=[DAILY]) == []
    run_pending_tasks()
    assert runs_of("mỗi ngày") == 0


class Broken:
    def enqueue(self, **kwargs: Any) -> Any:
        raise ConnectionError("hàng đợi không phản hồi")


@pytest.mark.django_db
def test_a_failed_enqueue_releases_the_claim_and_the_other_jobs_still_run():
    broken = Job("test.broken", Broken(), every=dt.timedelta(hours=1))
    now = local(2026, 3, 2, 9, 30)
    assert [e.job for e in tick(now, jobs=[broken, DAILY])] == ["test.daily"]
    assert not ScheduledRun.objects.filter(job="test.broken").exists()
    retried = Job("test.broken", note_run, every=dt.timedelta(hours=1), kwargs={"label": "lại"})
    assert len(tick(now, jobs=[retried])) == 1


@pytest.mark.django_db
def test_the_scheduled_departures_job_revokes_access_through_the_real_backend(world):
    from ungxu.orgs.models import Person

    Person.objects.filter(pk=world.person_a.pk).update(left_on=dt.date(2026, 1, 31))
    user = get_user_model().objects.get(username="staff_a")
    assert user.is_active
    departures = [j for j in registered_jobs() if j.name == "orgs.apply_departures"]
    assert len(tick(local(2026, 3, 2, 0, 6), jobs=departures)) == 1
    run_pending_tasks()
    user.refresh_from_db()
    assert not user.is_active


@pytest.mark.django_db
def test_the_scheduler_loop_beats_and_healthz_shows_it(settings: Any, tmp_path: Path):
    settings.DATA_DIR = tmp_path
    from ungxu.core.health import beat
    from ungxu.core.schedule import run_forever

    assert Client().get("/healthz").json()["scheduler"]["status"] == "unknown"
    ticks = run_forever(0, max_ticks=2, on_tick=lambda: beat("scheduler"))
    assert ticks == 2
    body = Client().get("/healthz").json()["scheduler"]
    assert body["status"] == "ok"
    assert body["last_run"]["job"] in {job.name for job in registered_jobs()}
    run_pending_tasks()


@pytest.mark.postgres
def test_schedulers_racing_for_the_same_slot_enqueue_it_once(transactional_db: None):
    """Eight schedulers tick at the same instant, each on its own connection (PostgreSQL only:
    SQLite serialises writers, so a race there proves nothing)."""
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("Cần PostgreSQL: đặt DATABASE_URL=postgres://… để chạy kiểm thử này.")
    barrier = Barrier(8)
    now = local(2026, 3, 2, 10, 1)

    def one_scheduler(_: int) -> int:
        try:
            barrier.wait()
            return len(tick(now, jobs=[HOURLY]))
        finally:
            connections.close_all()  # the thread's connection, not the test's

    with ThreadPoolExecutor(8) as pool:
        enqueued = sum(pool.map(one_scheduler, range(8)))
    assert enqueued == 1
    run_pending_tasks()
    assert runs_of("mỗi giờ") == 1


def test_every_app_periodic_job_is_registered_for_the_scheduler() -> None:
    from ungxu.core.schedule import registered_jobs

    names = {job.name for job in registered_jobs()}
    assert {
        "campaigns.send_due_reminders",
        "orgs.apply_departures",
        "socials.daily_upkeep",
        "moderation.fetch_sources",
        "moderation.deadline_alerts",
        "moderation.retrain",
    } <= names
