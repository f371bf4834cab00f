"""What the home page shows: numbers computed from what the user may see, nothing more.

Every query goes through `ungxu.core.scoping`, so a unit head's dashboard counts only their
subtree. The per-unit chart groups people under the top units of the user's scope (for a
department-wide coordinator: the department's units, each with its whole subtree).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ungxu.audit.models import AuditEntry
from ungxu.core.scoping import VIEW_AUDIT, has_capability, scope, visible_organisations
from ungxu.dashboard.nav import roles_of
from ungxu.orgs.models import EmploymentCategory, Organisation, Person

CHART_MAX_BARS = 12


@dataclass(frozen=True)
class CategoryCount:
    label: str
    count: int
    percent: int


@dataclass(frozen=True)
class UnitCount:
    organisation: Organisation
    active: int
    departed: int

    @property
    def total(self) -> int:
        return self.active + self.departed


@dataclass
class Dashboard:
    roles: frozenset[str]
    scope_roots: list[Organisation]
    organisations: int = 0
    people_active: int = 0
    people_departed: int = 0
    people_with_login: int = 0
    categories: list[CategoryCount] = field(default_factory=list)
    units: list[UnitCount] = field(default_factory=list)
    recent_audit: list[AuditEntry] | None = None  # None: the user may not see the log
    profile: Person | None = None


def build_dashboard(user: Any) -> Dashboard:
    roles = roles_of(user)
    orgs = list(visible_organisations(user).only("id", "name", "code", "path", "parent_id"))
    visible_ids = {org.pk for org in orgs}
    roots = [org for org in orgs if org.parent_id not in visible_ids]
    data = Dashboard(roles=roles, scope_roots=roots, organisations=len(orgs))

    today = timezone.localdate()
    departed = Q(left_on__isnull=False, left_on__lte=today)
    people = scope(Person.objects.all(), user)
    totals = people.aggregate(
        departed=Count("pk", filter=departed),
        active=Count("pk", filter=~departed),
        with_login=Count("pk", filter=~departed & Q(user__isnull=False, user__is_active=True)),
    )
    data.people_active = totals["active"]
    data.people_departed = totals["departed"]
    data.people_with_login = totals["with_login"]

    by_category = dict(
        people.exclude(departed)
        .values_list("employment_category")
        .annotate(n=Count("pk"))
        .values_list("employment_category", "n")
    )
    for value, label in EmploymentCategory.choices:
        count = by_category.get(value, 0)
        percent = round(100 * count / data.people_active) if data.people_active else 0
        data.categories.append(CategoryCount(str(label), count, percent))

    per_org = {
        row["organisation_id"]: (row["active"], row["departed"])
        for row in people.values("organisation_id").annotate(
            active=Count("pk", filter=~departed), departed=Count("pk", filter=departed)
        )
    }
    data.units = _unit_counts(orgs, roots, per_org)

    if has_capability(user, VIEW_AUDIT):
        entries: QuerySet[AuditEntry] = AuditEntry.objects.all()
        # An administrator also sees entries tied to no unit (sign-ins of unlinked accounts).
        if "admin" not in roles:
            entries = scope(entries, user, action=VIEW_AUDIT)
        data.recent_audit = list(entries[:8])

    data.profile = (
        Person.objects.select_related("organisation").filter(user=user).first()
        if getattr(user, "is_authenticated", False)
        else None
    )
    return data


def _unit_counts(
    orgs: list[Organisation],
    roots: list[Organisation],
    per_org: dict[int, tuple[int, int]],
) -> list[UnitCount]:
    """People per top unit of the scope, each unit counting its whole subtree.

    With a single scope root, its children are the bars (and people placed directly on the
    root get a bar of their own); with several roots, the roots are the bars.
    """
    if len(roots) == 1:
        root = roots[0]
        groups = [org for org in orgs if org.parent_id == root.pk]
        direct_active, direct_departed = per_org.get(root.pk, (0, 0))
        result = [_sum_subtree(group, orgs, per_org) for group in groups]
        if direct_active or direct_departed or not groups:
            result.insert(0, UnitCount(root, direct_active, direct_departed))
    else:
        result = [_sum_subtree(root, orgs, per_org) for root in roots]
    result.sort(key=lambda unit: (-unit.total, unit.organisation.path))
    return result[:CHART_MAX_BARS]


def _sum_subtree(
    group: Organisation, orgs: list[Organisation], per_org: dict[int, tuple[int, int]]
) -> UnitCount:
    active = departed = 0
    for org in orgs:
        if org.path.startswith(group.path):
            a, d = per_org.get(org.pk, (0, 0))
            active += a
            departed += d
    return UnitCount(group, active, departed)
