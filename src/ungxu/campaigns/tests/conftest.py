"""Fixtures for campaign tests: a launched campaign over the persona world."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from ungxu.campaigns import services
from ungxu.campaigns.documents import code_document
from ungxu.campaigns.models import Campaign
from ungxu.core.testing import World


def make_campaign(world: World, *, orgs: list[Any] | None = None, **fields: Any) -> Campaign:
    today = timezone.localdate()
    fields.setdefault("title", "Phổ biến Bộ quy tắc năm 2026")
    fields.setdefault("organisation", world.root)
    fields.setdefault("starts_on", today)
    fields.setdefault("deadline", today + dt.timedelta(days=10))
    campaign = Campaign.objects.create(**fields)
    campaign.documents.add(code_document())
    campaign.audience_orgs.set(orgs if orgs is not None else [world.root])
    return campaign


@pytest.fixture
def campaign(world: World) -> Campaign:
    """Whole department (3 people), no quiz, launched."""
    campaign = make_campaign(world)
    services.launch(campaign)
    return campaign


@pytest.fixture
def quiz_campaign(world: World) -> Campaign:
    """Phòng A subtree (2 people), a 3-question quiz, 2 attempts, launched."""
    campaign = make_campaign(
        world, orgs=[world.unit_a], quiz_questions=3, pass_percent=100, max_attempts=2
    )
    services.launch(campaign)
    return campaign
