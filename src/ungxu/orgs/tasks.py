"""Background tasks of the orgs app (django-tasks; the backend comes from settings)."""

from __future__ import annotations

from django_tasks import task

from ungxu.audit.context import audit_context
from ungxu.orgs import services


@task()
def apply_departures() -> int:
    """Revoke access of people whose leaving date has come; run daily by the scheduler
    (`ungxu.orgs.schedule`). Idempotent: a second run the same day changes nothing."""
    with audit_context(user=None, ip=None, source="task"):
        return services.apply_departures()
