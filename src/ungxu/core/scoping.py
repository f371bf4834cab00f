"""Who may see and do what, where: the one place every view, export and API endpoint asks.

A role is granted on an organisation node (`RoleGrant`) and applies to that node's whole subtree.
What a role allows is this capability table; later workflows add their actions here.

| action          | admin | coordinator | leadership | unit_head | moderator | staff |
|-----------------|:-----:|:-----------:|:----------:|:---------:|:---------:|:-----:|
| view            |   ✓   |      ✓      |     ✓      |     ✓     |     ✓     |   ✓   |
| manage_orgs     |   ✓   |      ✓      |            |           |           |       |
| manage_people   |   ✓   |      ✓      |            |     ✓     |           |       |
| view_audit      |   ✓   |      ✓      |            |           |           |       |
| manage_roles    |   ✓   |      ✓      |            |           |           |       |
| manage_campaigns|   ✓   |      ✓      |            |     ✓     |           |       |
| view_campaigns  |   ✓   |      ✓      |     ✓      |     ✓     |           |       |
| view_socials    |   ✓   |      ✓      |     ✓      |     ✓     |     ✓     |       |
| manage_socials  |   ✓   |      ✓      |            |     ✓     |     ✓     |       |

- `view`: the organisations of the subtree and their people directory (read-only).
- `manage_orgs`: create sub-units, edit, rename and move organisations inside the subtree.
- `manage_people`: create and edit people, mark them departed.
- `view_audit`: read the audit log of the subtree.
- `manage_roles`: grant and revoke roles inside the subtree (never `admin`, unless admin).
- `manage_campaigns`: launch and edit dissemination campaigns, documents, sessions, outreach.
- `view_campaigns`: see campaign progress and who is outstanding (staff see only their own tasks).
- `view_socials`: official social accounts, posture, incidents and their evidence of the subtree.
- `manage_socials`: register/edit accounts, attest reviews, run incidents and takedowns.
- `moderate` (admin, coordinator, unit_head, moderator): the moderation inbox, decisions, replies,
  keyword rules, canned answers, statistics. `approve_replies` (admin, coordinator, unit_head):
  approve replies held for approval. `manage_screening` (admin): promote/reject retrained models.
Superusers count as admin everywhere. Inactive users (e.g. departed staff) and users without any
grant see nothing. Objects outside what a user may `view` are answered with 404, visible objects the
user may not change with 403.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404

from ungxu.orgs.models import Organisation, Role, RoleGrant

VIEW = "view"
MANAGE_ORGS = "manage_orgs"
MANAGE_PEOPLE = "manage_people"
VIEW_AUDIT = "view_audit"
MANAGE_ROLES = "manage_roles"
MANAGE_CAMPAIGNS = "manage_campaigns"
VIEW_CAMPAIGNS = "view_campaigns"
VIEW_SOCIALS = "view_socials"
MANAGE_SOCIALS = "manage_socials"

_EVERY_CAPABILITY = frozenset(
    {
        VIEW,
        MANAGE_ORGS,
        MANAGE_PEOPLE,
        VIEW_AUDIT,
        MANAGE_ROLES,
        MANAGE_CAMPAIGNS,
        VIEW_CAMPAIGNS,
        VIEW_SOCIALS,
        MANAGE_SOCIALS,
    }
)

CAPABILITIES: dict[str, frozenset[str]] = {
    # Administrators and coordinators hold every capability; one set keeps them equal.
    Role.ADMIN: _EVERY_CAPABILITY,
    Role.COORDINATOR: _EVERY_CAPABILITY,
    Role.LEADERSHIP: frozenset({VIEW, VIEW_CAMPAIGNS, VIEW_SOCIALS}),
    Role.UNIT_HEAD: frozenset(
        {VIEW, MANAGE_PEOPLE, MANAGE_CAMPAIGNS, VIEW_CAMPAIGNS, VIEW_SOCIALS, MANAGE_SOCIALS}
    ),
    Role.MODERATOR: frozenset({VIEW, VIEW_SOCIALS, MANAGE_SOCIALS}),
    Role.STAFF: frozenset({VIEW}),
}

# Moderation (issue 6): the inbox, decisions and replies; approving replies; retrained models.
MODERATE = "moderate"
APPROVE_REPLIES = "approve_replies"
MANAGE_SCREENING = "manage_screening"
_MODERATION_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset({MODERATE, APPROVE_REPLIES, MANAGE_SCREENING}),
    Role.COORDINATOR: frozenset({MODERATE, APPROVE_REPLIES}),
    Role.UNIT_HEAD: frozenset({MODERATE, APPROVE_REPLIES}),
    Role.MODERATOR: frozenset({MODERATE}),
}
for _role, _actions in _MODERATION_CAPABILITIES.items():
    CAPABILITIES[_role] = CAPABILITIES[_role] | _actions

M = TypeVar("M", bound=models.Model)
_CACHE_ATTR = "_ungxu_role_grants"


def _is_active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_superadmin(user: Any) -> bool:
    return _is_active(user) and bool(user.is_superuser)


def grants(user: Any) -> list[tuple[str, str]]:
    """(role, organisation path) pairs of the user, cached on the user object for the request."""
    if not _is_active(user):
        return []
    cached: list[tuple[str, str]] | None = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        # Grants on a deactivated unit still count: deactivating is a label for reports, and must
        # not lock out the person doing it (their history stays reachable).
        cached = list(RoleGrant.objects.filter(user=user).values_list("role", "organisation__path"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_grants(user: Any) -> None:
    """Drop the cached grants (after granting or revoking within the same request or test)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def roles(user: Any) -> set[str]:
    if is_superadmin(user):
        return {Role.ADMIN}
    return {role for role, _ in grants(user)}


