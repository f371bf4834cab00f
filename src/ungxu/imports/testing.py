"""Test helpers: run queued tasks through the real worker of the configured backend.

Tests call `run_pending_tasks()` where production would have `ungxu worker` running. The worker
runs in the test's own process (the database backend's Worker in batch mode; an RQ SimpleWorker in
burst mode), so it sees the test's transaction and the in-memory SQLite database.
"""

from __future__ import annotations

from django.conf import settings


def run_pending_tasks() -> int:
    """Run every queued task, then return; the number of tasks run."""
    if settings.TASKS_BACKEND_NAME == "rq":
        import django_rq
        from rq import SimpleWorker
        from django_tasks_rq.backend import Job

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

        django_rq.get_queue("default").empty()


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    """A one-sheet workbook holding `rows` (the first row is the header)."""
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list[str]], delimiter: str = ",", bom: bool = True) -> bytes:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8")
