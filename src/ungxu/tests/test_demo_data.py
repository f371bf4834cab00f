"""`ungxu demo` data: organisations, people, logins and the demo campaign, loaded once."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from ungxu.audit.models import AuditEntry
from ungxu.campaigns.models import Campaign
from ungxu.orgs.demo import load_demo
from ungxu.platform_cli import _load_demo_campaign

pytestmark = pytest.mark.django_db


def test_the_demo_loads_a_launched_campaign_once_and_a_second_run_changes_nothing():
    first = load_demo(people=24)
    title = _load_demo_campaign(first)
    assert title.startswith("Phổ biến, quán triệt")
    campaign = Campaign.objects.get(title=title)
    assert campaign.status == "active"
    assert campaign.assignments.count() == 24
    entries = AuditEntry.objects.count()
    passwords = dict(get_user_model().objects.values_list("username", "password"))

    second = load_demo(people=24)
    assert _load_demo_campaign(second) == title
    assert second.created == 0
    assert Campaign.objects.filter(title=title).count() == 1
    assert AuditEntry.objects.count() == entries
    assert dict(get_user_model().objects.values_list("username", "password")) == passwords
    assert [login[1] for login in second.logins] == [login[1] for login in first.logins]
