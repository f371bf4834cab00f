"""Who a campaign is for: organisation subtrees narrowed by employment category and role,
plus an explicit list of people. Only people still working are included."""

from __future__ import annotations

from django.db.models import Q

from ungxu.audit.models import Action, record
from ungxu.campaigns.models import Assignment, Campaign
from ungxu.orgs.models import Person, PersonQuerySet


def audience(campaign: Campaign) -> PersonQuerySet:
    people = Person.objects.active()
    orgs = list(campaign.audience_orgs.all())
    if orgs:
        subtree = Q(pk__in=[])
        for org in orgs:
            subtree |= Q(organisation__path__startswith=org.path)
        chosen = people.filter(subtree)
        if campaign.audience_categories:
            chosen = chosen.filter(employment_category__in=campaign.audience_categories)
        if campaign.audience_roles:
            chosen = chosen.filter(user__role_grants__role__in=campaign.audience_roles)
        ids = set(chosen.values_list("pk", flat=True))
    else:
        ids = set()
    ids |= set(people.filter(pk__in=campaign.audience_people.all()).values_list("pk", flat=True))
    return Person.objects.filter(pk__in=ids)


def resolve(campaign: Campaign) -> int:
    """Give everyone in the audience an assignment; existing ones are kept as they are.

    Returns how many were added. Safe to run again (the unique constraint drops duplicates)."""
    existing = set(campaign.assignments.values_list("person_id", flat=True))
    new = [
        Assignment(campaign=campaign, person_id=pk, organisation_id=org_id)
        for pk, org_id in audience(campaign).values_list("pk", "organisation_id")
        if pk not in existing
    ]
    Assignment.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
    if new:
        record(
            Action.UPDATE,
            campaign,
            message=f"Thêm {len(new)} người vào danh sách phải thực hiện.",
        )
    return len(new)
