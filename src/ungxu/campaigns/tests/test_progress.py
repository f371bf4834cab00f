from __future__ import annotations

import datetime as dt

from ungxu.campaigns import services
from ungxu.campaigns.progress import campaign_progress, person_rows
from ungxu.campaigns.tests.helpers import read_all


def by_code(progress):
    return {row.organisation.code: row.counts for row in progress.units}


def test_progress_rolls_units_up_the_tree(world, campaign):
    a1 = campaign.assignments.get(person=world.person_a1)
    read_all(a1)
    services.acknowledge(a1)
    read_all(campaign.assignments.get(person=world.person_b))
    rows = by_code(campaign_progress(campaign, world.user("coordinator")))
    assert (rows["SO"].audience, rows["SO"].read, rows["SO"].acknowledged) == (3, 2, 1)
    assert (rows["PA"].audience, rows["PA"].acknowledged) == (2, 1)
    assert (rows["PA-1"].audience, rows["PA-1"].acknowledged) == (1, 1)
    assert (rows["PB"].audience, rows["PB"].read, rows["PB"].acknowledged) == (1, 1, 0)


def test_a_unit_head_sees_only_their_subtree_in_the_progress(world, campaign):
    progress = campaign_progress(campaign, world.user("head_a"))
    assert set(by_code(progress)) == {"PA", "PA-1"}
    assert progress.total.audience == 2
    people = {row.assignment.person.code for row in person_rows(campaign, world.user("head_a"))}
    assert people == {"NSA01", "NSA11"}


def test_people_still_outstanding_after_the_deadline_are_overdue(world, campaign):
    a = campaign.assignments.get(person=world.person_a)
    read_all(a)
    services.acknowledge(a)
    later = campaign.deadline + dt.timedelta(days=1)
    progress = campaign_progress(campaign, None, today=later)
    assert (progress.total.acknowledged, progress.total.overdue) == (1, 2)
    assert campaign_progress(campaign, None).total.overdue == 0


def test_outstanding_people_are_listed_with_their_unit_head(world, campaign):
    rows = person_rows(campaign, None, outstanding_only=True)
    heads = {row.assignment.person.code: row.unit_heads for row in rows}
    assert heads == {"NSA01": ["head_a"], "NSA11": ["head_a"], "NSB01": ["head_b"]}


def test_a_new_round_counts_nobody_as_acknowledged_until_they_acknowledge_again(world, campaign):
    from ungxu.campaigns.documents import add_version, code_document

    a = campaign.assignments.get(person=world.person_a)
    read_all(a)
    services.acknowledge(a)
    assert campaign_progress(campaign, None).total.acknowledged == 1
    add_version(code_document(), body="Bản cập nhật")
    campaign.refresh_from_db()
    assert campaign_progress(campaign, None).total.acknowledged == 0


def test_people_who_left_drop_out_of_the_numbers_but_keep_their_records(world, campaign):
    from ungxu.orgs.services import depart

    a = campaign.assignments.get(person=world.person_b)
    read_all(a)
    services.acknowledge(a)
    depart(world.person_b, dt.date(2020, 1, 1))
    total = campaign_progress(campaign, None).total
    assert (total.audience, total.acknowledged) == (2, 0)
    assert a.acknowledgements.count() == 1
