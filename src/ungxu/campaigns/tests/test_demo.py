from __future__ import annotations

from ungxu.campaigns.demo import load_demo_campaign
from ungxu.campaigns.progress import campaign_progress
from ungxu.orgs.demo import load_demo


def test_the_demo_campaign_has_some_people_done_and_loads_once(db):
    load_demo(people=30)
    campaign = load_demo_campaign()
    assert campaign is not None
    total = campaign_progress(campaign, None).total
    assert total.audience == 30
    assert 0 < total.acknowledged < total.read < total.audience
    assert load_demo_campaign().pk == campaign.pk
