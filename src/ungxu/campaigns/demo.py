"""Demo campaign on top of `ungxu.orgs.demo`: a department-wide campaign with a quiz, part of
the staff done, one training session and two outreach records. Idempotent (matched by title),
so `ungxu demo` may call `load_demo_campaign()` on every start."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ungxu.audit.context import audit_context
from ungxu.campaigns import services
from ungxu.campaigns.documents import code_document, current_versions
from ungxu.campaigns.models import (
    Campaign,
    InPersonSession,
    OutreachKind,
    OutreachRecord,
    SessionKind,
)
from ungxu.orgs.models import Organisation

TITLE = "Phổ biến, quán triệt Bộ Quy tắc ứng xử trên mạng xã hội năm 2026"


def load_demo_campaign(root_code: str = "SNN", done_every: int = 3) -> Campaign | None:
    """Create the demo campaign under `root_code`; every `done_every`-th person skips it."""
    root = Organisation.objects.filter(code=root_code).first()
    if root is None:
        return None
    existing = Campaign.objects.filter(title=TITLE, organisation=root).first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    with audit_context(source="cli"), transaction.atomic():
        campaign = Campaign.objects.create(
            title=TITLE,
            description="Mọi cán bộ, công chức, viên chức, người lao động đọc Bộ Quy tắc, "
            "làm bài kiểm tra và xác nhận cam kết.",
            organisation=root,
            starts_on=today - dt.timedelta(days=7),
            deadline=today + dt.timedelta(days=7),
            quiz_questions=5,
            pass_percent=80,
            max_attempts=3,
            reminder_days=[7, 3, 1],
        )
        campaign.documents.add(code_document())
        campaign.audience_orgs.add(root)
        services.launch(campaign)
        versions = current_versions(campaign)
        for index, assignment in enumerate(campaign.assignments.select_related("campaign")):
            if index % done_every == 0:
                continue  # still outstanding
            for version in versions:
                services.record_reading(assignment, version)
            if index % done_every == 1:
                attempt = services.open_attempt(assignment)
                answers = {
                    item["id"]: sorted(services.attempt_bank(attempt).get(item["id"]).correct_ids)
                    for item in attempt.paper
                }
                services.submit_attempt(attempt, answers)
                services.acknowledge(assignment, ip="127.0.0.1")
        session = InPersonSession.objects.create(
            organisation=root,
            campaign=campaign,
            kind=SessionKind.CONFERENCE,
            title="Hội nghị quán triệt Bộ Quy tắc ứng xử",
            held_on=today - dt.timedelta(days=5),
            place="Hội trường Sở",
        )
        session.attendees.add(
            *[a.person for a in campaign.assignments.select_related("person")[:40]]
        )
        for kind, place, numbers in (
            (OutreachKind.VILLAGE_MEETING, "Thôn Đồng Tâm", (120, 25, 40, 3, 18)),
            (OutreachKind.LOUDSPEAKER, "Xã Gia Sinh", (900, 150, 60, 12, 45)),
        ):
            audience, children, ethnic, disabled, poor = numbers
            OutreachRecord.objects.create(
                organisation=root,
                campaign=campaign,
                kind=kind,
                held_on=today - dt.timedelta(days=3),
                place=place,
                audience=audience,
                children=children,
                ethnic_minorities=ethnic,
                disabilities=disabled,
                poor=poor,
            )
    return campaign
