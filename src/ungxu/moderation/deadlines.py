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

# Names exports give the page itself when they hide its real name (casefolded).
OWN_AUTHOR_LABELS = frozenset({"quản trị trang", "quản trị viên", "quản trị viên trang"})


def by_own_account(author_name: str, author_id: str, account_key: str, account_name: str) -> bool:
    """True when the page/account itself wrote the item: its replies answer people, so they
    never wait for an answer (and get no deadline) whatever words they contain."""
    author = " ".join(author_name.split()).casefold()
    if author_id and author_id == account_key:
        return True
    if not author:
        return False
    return author in OWN_AUTHOR_LABELS or author == " ".join(account_name.split()).casefold()


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
