"""Background tasks of the campaigns app (django-tasks; the backend comes from settings)."""

from __future__ import annotations

from dataclasses import asdict

from django_tasks import task

from ungxu.audit.context import audit_context
from ungxu.campaigns import reminders


@task()
def send_due_reminders() -> dict[str, int]:
    """Enqueued hourly by the scheduler (`ungxu.campaigns.schedule`), or on demand by
    `ungxu manage campaign_reminders`; the reminder log makes repeated runs send nothing twice."""
    with audit_context(user=None, ip=None, source="task"):
        return asdict(reminders.run_due())
