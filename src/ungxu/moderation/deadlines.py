"""Reply deadlines in Vietnamese working days (weekends, public holidays, swapped working days
come from `ungxu.core.workdays` and its editable holiday data).

The number of working days is `settings.UNGXU_REPLY_WORKING_DAYS` (default 3: our choice, the
issue leaves it to each unit). "Sắp đến hạn" means the deadline falls within the next working day.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from ungxu.core.workdays import add_working_days, default_calendar

DEFAULT_REPLY_WORKING_DAYS = 3


def reply_working_days() -> int:
    return int(getattr(settings, "UNGXU_REPLY_WORKING_DAYS", DEFAULT_REPLY_WORKING_DAYS))


def due_for(received: dt.datetime) -> dt.datetime:
    return add_working_days(received, reply_working_days())


def state(
    due_at: dt.datetime | None, answered_at: dt.datetime | None, now: dt.datetime | None = None
) -> str:
    """`none`, `ok`, `soon` (due by the end of the next working day), `overdue`, `met`, `late`."""
    if due_at is None:
        return "none"
    if answered_at is not None:
        return "met" if answered_at <= due_at else "late"
    now = now or timezone.now()
    if now > due_at:
        return "overdue"
    if due_at <= add_working_days(now, 1):
        return "soon"
    return "ok"


STATE_LABELS = {
    "none": "",
    "ok": "Trong hạn",
    "soon": "Sắp đến hạn",
    "overdue": "Quá hạn",
    "met": "Trả lời đúng hạn",
    "late": "Trả lời muộn",
}


def calendar_note(received: dt.datetime, due: dt.datetime) -> list[str]:
    """Holidays between receipt and deadline, so moderators see why a deadline moved."""
    cal = default_calendar()
    first = timezone.localtime(received).date()
    return [f"{day:%d/%m/%Y}: {name}" for day, name in cal.days_off(first, due.date())]
