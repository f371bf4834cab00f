"""Incident lifecycle: open (with the type's checklist), timeline, steps, takedowns, closure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from ungxu.core.vndate import vn_datetime
from ungxu.orgs.models import Organisation
from ungxu.socials.models import (
    AccountStatus,
    Incident,
    IncidentKind,
    IncidentStatus,
    IncidentStep,
    OfficialAccount,
    Severity,
    TakedownRequest,
    TakedownStatus,
    TimelineEntry,
)
from ungxu.socials.playbooks import PLAYBOOKS


def note(incident: Incident, text: str, user: Any = None) -> TimelineEntry:
    return TimelineEntry.objects.create(incident=incident, text=text, author=user)


def open_incident(
    *,
    organisation: Organisation,
    kind: str,
    title: str,
    user: Any = None,
    account: OfficialAccount | None = None,
    severity: str = Severity.MEDIUM,
    description: str = "",
    **extra: Any,
) -> Incident:
    """Create the incident, its checklist with per-step deadlines, and the first timeline line.
    A hijack marks the account as compromised."""
    with transaction.atomic():
        incident = Incident.objects.create(
            organisation=organisation,
            kind=kind,
            title=title,
            account=account,
            severity=severity,
            description=description,
            reported_by=user if getattr(user, "is_authenticated", False) else None,
            **extra,
        )
        start = incident.opened_at
        for position, (step_title, hours) in enumerate(PLAYBOOKS.get(kind, ()), start=1):
            IncidentStep.objects.create(
                incident=incident,
                position=position,
                title=step_title,
                due_at=start + dt.timedelta(hours=hours),
            )
        note(incident, f"Ghi nhận sự cố: {incident.get_kind_display()}.", user)
        if kind == IncidentKind.HIJACK and account is not None:
            account.status = AccountStatus.COMPROMISED
            account.save()
            note(incident, f"Đánh dấu tài khoản «{account.name}» bị chiếm quyền.", user)
    return incident


def open_impersonation(
    *,
    official: OfficialAccount,
    impostor_name: str,
    impostor_url: str = "",
    score: float | None = None,
    reasons: list[str] | None = None,
    user: Any = None,
) -> Incident:
    """One click from the detection page: an impersonation incident about `official`."""
    lines = [f"Phát hiện tài khoản «{impostor_name}» giống tài khoản chính thức «{official.name}»."]
    if score is not None:
        lines.append(f"Độ giống: {round(score * 100)}%.")
    if reasons:
        lines.append("Dấu hiệu: " + "; ".join(reasons) + ".")
    return open_incident(
        organisation=official.organisation,
        kind=IncidentKind.IMPERSONATION,
        title=f"Giả mạo «{official.name}»: {impostor_name}"[:255],
        user=user,
        account=official,
        severity=Severity.HIGH,
        description="\n".join(lines),
        impostor_name=impostor_name[:255],
        impostor_url=impostor_url[:500],
        similarity=score,
    )


def set_step(step: IncidentStep, done: bool, user: Any = None) -> IncidentStep:
    if done and step.done_at is None:
        step.done_at, step.done_by = timezone.now(), user
        step.save()
        note(step.incident, f"Hoàn thành: {step.title}.", user)
    elif not done and step.done_at is not None:
        step.done_at, step.done_by = None, None
        step.save()
        note(step.incident, f"Mở lại bước: {step.title}.", user)
    return step


def assign(incident: Incident, assignee: Any, user: Any = None) -> Incident:
    """Give the incident to someone; they are told by mail when they have an address."""
    incident.assignee = assignee
    incident.save()
    who = (assignee.get_full_name() or assignee.get_username()) if assignee else "không ai"
    note(incident, f"Giao xử lý cho {who}.", user)
    if assignee is not None and assignee.email and assignee != user:
        send_mail(
            f"Bạn được giao xử lý sự cố «{incident.title}»",
            f"Sự cố: {incident.title}\nLoại: {incident.get_kind_display()}\n"
            f"Mức độ: {incident.get_severity_display()}\nĐơn vị: {incident.organisation.name}\n\n"
            "Vui lòng mở hệ thống để xem danh sách việc cần làm và thời hạn từng bước.\n",
            None,
            [assignee.email],
        )
    return incident


def close_incident(incident: Incident, lessons: str, user: Any = None) -> Incident:
    if not incident.is_open:
        raise ValidationError({"lessons_learned": "Sự cố đã được đóng trước đó."})
    if len(lessons.strip()) < 10:
        raise ValidationError(
            {"lessons_learned": "Hãy ghi bài học kinh nghiệm (ít nhất 10 ký tự) trước khi đóng."}
        )
    with transaction.atomic():
        incident.status = IncidentStatus.CLOSED
        incident.closed_at = timezone.now()
        incident.lessons_learned = lessons.strip()
        incident.save()
        pending = incident.steps.filter(done_at__isnull=True).count()
        suffix = f" ({pending} bước chưa hoàn thành)" if pending else ""
        note(incident, f"Đóng sự cố{suffix}.", user)
    return incident


def request_takedown(
    incident: Incident, target_url: str, channel: str = "", user: Any = None
) -> TakedownRequest:
    takedown = TakedownRequest.objects.create(
        incident=incident, target_url=target_url.strip(), channel=channel.strip()
    )
    note(incident, f"Gửi yêu cầu gỡ bỏ {takedown.target_url}.", user)
    return takedown


def update_takedown(takedown: TakedownRequest, status: str, user: Any = None) -> TakedownRequest:
    """Move a takedown to a new state, stamping when the platform answered."""
    if status not in TakedownStatus.values:
        raise ValidationError({"status": "Trạng thái yêu cầu gỡ bỏ không hợp lệ."})
    now = timezone.now()
    takedown.status = status
    if status == TakedownStatus.ACKNOWLEDGED and takedown.acknowledged_at is None:
        takedown.acknowledged_at = now
    if status in (TakedownStatus.REMOVED, TakedownStatus.REFUSED):
        takedown.resolved_at = now
        if takedown.acknowledged_at is None:
            takedown.acknowledged_at = now
    takedown.save()
    text = f"Yêu cầu gỡ {takedown.target_url}: {takedown.get_status_display().lower()}."
    if takedown.time_to_takedown is not None:
        text += f" Thời gian gỡ: {format_duration(takedown.time_to_takedown)}."
    note(takedown.incident, text, user)
    return takedown


@dataclass(frozen=True)
class TakedownStats:
    requested: int
    removed: int
    refused: int
    pending: int
    median: dt.timedelta | None

    @property
    def median_label(self) -> str:
        return format_duration(self.median) if self.median is not None else "—"


def takedown_stats(takedowns: Iterable[TakedownRequest]) -> TakedownStats:
    """How takedown requests ended and the median time from request to removal."""
    items = list(takedowns)
    times = sorted(t.time_to_takedown for t in items if t.time_to_takedown is not None)
    median = None
    if times:
        middle = len(times) // 2
        median = times[middle] if len(times) % 2 else (times[middle - 1] + times[middle]) / 2
    return TakedownStats(
        requested=len(items),
        removed=sum(1 for t in items if t.status == TakedownStatus.REMOVED),
        refused=sum(1 for t in items if t.status == TakedownStatus.REFUSED),
        pending=sum(
            1 for t in items if t.status in (TakedownStatus.REQUESTED, TakedownStatus.ACKNOWLEDGED)
        ),
        median=median,
    )


def remind_overdue_steps(now: dt.datetime | None = None) -> int:
    """Mail each open incident's assignee (or, failing that, its reporter) the steps past their
    deadline that nobody was reminded of yet; one mail per incident. Returns mails sent."""
    now = now or timezone.now()
    overdue = (
        IncidentStep.objects.filter(
            incident__status=IncidentStatus.OPEN,
            done_at__isnull=True,
            due_at__lt=now,
            reminded_at__isnull=True,
        )
        .select_related("incident", "incident__assignee", "incident__reported_by")
        .order_by("incident_id", "position")
    )
    by_incident: dict[int, list[IncidentStep]] = {}
    for step in overdue:
        by_incident.setdefault(step.incident_id, []).append(step)
    sent = 0
    for steps in by_incident.values():
        incident = steps[0].incident
        person = incident.assignee or incident.reported_by
        if person is None or not person.email:
            continue
        lines = [f"- {s.title} (hạn {vn_datetime(s.due_at)})" for s in steps]
        send_mail(
            f"Sự cố «{incident.title}»: {len(steps)} việc đã quá hạn",
            "Các việc sau đã quá hạn:\n" + "\n".join(lines) + "\n",
            None,
            [person.email],
        )
        for step in steps:
            step.reminded_at = now
            step.save(update_fields=["reminded_at"])
        sent += 1
    return sent


def format_duration(delta: dt.timedelta) -> str:
    """ "2 ngày 3 giờ", "5 giờ 10 phút", "12 phút"."""
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} ngày {hours} giờ"
    if hours:
        return f"{hours} giờ {mins} phút"
    return f"{mins} phút"
