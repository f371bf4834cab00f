"""Personas × campaign views, after orgs/tests/test_permission_matrix.py.

200 = allowed, 403 = may see it but not do this, 404 = may not even see it. A department-wide
campaign (launched on SO) is seen by every manager whose subtree it reaches; staff see only
their own task, never the campaign's progress."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ungxu.campaigns.tests.conftest import make_campaign
from ungxu.core.testing import PERSONAS

VIEWS_PROGRESS = {"admin", "coordinator", "leader", "head_a", "head_b"}
MANAGES_SO = {"admin", "coordinator"}
MANAGES_SOMEWHERE = {"admin", "coordinator", "head_a", "head_b"}


def expected(persona: str, sees: set[str], may: set[str] | None = None) -> int:
    if persona not in sees:
        return 404
    if may is not None and persona not in may:
        return 403
    return 200


@pytest.mark.parametrize("persona", list(PERSONAS))
@pytest.mark.parametrize(
    ("view", "may"),
    [("campaigns:detail", None), ("campaigns:export", None), ("campaigns:edit", MANAGES_SO)],
)
def test_each_persona_gets_the_access_the_capability_table_gives(
    world, campaign, persona, view, may
):
    response = world.client(persona).get(reverse(view, args=[campaign.pk]))
    assert response.status_code == expected(persona, VIEWS_PROGRESS, may)


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_only_managers_may_create_campaigns_and_documents(world, persona):
    client = world.client(persona)
    allowed = 200 if persona in MANAGES_SOMEWHERE else 403
    assert client.get(reverse("campaigns:create")).status_code == allowed
    assert client.get(reverse("campaigns:documents")).status_code == allowed
    assert client.get(reverse("campaigns:index")).status_code == 200


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_launching_needs_manage_rights_on_the_launching_unit(world, persona):
    campaign = make_campaign(world)
    response = world.client(persona).post(reverse("campaigns:launch", args=[campaign.pk]))
    campaign.refresh_from_db()
    # A draft reaches nobody yet, so unit heads below do not even see it.
    status = expected(persona, {"admin", "coordinator", "leader"}, MANAGES_SO)
    if status == 200:
        assert response.status_code == 302 and campaign.status == "active"
    else:
        assert response.status_code == status and campaign.status == "draft"


def test_a_unit_head_sees_only_their_subtree_on_the_progress_page(world, campaign):
    page = world.client("head_a").get(reverse("campaigns:detail", args=[campaign.pk]))
    html = page.content.decode()
    assert world.person_a.full_name in html and world.person_a1.full_name in html
    assert world.person_b.full_name not in html
    assert 'data-unit="PB"' not in html and 'data-unit="SO"' not in html


def test_a_unit_head_of_another_branch_does_not_see_a_unit_campaign(world):
    from ungxu.campaigns import services

    campaign = make_campaign(world, organisation=world.unit_a, orgs=[world.unit_a])
    services.launch(campaign)
    assert (
        world.client("head_b").get(reverse("campaigns:detail", args=[campaign.pk])).status_code
        == 404
    )
    assert (
        world.client("head_a").get(reverse("campaigns:detail", args=[campaign.pk])).status_code
        == 200
    )
    listing = world.client("head_b").get(reverse("campaigns:index")).content.decode()
    assert campaign.title not in listing


def test_a_unit_head_cannot_launch_a_campaign_for_another_unit(world):
    response = world.client("head_a").post(
        reverse("campaigns:create"),
        {
            "title": "Đợt của Phòng B",
            "organisation": world.unit_b.pk,
            "audience_orgs": [world.unit_b.pk],
            "starts_on": "2026-12-01",
            "deadline": "2026-12-31",
            "quiz_questions": 0,
            "pass_percent": 80,
            "max_attempts": 3,
        },
    )
    assert response.status_code == 200  # the form refuses the unit: it is not a choice
    assert "organisation" in response.context["form"].errors


def test_staff_see_their_task_but_not_the_campaign_list(world, campaign):
    page = world.client("staff_a").get(reverse("campaigns:index")).content.decode()
    assert "Việc tôi cần làm" in page
    assert "Các đợt phổ biến" not in page
