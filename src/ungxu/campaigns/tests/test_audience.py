from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ungxu.campaigns import audience, services
from ungxu.campaigns.models import Campaign
from ungxu.campaigns.tests.conftest import make_campaign
from ungxu.core.testing import make_person
from ungxu.orgs.models import EmploymentCategory, Role


def names(campaign):
    return sorted(audience.audience(campaign).values_list("code", flat=True))


def test_an_organisation_in_the_audience_brings_its_whole_subtree(world):
    campaign = make_campaign(world, orgs=[world.unit_a])
    assert names(campaign) == ["NSA01", "NSA11"]


def test_categories_narrow_the_audience(world):
    make_person(
        "NSA02", "Hồ Thị Lan", world.unit_a, employment_category=EmploymentCategory.VIEN_CHUC
    )
    campaign = make_campaign(world, audience_categories=[EmploymentCategory.VIEN_CHUC])
    assert names(campaign) == ["NSA02"]


def test_roles_narrow_the_audience_to_people_holding_them(world):
    campaign = make_campaign(world, audience_roles=[Role.STAFF])
    assert names(campaign) == ["NSA01"]  # person_a is staff_a's login


def test_an_explicit_list_adds_people_outside_the_units(world):
    campaign = make_campaign(world, orgs=[world.unit_b])
    campaign.audience_people.add(world.person_a1)
    assert names(campaign) == ["NSA11", "NSB01"]


def test_departed_people_are_left_out(world):
    world.person_b.left_on = world.person_b.created_at.date()
    world.person_b.save()
    assert "NSB01" not in names(make_campaign(world))


def test_resolving_twice_adds_nobody_twice_and_picks_up_newcomers(world):
    campaign = make_campaign(world)
    assert services.launch(campaign) == 3
    make_person("NSB02", "Vũ Minh Đức", world.unit_b)
    assert audience.resolve(campaign) == 1
    assert audience.resolve(campaign) == 0
    assert campaign.assignments.count() == 4


def test_a_campaign_without_documents_cannot_be_launched(world):
    campaign = Campaign.objects.create(
        title="Trống", organisation=world.root, starts_on="2026-01-01", deadline="2026-02-01"
    )
    with pytest.raises(ValidationError, match="ít nhất một tài liệu"):
        services.launch(campaign)
