"""GET /healthz: database and task-worker status as JSON."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from ungxu.core.health import beat, heartbeat_file


@pytest.fixture
def database_tasks(settings: Any, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path
    settings.TASKS_BACKEND_NAME = "database"


def healthz() -> dict[str, Any]:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return dict(response.json())


@pytest.mark.django_db
def test_it_needs_no_login_and_reports_the_database(database_tasks: None) -> None:
    body = healthz()
    assert body["status"] == "ok"
    assert body["database"]["status"] == "ok"
    assert body["tasks"]["backend"] == "database"


@pytest.mark.django_db
def test_the_worker_is_unknown_before_its_first_heartbeat(database_tasks: None) -> None:
    assert healthz()["tasks"]["worker"] == "unknown"


@pytest.mark.django_db
def test_a_fresh_heartbeat_means_the_worker_is_ok(database_tasks: None) -> None:
    beat()
    tasks = healthz()["tasks"]
    assert tasks["worker"] == "ok"
    assert tasks["last_seen"] is not None


@pytest.mark.django_db
def test_an_old_heartbeat_is_stale(database_tasks: None) -> None:
    beat()
    old = time.time() - 600
    os.utime(heartbeat_file(), (old, old))
    assert healthz()["tasks"]["worker"] == "stale"


@pytest.mark.django_db
def test_a_task_waiting_long_without_a_worker_is_stale(database_tasks: None) -> None:
    from django_tasks_db.models import DBTaskResult, get_date_max

    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="ungxu.imports.tasks.run_import",
        backend_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(minutes=10))
    tasks = healthz()["tasks"]
    assert (tasks["worker"], tasks["pending"]) == ("stale", 1)


@pytest.mark.django_db
def test_rq_workers_are_read_from_redis(settings: Any) -> None:
    if settings.TASKS_BACKEND_NAME != "rq":
        pytest.skip("runs when the test run uses the RQ backend (UNGXU_TASKS_BACKEND=rq)")
    import django_rq
    from rq import SimpleWorker

    from ungxu.imports.testing import isolate_rq_per_xdist_worker

    isolate_rq_per_xdist_worker(settings)
    queue = django_rq.get_queue("default")
    worker = SimpleWorker([queue], connection=queue.connection, name=f"health-test-{os.getpid()}")
    worker.register_birth()
    try:
        worker.heartbeat()
        tasks = healthz()["tasks"]
        assert (tasks["backend"], tasks["worker"]) == ("rq", "ok")
    finally:
        worker.register_death()
