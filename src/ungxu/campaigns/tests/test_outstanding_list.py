"""The campaign page's outstanding list: narrowed to one unit's subtree and paged."""

from __future__ import annotations

from django.urls import reverse

from ungxu.campaigns import services
from ungxu.campaigns.tests.conftest import make_campaign
from ungxu.orgs.models import Person


def _names(response):
    return [row.assignment.person.full_name for row in response.context["outstanding"]]


def test_the_outstanding_list_narrows_to_the_chosen_unit_and_its_subunits(world, campaign):
    client = world.client("coordinator")
    url = reverse("campaigns:detail", args=[campaign.pk])
    assert len(_names(client.get(url))) == 3
    unit_a = client.get(url, {"unit": world.unit_a.pk})
    assert sorted(_names(unit_a)) == sorted([world.person_a.full_name, world.person_a1.full_name])
    assert "Xem tất cả đơn vị" in unit_a.content.decode()
    assert _names(client.get(url, {"unit": world.unit_b.pk})) == [world.person_b.full_name]


def test_a_unit_head_cannot_widen_the_list_with_a_unit_outside_their_subtree(world, campaign):
    response = world.client("head_a").get(
        reverse("campaigns:detail", args=[campaign.pk]), {"unit": world.unit_b.pk}
    )
    assert world.person_b.full_name not in _names(response)
    assert response.context["outstanding_unit"] is None


def test_a_long_outstanding_list_is_paged_fifty_at_a_time(world):
    Person.objects.bulk_create(
        Person(code=f"P{i:03d}", full_name=f"Người {i:03d}", organisation=world.unit_b)
        for i in range(70)
    )
    campaign = make_campaign(world, orgs=[world.unit_b])
    services.launch(campaign)
    client = world.client("coordinator")
    url = reverse("campaigns:detail", args=[campaign.pk])
    first, second = client.get(url), client.get(url, {"page": 2})
    assert (len(_names(first)), len(_names(second))) == (50, 21)
    assert first.context["outstanding_total"] == 71
    assert "Sau ›" in first.content.decode()
