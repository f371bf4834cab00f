"""Test helpers: run queued tasks through the real worker of the configured backend.

Tests call `run_pending_tasks()` where production would have `ungxu worker` running. The worker
runs in the test's own process (the database backend's Worker in batch mode; an RQ SimpleWorker in
burst mode), so it sees the test's transaction and the in-memory SQLite database.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def run_pending_tasks() -> int:
    """Run every queued task, then return; the number of tasks run."""
    if settings.TASKS_BACKEND_NAME == "rq":
        import django_rq
        from django_tasks_rq.backend import Job
        from rq import SimpleWorker

        queue = django_rq.get_queue("default", job_class=Job)
        before = queue.count
        worker = SimpleWorker([queue], connection=queue.connection, job_class=Job)
        worker.work(burst=True, logging_level="WARNING")
        return before
    if settings.TASKS_BACKEND_NAME == "database":
        from django_tasks_db.management.commands.db_worker import Worker
        from django_tasks_db.models import DBTaskResult

        before = DBTaskResult.objects.ready().count()
        Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        ).run()
        return before
    return 0  # immediate backend: tasks already ran when enqueued


def clear_rq_queue() -> None:
    """Drop jobs left in the test Redis database by an earlier run."""
    if settings.TASKS_BACKEND_NAME == "rq":
        import django_rq

        django_rq.get_queue("default").empty()  # type: ignore[no-untyped-call]


def isolate_rq_per_xdist_worker(test_settings: Any) -> None:
    """Under pytest-xdist every worker process gets its own Redis database (counting down from
    the one in REDIS_URL), so one worker's in-process RQ worker never takes another's job.
    `test_settings` is pytest-django's `settings` fixture."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if settings.TASKS_BACKEND_NAME != "rq" or not worker.startswith("gw"):
        return
    queues = {name: dict(config) for name, config in settings.RQ_QUEUES.items()}
    for config in queues.values():
        url = urlsplit(str(config["URL"]))
        base = int(url.path.strip("/") or 0)
        db = (base - int(worker[2:])) % 16
        config["URL"] = urlunsplit(url._replace(path=f"/{db}"))
    test_settings.RQ_QUEUES = queues


def xlsx_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    """A one-sheet workbook holding `rows` (the first row is the header)."""
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: Sequence[Sequence[str]], delimiter: str = ",", bom: bool = True) -> bytes:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8")
