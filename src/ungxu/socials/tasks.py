"""Daily background work of the socials app (django-tasks; the backend comes from settings).

`daily_upkeep` is meant to be enqueued once a day (`ungxu manage socials_daily` from cron or a
systemd timer): it recomputes postures (review ages, departures dated in the future), opens the
periodic reviews that have come due and mails the reminders.
"""

from __future__ import annotations

from django_tasks import task

from ungxu.audit.context import audit_context
from ungxu.socials import services
from ungxu.socials.incidents import remind_overdue_steps


def run_upkeep() -> dict[str, int]:
    return {
        "postures": services.refresh_all(),
        "reviews_opened": services.schedule_reviews(),
        "reminders_sent": services.send_reminders(),
        "overdue_step_mails": remind_overdue_steps(),
    }


@task()
def daily_upkeep() -> dict[str, int]:
    with audit_context(user=None, ip=None, source="task"):
        return run_upkeep()
