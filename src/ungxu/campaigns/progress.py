"""Campaign progress: per person, per unit, rolled up the organisation tree.

One query reads every assignment the user may see with three facts (documents read, quiz
passed, acknowledged this round); the roll-up is done in Python over the materialised paths,
so a unit's row counts its whole subtree. The screen, the XLSX export and the API all use
`campaign_progress`, so their numbers are the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from ungxu.campaigns.documents import current_versions
from ungxu.campaigns.models import Acknowledgement, Assignment, Campaign, QuizAttempt
from ungxu.core.scoping import VIEW_CAMPAIGNS, scope
from ungxu.orgs.models import PATH_STEP, Organisation, Role, RoleGrant


@dataclass
class Counts:
    audience: int = 0
    read: int = 0
    passed: int = 0
    acknowledged: int = 0
    overdue: int = 0

    def add(self, other: Counts) -> None:
        self.audience += other.audience
        self.read += other.read
        self.passed += other.passed
        self.acknowledged += other.acknowledged
        self.overdue += other.overdue

    @property
    def percent(self) -> int:
        return round(100 * self.acknowledged / self.audience) if self.audience else 0


@dataclass
class UnitRow:
    organisation: Organisation
    depth: int
    counts: Counts = field(default_factory=Counts)


@dataclass
class Progress:
    campaign: Campaign
    total: Counts
    units: list[UnitRow]
    has_quiz: bool


def annotated_assignments(campaign: Campaign, user: Any | None) -> Any:
    """The campaign's assignments visible to `user` (all for None), with progress facts."""
    current_ids = [v.pk for v in current_versions(campaign)]
    today = timezone.localdate()
    # People who have left no longer count (nor get reminders); their records stay.
    queryset = campaign.assignments.filter(
        Q(person__left_on__isnull=True) | Q(person__left_on__gt=today)
    )
    if user is not None:
        queryset = scope(queryset, user, action=VIEW_CAMPAIGNS)
    return queryset.annotate(
        n_read=Count("readings", filter=Q(readings__version_id__in=current_ids), distinct=True),
        has_passed=Exists(QuizAttempt.objects.filter(assignment=OuterRef("pk"), passed=True)),
        has_acked=Exists(
            Acknowledgement.objects.filter(assignment=OuterRef("pk"), round=campaign.round)
        ),
    )


def _counts_for(n_read: int, passed: bool, acked: bool, needed: int, overdue: bool) -> Counts:
    return Counts(
        audience=1,
        read=int(n_read >= needed),
        passed=int(passed),
        acknowledged=int(acked),
        overdue=int(overdue and not acked),
    )


def _path_ids(path: str) -> list[int]:
    return [int(path[i : i + PATH_STEP - 1]) for i in range(0, len(path), PATH_STEP)]


def campaign_progress(
    campaign: Campaign, user: Any | None, today: dt.date | None = None
) -> Progress:
    today = today or timezone.localdate()
    needed = campaign.documents.count()
    overdue = today > campaign.deadline
    direct: dict[int, Counts] = {}
    for org_id, n_read, passed, acked in annotated_assignments(campaign, user).values_list(
        "organisation_id", "n_read", "has_passed", "has_acked"
    ):
        direct.setdefault(org_id, Counts()).add(_counts_for(n_read, passed, acked, needed, overdue))
    total = Counts()
    for counts in direct.values():
        total.add(counts)
    leaves = {o.pk: o for o in Organisation.objects.filter(pk__in=direct)}
    wanted = {pk for org in leaves.values() for pk in _path_ids(org.path)}
    orgs: QuerySet[Organisation] = Organisation.objects.filter(pk__in=wanted).order_by("path")
    if user is not None:
        orgs = scope(orgs, user, field=None, action=VIEW_CAMPAIGNS)
    rows = {o.pk: UnitRow(o, o.path.count(".") - 1) for o in orgs}
    for org_id, counts in direct.items():
        for ancestor_id in _path_ids(leaves[org_id].path):
            if ancestor_id in rows:
                rows[ancestor_id].counts.add(counts)
    units = sorted(rows.values(), key=lambda row: row.organisation.path)
    if units:
        top = min(row.depth for row in units)
        for row in units:
            row.depth -= top
    return Progress(campaign, total, units, campaign.has_quiz)


@dataclass
class PersonRow:
    assignment: Assignment
    read: bool
    passed: bool
    acknowledged_at: dt.datetime | None
    unit_heads: list[str]


def person_rows(
    campaign: Campaign, user: Any | None, *, outstanding_only: bool = False
) -> list[PersonRow]:
    """Every visible person in the campaign with their status and their unit heads."""
    needed = campaign.documents.count()
    queryset = annotated_assignments(campaign, user).select_related("person", "organisation")
    if outstanding_only:
        queryset = queryset.filter(has_acked=False)
    assignments = list(queryset.order_by("organisation__path", "person__full_name"))
    acked_at = dict(
        Acknowledgement.objects.filter(
            assignment__in=[a.pk for a in assignments], round=campaign.round
        ).values_list("assignment_id", "acknowledged_at")
    )
    heads = unit_heads_by_org({a.organisation for a in assignments})
    return [
        PersonRow(
            a,
            read=a.n_read >= needed,
            passed=a.has_passed,
            acknowledged_at=acked_at.get(a.pk),
            unit_heads=heads.get(a.organisation_id, []),
        )
        for a in assignments
    ]


def unit_heads_by_org(orgs: set[Organisation]) -> dict[int, list[str]]:
    """For each unit, the unit heads answering for it: those granted on the nearest ancestor
    (the unit itself first) that has any."""
    ancestor_ids = {pk for org in orgs for pk in _path_ids(org.path)}
    grants: dict[int, list[str]] = {}
    for org_id, username, full_name in RoleGrant.objects.filter(
        role=Role.UNIT_HEAD, organisation_id__in=ancestor_ids
    ).values_list("organisation_id", "user__username", "user__person__full_name"):
        grants.setdefault(org_id, []).append(full_name or username)
    result: dict[int, list[str]] = {}
    for org in orgs:
        for ancestor_id in reversed(_path_ids(org.path)):
            if ancestor_id in grants:
                result[org.pk] = sorted(grants[ancestor_id])
                break
    return result
