"""The read-only API: scoped like the pages, and the impersonation check."""

from __future__ import annotations

from django.urls import reverse

from ungxu.socials.incidents import open_incident
from ungxu.socials.tests.factories import make_account


def test_the_api_lists_only_the_accounts_and_incidents_a_persona_may_see(world):
    mine = make_account(world.unit_a, name="Phòng A", url="https://facebook.com/phongathunghiem")
    other = make_account(world.unit_b, name="Phòng B", url="https://facebook.com/phongbthunghiem")
    open_incident(organisation=world.unit_b, kind="hijack", title="Sự cố B", account=other)
    client = world.client("head_a")
    accounts = client.get(reverse("api:social-account-list")).json()
    ids = [a["id"] for a in accounts.get("results", accounts)]
    assert ids == [mine.pk]
    assert client.get(reverse("api:social-account-detail", args=[other.pk])).status_code == 404
    incidents = client.get(reverse("api:social-incident-list")).json()
    assert not incidents.get("results", incidents)
    coordinator = world.client("coordinator").get(reverse("api:social-incident-list")).json()
    assert [i["title"] for i in coordinator.get("results", coordinator)] == ["Sự cố B"]


def test_the_detect_endpoint_scores_candidates_against_visible_accounts(world):
    official = make_account(
        world.unit_a, name="Phòng A Sở Thử nghiệm", url="https://facebook.com/phongathunghiem"
    )
    response = world.client("head_a").post(
        reverse("api:social-account-detect"),
        {"candidates": ["Phong A So Thu Nghiem Official", "Chợ đồ cũ Yên Thành"]},
        content_type="application/json",
    )
    matches = response.json()["matches"]
    assert [m["official_id"] for m in matches] == [official.pk]
    assert matches[0]["reasons"]
    refused = world.client("head_b").post(
        reverse("api:social-account-detect"),
        {"candidates": ["Phong A So Thu Nghiem"]},
        content_type="application/json",
    )
    assert refused.json()["matches"] == []  # unit B does not see unit A's accounts
