"""A task for the scheduler tests: it leaves one audit entry per run, so a test can count runs."""

from __future__ import annotations

from django_tasks import task

from ungxu.audit.models import record


@task()
def note_run(label: str) -> None:
    record("other", message=label)
