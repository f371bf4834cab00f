"""Keep postures current when the people registry changes.

`ungxu.orgs.services.depart` saves the person; this receiver recomputes, in the same request,
every account the person administers, so a departed admin is flagged at once without the orgs
app knowing about social accounts.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from ungxu.orgs.models import Person


@receiver(post_save, sender=Person, dispatch_uid="socials_refresh_on_person_change")
def refresh_on_person_change(sender: type[Person], instance: Person, **kwargs: Any) -> None:
    from ungxu.socials.models import AccountAdmin
    from ungxu.socials.services import refresh_for_person

    if kwargs.get("raw") or not AccountAdmin.objects.filter(person=instance).exists():
        return
    refresh_for_person(instance)
