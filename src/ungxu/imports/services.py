"""Import jobs from upload to commit. Views, the task and the CLI call these functions.

Validation and preview run while the user waits (reading and checking even a large file takes
seconds); writing runs as a background task through the configured django-tasks backend, so a
big import never holds a web request open. The task re-plans inside its transaction, so what
gets written is always checked against the database as it is at that moment.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ungxu.audit.context import audit_context
from ungxu.audit.models import Action, record
from ungxu.core.scoping import roles
from ungxu.imports.importer import (
    ACTION_LABELS,
    UNCHANGED,
    Importer,
    ImportFailed,
    Plan,
    RowError,
)
from ungxu.imports.models import ImportJob
from ungxu.imports.progress import clear_progress, write_progress
from ungxu.imports.readers import FileRejected, Table, read_table
from ungxu.imports.registry import get_importer

logger = logging.getLogger(__name__)

PREVIEW_ROWS = 300  # rows shown on the preview page; the counts cover the whole file


def upload(
    user: Any, importer_name: str, name: str, data: bytes, ip: str | None = None
) -> ImportJob:
    """Check and plan an uploaded file; store it with the result. Raises FileRejected when the
    file itself is unreadable (nothing is stored then)."""
    importer = get_importer(importer_name)(user)
    table = read_table(name, data)
    plan = importer.plan(table)
    job = ImportJob(
        importer=importer_name,
        original_name=name[:255],
        created_by=user,
        organisation=_home_organisation(user),
        ip=ip,
        total_rows=len(table.rows),
    )
    _store_plan(job, plan, importer)
    job.status = ImportJob.Status.READY if plan.ok else ImportJob.Status.INVALID
    job.file.save(_safe_name(name), ContentFile(data), save=False)
    job.save()
    return job


def confirm(job: ImportJob) -> ImportJob:
    """Queue a previewed, error-free job for writing (idempotent for a job already queued)."""
    from ungxu.imports.tasks import run_import

    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.READY).update(
        status=ImportJob.Status.QUEUED
    )
    if claimed:
        # Enqueue only once the QUEUED status is committed, so a fast worker finds it.
        def enqueue() -> None:
            try:
                result = run_import.enqueue(job.pk)
            except Exception:
                # Queue unreachable (e.g. Redis down): hand the job back so it can be retried.
                logger.exception("Could not enqueue import job %s", job.pk)
                ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.READY)
                return
            ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))

        transaction.on_commit(enqueue)
    job.refresh_from_db()
    return job


def run(job_id: int) -> str:
    """Write a queued job. Called by the task; returns the final status."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING, started_at=timezone.now()
    )
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if not claimed:
        # Another worker has it, or it was already written: never write twice.
        return str(job.status)
    importer = get_importer(job.importer)(job.created_by)
    try:
        with job.file.open("rb") as handle:
            data = handle.read()
        table = read_table(job.original_name, data)
        with audit_context(user=job.created_by, ip=job.ip, source="import"):
            plan = importer.commit(table, progress=_progress_writer(job.pk))
            counts = plan.counts
            record(
                Action.IMPORT,
                organisation=job.organisation,
                object_label=f"{importer.title}: {job.original_name}"[:255],
                message=(
                    f"Nhập tệp {job.original_name}: {counts['create']} thêm mới, "
                    f"{counts['update']} cập nhật, {counts['unchanged']} không đổi."
                ),
            )
    except ImportFailed as failure:
        job.status = ImportJob.Status.FAILED
        job.errors = [e.to_dict() for e in failure.errors]
    except FileRejected as rejected:
        job.status = ImportJob.Status.FAILED
        job.errors = [RowError(None, None, str(rejected)).to_dict()]
    except Exception:
        logger.exception("Import job %s failed", job_id)
        job.status = ImportJob.Status.FAILED
        job.errors = [
            RowError(None, None, "Lỗi hệ thống khi ghi dữ liệu; không có gì được ghi.").to_dict()
        ]
    else:
        job.status = ImportJob.Status.DONE
        _store_plan(job, plan, importer)
        job.processed_rows = job.total_rows
    job.finished_at = timezone.now()
    job.save()
    clear_progress(job.pk)
    return str(job.status)


def _progress_writer(job_id: int) -> Any:
    def report(done: int, total: int) -> None:
        # Every row would be wasteful on big files; about a hundred updates is plenty.
        if done == total or done % max(1, total // 100) == 0:
            write_progress(job_id, done, total)

    return report


def _store_plan(job: ImportJob, plan: Plan, importer: Importer) -> None:
    counts = plan.counts
    job.created_count = counts["create"]
    job.updated_count = counts["update"]
    job.unchanged_count = counts["unchanged"]
    job.errors = [e.to_dict() for e in plan.errors]
    job.preview = [
        {
            "row": row.number,
            "key": str(row.key or ""),
            "action": row.action,
            "action_label": ACTION_LABELS.get(row.action, ""),
            "changes": {
                importer.header(name): [_show(before), _show(after)]
                for name, (before, after) in row.changes.items()
            },
        }
        for row in plan.rows
        if row.action and row.action != UNCHANGED
    ][:PREVIEW_ROWS]


def _show(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return str(value.strftime("%d/%m/%Y"))
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return str(value)


def _safe_name(name: str) -> str:
    suffix = ".xlsx" if name.lower().endswith(".xlsx") else ".csv"
    return f"upload{suffix}"


def _home_organisation(user: Any) -> Any:
    grant = user.role_grants.select_related("organisation").order_by("organisation__path").first()
    return grant.organisation if grant else None


def visible_jobs(user: Any) -> Any:
    """Jobs a user may see: their own; an administrator sees all."""
    jobs = ImportJob.objects.select_related("created_by")
    if "admin" in roles(user):
        return jobs
    return jobs.filter(created_by=user)


def table_of(job: ImportJob) -> Table:
    with job.file.open("rb") as handle:
        return read_table(job.original_name, handle.read())
