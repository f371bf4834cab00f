from __future__ import annotations

from ungxu.campaigns import services
from ungxu.campaigns.figures import dissemination_figures
from ungxu.campaigns.models import InPersonSession, OutreachRecord
from ungxu.campaigns.tests.helpers import read_all


def test_report_figures_count_people_sessions_and_vulnerable_groups_in_scope(world, campaign):
    a = campaign.assignments.get(person=world.person_a)
    read_all(a)
    services.acknowledge(a)
    session = InPersonSession.objects.create(
        organisation=world.unit_a,
        kind="conference",
        title="Hội nghị",
        held_on="2026-12-01",
        place="Hội trường",
    )
    session.attendees.add(world.person_a, world.person_a1)
    OutreachRecord.objects.create(
        organisation=world.unit_b,
        kind="village_meeting",
        held_on="2026-12-02",
        audience=80,
        children=5,
        ethnic_minorities=30,
        disabilities=1,
        poor=12,
    )
    whole = dissemination_figures(world.user("coordinator"))
    assert (whole.staff_assigned, whole.staff_acknowledged) == (3, 1)
    assert (whole.sessions, whole.session_attendances) == (1, 2)
    assert (whole.outreach_audience, whole.ethnic_minorities, whole.poor) == (80, 30, 12)
    unit_a = dissemination_figures(world.user("head_a"))
    assert (unit_a.staff_assigned, unit_a.outreach_activities, unit_a.sessions) == (2, 0, 1)
