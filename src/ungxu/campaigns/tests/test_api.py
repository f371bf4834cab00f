from __future__ import annotations

from django.urls import reverse

from ungxu.campaigns import services
from ungxu.campaigns.tests.helpers import read_all


def test_the_api_gives_the_same_progress_as_the_page_scoped_to_the_user(world, campaign):
    a = campaign.assignments.get(person=world.person_a)
    read_all(a)
    services.acknowledge(a)
    url = reverse("api:campaign-progress", args=[campaign.pk])
    whole = world.client("coordinator").get(url).json()
    assert whole["total"]["audience"] == 3 and whole["total"]["acknowledged"] == 1
    units = {u["code"]: u for u in world.client("head_b").get(url).json()["units"]}
    assert set(units) == {"PB"} and units["PB"]["acknowledged"] == 0


def test_staff_get_no_campaign_through_the_api_but_see_their_own_tasks(world, campaign):
    client = world.client("staff_a")
    assert client.get(reverse("api:campaign-list")).json()["count"] == 0
    assert client.get(reverse("api:campaign-progress", args=[campaign.pk])).status_code == 404
    mine = client.get(reverse("api:campaign-mine")).json()
    assert [m["campaign"] for m in mine] == [campaign.pk]
    assert mine[0]["acknowledged_at"] is None
