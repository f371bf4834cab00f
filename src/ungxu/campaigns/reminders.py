"""Deadline reminders: an email to each person who has not finished, and a digest to unit heads.

A campaign's `reminder_days` (e.g. [7, 3, 1]) name slots "D-7", "D-3", "D-1" before the
deadline. When the task runs it sends the most recent slot that is due. Each message is first
*claimed* by inserting a Reminder row whose unique key is (campaign, kind, slot, recipient):
the insert either wins or fails, so two workers, or a worker restarted halfway, never send the
same reminder twice. A claimed row is then moved to "sent" or "failed" with a conditional
UPDATE; a crash between claim and send leaves it "claimed" (visible in the history), never
resent: a missing reminder is better than a storm of duplicates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from ungxu.campaigns.models import (
    Campaign,
    CampaignStatus,
    Reminder,
    ReminderKind,
    ReminderStatus,
)
from ungxu.campaigns.progress import PersonRow, person_rows
from ungxu.core import scoping
from ungxu.core.vndate import vn_short_date
from ungxu.orgs.models import Role, RoleGrant


@dataclass
class RunSummary:
    campaigns: int = 0
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    already: int = 0


def due_slot(campaign: Campaign, today: dt.date) -> str | None:
    """The latest reminder slot due on `today`, or None (before the first, after the deadline)."""
    if today > campaign.deadline:
        return None
    left = (campaign.deadline - today).days
    due = [int(d) for d in campaign.reminder_days if int(d) >= left]
    return f"D-{min(due)}" if due else None


def _claim(campaign: Campaign, kind: str, slot: str, key: str, **fields: object) -> Reminder | None:
    try:
        with transaction.atomic():
            return Reminder.objects.create(
                campaign=campaign,
                kind=kind,
                slot=slot,
                recipient_key=key,
                status=ReminderStatus.CLAIMED,
                **fields,
            )
    except IntegrityError:
        return None


def _deliver(reminder: Reminder, subject: str, body: str) -> str:
    if not reminder.email:
        status, detail = ReminderStatus.SKIPPED, "Người nhận chưa có địa chỉ thư điện tử."
    else:
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [reminder.email])
            status, detail = ReminderStatus.SENT, ""
        except Exception as exc:  # any backend failure is recorded, the run goes on
            status, detail = ReminderStatus.FAILED, f"{type(exc).__name__}: {exc}"[:500]
    Reminder.objects.filter(pk=reminder.pk, status=ReminderStatus.CLAIMED).update(
        status=status, detail=detail, sent_at=timezone.now()
    )
    return str(status)


def _tally(summary: RunSummary, status: str) -> None:
    if status == ReminderStatus.SENT:
        summary.sent += 1
    elif status == ReminderStatus.SKIPPED:
        summary.skipped += 1
    else:
        summary.failed += 1


def remind_campaign(
    campaign: Campaign,
    today: dt.date,
    summary: RunSummary,
    *,
    slot: str | None = None,
    user: Any = None,
) -> None:
    """Remind the campaign's outstanding people (within `user`'s scope when given)."""
    slot = slot or due_slot(campaign, today)
    if slot is None:
        return
    summary.campaigns += 1
    deadline = vn_short_date(campaign.deadline)
    outstanding = person_rows(campaign, user, outstanding_only=True)
    for row in outstanding:
        person = row.assignment.person
        reminder = _claim(
            campaign,
            ReminderKind.PERSON,
            slot,
            f"person:{person.pk}",
            recipient=person.full_name,
            email=person.email,
            organisation=row.assignment.organisation,
        )
        if reminder is None:
            summary.already += 1
            continue
        body = (
            f"Kính gửi {person.full_name},\n\n"
            f"Bạn chưa hoàn thành đợt phổ biến “{campaign.title}” (hạn {deadline}). "
            "Vui lòng đăng nhập hệ thống để đọc tài liệu"
            + (", làm bài kiểm tra" if campaign.has_quiz else "")
            + " và xác nhận cam kết.\n\nTrân trọng."
        )
        _tally(summary, _deliver(reminder, f"Nhắc việc: {campaign.title}", body))
    _send_digests(campaign, slot, deadline, outstanding, summary, user)


def _send_digests(
    campaign: Campaign,
    slot: str,
    deadline: str,
    outstanding: list[PersonRow],
    summary: RunSummary,
    user: Any = None,
) -> None:
    if not outstanding:
        return
    grants = RoleGrant.objects.filter(role=Role.UNIT_HEAD, user__is_active=True).select_related(
        "user", "organisation"
    )
    if user is not None:
        grants = scoping.scope(grants, user, action=scoping.VIEW_CAMPAIGNS)
    for grant in grants:
        mine = [
            r
            for r in outstanding
            if r.assignment.organisation.path.startswith(grant.organisation.path)
        ]
        if not mine:
            continue
        reminder = _claim(
            campaign,
            ReminderKind.DIGEST,
            slot,
            f"user:{grant.user_id}:org:{grant.organisation_id}",
            recipient=grant.user.get_full_name() or grant.user.get_username(),
            email=grant.user.email,
            organisation=grant.organisation,
        )
        if reminder is None:
            summary.already += 1
            continue
        names = "\n".join(
            f"- {r.assignment.person.full_name} ({r.assignment.organisation.name})"
            for r in mine[:200]
        )
        body = (
            f"Đợt phổ biến “{campaign.title}” hết hạn ngày {deadline}.\n"
            f"{grant.organisation.name} còn {len(mine)} người chưa xác nhận cam kết:\n{names}\n"
        )
        _tally(summary, _deliver(reminder, f"Tổng hợp chưa hoàn thành: {campaign.title}", body))


def run_due(today: dt.date | None = None) -> RunSummary:
    """Send every due reminder of every active campaign; safe to run as often as wanted."""
    today = today or timezone.localdate()
    summary = RunSummary()
    for campaign in Campaign.objects.filter(status=CampaignStatus.ACTIVE):
        remind_campaign(campaign, today, summary)
    return summary


def remind_now(campaign: Campaign, user: Any) -> RunSummary:
    """A manager's "remind now": at most once a day per recipient (slot "NGAY-<date>")."""
    summary = RunSummary()
    if campaign.status == CampaignStatus.ACTIVE:
        today = timezone.localdate()
        remind_campaign(campaign, today, summary, slot=f"NGAY-{today.isoformat()}", user=user)
    return summary
