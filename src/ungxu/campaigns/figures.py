"""Figures for the implementation report upward (báo cáo, part II "results"), per user scope.

Kept here so the reports app reads dissemination results through one function instead of
querying campaign tables itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Count, Q, Sum

from ungxu.campaigns.models import Acknowledgement, Assignment, InPersonSession, OutreachRecord
from ungxu.core import scoping


@dataclass(frozen=True)
class DisseminationFigures:
    campaigns: int
    staff_assigned: int
    staff_acknowledged: int
    sessions: int
    session_attendances: int
    outreach_activities: int
    outreach_audience: int
    children: int
    ethnic_minorities: int
    disabilities: int
    poor: int

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


def dissemination_figures(
    user: Any, start: dt.date | None = None, end: dt.date | None = None
) -> DisseminationFigures:
    """Results in the user's scope (None: everything) for campaigns, sessions and outreach whose
    dates fall in [start, end]."""

    def scoped(queryset: Any, field: str = "organisation") -> Any:
        return queryset if user is None else scoping.scope(queryset, user, field=field)

    def dated(queryset: Any, field: str) -> Any:
        if start:
            queryset = queryset.filter(**{f"{field}__gte": start})
        if end:
            queryset = queryset.filter(**{f"{field}__lte": end})
        return queryset

    assignments = dated(scoped(Assignment.objects.all()), "campaign__starts_on")
    acked = dated(
        scoped(Acknowledgement.objects.all(), "assignment__organisation"),
        "assignment__campaign__starts_on",
    )
    sessions = dated(scoped(InPersonSession.objects.all()), "held_on")
    outreach = dated(scoped(OutreachRecord.objects.all()), "held_on")
    groups = outreach.aggregate(
        n=Count("pk"),
        audience=Sum("audience"),
        children=Sum("children"),
        ethnic=Sum("ethnic_minorities"),
        disabilities=Sum("disabilities"),
        poor=Sum("poor"),
    )
    return DisseminationFigures(
        campaigns=assignments.values("campaign").distinct().count(),
        staff_assigned=assignments.values("person").distinct().count(),
        staff_acknowledged=acked.values("assignment__person").distinct().count(),
        sessions=sessions.count(),
        session_attendances=sessions.aggregate(
            n=Count("attendees", filter=Q(attendees__isnull=False))
        )["n"],
        outreach_activities=groups["n"],
        outreach_audience=groups["audience"] or 0,
        children=groups["children"] or 0,
        ethnic_minorities=groups["ethnic"] or 0,
        disabilities=groups["disabilities"] or 0,
        poor=groups["poor"] or 0,
    )
