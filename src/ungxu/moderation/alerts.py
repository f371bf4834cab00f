"""Reply deadline warnings (due by the end of the next working day) and alerts (overdue).

Each open question is mailed once per stage to its assignee, or, when nobody is assigned, to the
moderators of its unit. Run daily or hourly: `ungxu manage moderation_deadlines`, or enqueue the
`send_deadline_alerts` task.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone

from ungxu.core import scoping
from ungxu.core.workdays import add_working_days
from ungxu.orgs.models import RoleGrant

from .models import OPEN_STATUSES, InboxItem


def recipients(item: InboxItem) -> list[Any]:
    if item.assignee is not None:
        return [item.assignee] if item.assignee.email else []
    roles = [r for r, actions in scoping.CAPABILITIES.items() if scoping.MODERATE in actions]
    prefixes = [a.path for a in item.organisation.ancestors()] + [item.organisation.path]
    grants = RoleGrant.objects.filter(
        role__in=roles, organisation__path__in=prefixes, user__is_active=True
    ).exclude(user__email="")
    return list(get_user_model().objects.filter(role_grants__in=grants).distinct())


def send_deadline_alerts(now: dt.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    soon_limit = add_working_days(now, 1)
    open_questions = InboxItem.objects.filter(
        needs_reply=True,
        first_response_at__isnull=True,
        status__in=OPEN_STATUSES,
        due_at__isnull=False,
    ).select_related("assignee", "organisation")
    overdue = list(open_questions.filter(due_at__lt=now, alerted_at__isnull=True))
    soon = list(
        open_questions.filter(
            Q(due_at__gte=now) & Q(due_at__lte=soon_limit), warned_at__isnull=True
        )
    )
    mails: dict[str, list[tuple[str, InboxItem]]] = defaultdict(list)
    for stage, items in (("Quá hạn", overdue), ("Sắp đến hạn", soon)):
        for item in items:
            for user in recipients(item):
                mails[user.email].append((stage, item))
    for email, entries in mails.items():
        lines = [
            f"- [{stage}] hạn {timezone.localtime(item.due_at):%H:%M %d/%m/%Y}: "
            f"{item.account_name} — {item.text[:120]} (mục #{item.pk})"
            for stage, item in entries
            if item.due_at is not None
        ]
        send_mail(
            "Nhắc hạn trả lời ý kiến người dân",
            "Các câu hỏi, ý kiến sau cần được trả lời:\n\n" + "\n".join(lines),
            settings.DEFAULT_FROM_EMAIL,
            [email],
        )
    InboxItem.objects.filter(pk__in=[i.pk for i in overdue]).update(alerted_at=now)
    InboxItem.objects.filter(pk__in=[i.pk for i in soon]).update(warned_at=now)
    return {"overdue": len(overdue), "soon": len(soon), "mails": len(mails)}