def allowed_paths(user: Any, action: str = VIEW) -> list[str] | None:
    """Path prefixes where `action` is allowed; None means everywhere (superuser)."""
    if is_superadmin(user):
        return None
    paths = sorted({path for role, path in grants(user) if action in CAPABILITIES.get(role, ())})
    # Drop prefixes already covered by a shorter one, to keep the SQL small.
    kept: list[str] = []
    for path in paths:
        if not any(path.startswith(prefix) for prefix in kept):
            kept.append(path)
    return kept


def has_capability(user: Any, action: str) -> bool:
    """True if the user may do `action` somewhere (menus, dashboards)."""
    paths = allowed_paths(user, action)
    return paths is None or bool(paths)


def _path_q(prefix_field: str, paths: list[str]) -> models.Q:
    query = models.Q(pk__in=[])
    for path in paths:
        query |= models.Q(**{f"{prefix_field}__startswith": path})
    return query


def scope(
    queryset: models.QuerySet[M], user: Any, field: str | None = "organisation", action: str = VIEW
) -> models.QuerySet[M]:
    """Restrict `queryset` to rows whose organisation (reached through `field`) lies in a subtree
    where the user may `action`. For a queryset of Organisation itself, pass `field=None`."""
    paths = allowed_paths(user, action)
    if paths is None:
        return queryset
    if not paths:
        return queryset.none()
    prefix_field = "path" if not field else f"{field}__path"
    return queryset.filter(_path_q(prefix_field, paths))


def visible_organisations(user: Any, action: str = VIEW) -> models.QuerySet[Organisation]:
    return scope(Organisation.objects.all(), user, field=None, action=action)


def can(user: Any, action: str, organisation: Organisation | None) -> bool:
    """May `user` do `action` on something belonging to `organisation`?

    `organisation=None` (e.g. creating a new root) is allowed to superusers only."""
    paths = allowed_paths(user, action)
    if paths is None:
        return True
    if organisation is None:
        return False
    return any(organisation.path.startswith(path) for path in paths)


def require(user: Any, action: str, organisation: Organisation | None) -> None:
    if not can(user, action, organisation):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


def get_visible_or_404(
    queryset: models.QuerySet[M], user: Any, field: str | None = "organisation", **lookup: Any
) -> M:
    """The object if the user may see it; 404 otherwise, so outsiders learn nothing of it."""
    try:
        return scope(queryset, user, field=field).get(**lookup)
    except ObjectDoesNotExist:
        raise Http404("Không tìm thấy hoặc bạn không có quyền xem.") from None


def grantable_roles(user: Any, organisation: Organisation) -> list[str]:
    """Roles the user may grant on `organisation`; only admins may create admins."""
    if not can(user, MANAGE_ROLES, organisation):
        return []
    admin_here = is_superadmin(user) or any(
        role == Role.ADMIN and organisation.path.startswith(path) for role, path in grants(user)
    )
    return [role for role in Role.values if role != Role.ADMIN or admin_here]
