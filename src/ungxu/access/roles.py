"""Which signed-in users must pass a second factor."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from ungxu.dashboard.nav import roles_of

# Accounts that can change everything in a subtree (or the whole system) are the ones worth
# stealing; the issue asks TOTP of them when the installation turns it on.
PRIVILEGED_ROLES = frozenset({"admin", "coordinator"})


def totp_required_for(user: Any) -> bool:
    if not getattr(settings, "UNGXU_REQUIRE_TOTP", False):
        return False
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or roles_of(user) & PRIVILEGED_ROLES)


def is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and "admin" in roles_of(user))
