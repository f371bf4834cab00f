"""Operations on people and organisations that touch more than one model."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ungxu.audit.models import Action, record
from ungxu.orgs.models import Person, RoleGrant


def depart(person: Person, on: dt.date | None = None) -> Person:
    """Record that the person left on `on` (default today).

    When the date has come, their login is deactivated and their role grants removed (each removal
    is audited); a future date takes effect through `apply_departures()`, and until then access
    stays. The person stays in lists and history.
    """
    on = on or timezone.localdate()
    with transaction.atomic():
        person.left_on = on
        person._audit_action = Action.DEPART
        person.save()
        if person.is_departed:
            revoke_access(person)
    return person


def revoke_access(person: Person) -> None:
    user = person.user
    if user is None:
        return
    for grant in RoleGrant.objects.filter(user=user):
        grant.delete()
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        # The User model is Django's and not audited by the mixin, so we log this one ourselves.
        record(
            Action.UPDATE,
            user,
            organisation=person.organisation,
            changes={"is_active": [True, False]},
            message=f"Khoá tài khoản đăng nhập vì {person.full_name} đã nghỉ việc.",
        )


def return_to_work(person: Person) -> Person:
    """Undo a departure. The login stays inactive: an administrator re-enables it deliberately."""
    person.left_on = None
    person.save()
    return person


def apply_departures(today: dt.date | None = None) -> int:
    """Revoke access of everyone whose departure date has come; returns how many logins changed.

    Safe to run repeatedly (e.g. daily from a task)."""
    today = today or timezone.localdate()
    changed = 0
    people = Person.objects.departed(today).filter(user__isnull=False).select_related("user")
    for person in people:
        if person.user is not None and (
            person.user.is_active or RoleGrant.objects.filter(user=person.user).exists()
        ):
            revoke_access(person)
            changed += 1
    return changed
