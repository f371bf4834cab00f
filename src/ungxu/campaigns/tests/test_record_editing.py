"""Editing and deleting in-person sessions and outreach records: scoped, confirmed, audited,
and the report figures follow."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from ungxu.audit.models import AuditEntry
from ungxu.campaigns.figures import dissemination_figures
from ungxu.campaigns.models import InPersonSession, OutreachRecord


def _entries(obj, action):
    kind = ContentType.objects.get_for_model(type(obj))
    return AuditEntry.objects.filter(content_type=kind, object_id=str(obj.pk), action=action)


def _session(world, organisation=None):
    session = InPersonSession.objects.create(
        organisation=organisation or world.unit_a,
        kind="conference",
        title="Hội nghị quán triệt",
        held_on="2026-12-01",
        place="Hội trường tầng 2",
    )
    session.attendees.add(world.person_a, world.person_a1)
    return session


def _outreach(world, organisation=None, **fields):
    values = {"audience": 80, "children": 5, "ethnic_minorities": 30, "disabilities": 1, "poor": 12}
    values.update(fields)
    return OutreachRecord.objects.create(
        organisation=organisation or world.unit_a,
        kind="village_meeting",
        held_on="2026-12-02",
        place="Thôn Đông",
        **values,
    )


def _outreach_form(world, **overrides):
    data = {
        "kind": "loudspeaker",
        "held_on": "2026-12-03",
        "place": "Xã Tây",
        "organisation": world.unit_a.pk,
        "audience": 200,
        "children": 10,
        "ethnic_minorities": 50,
        "disabilities": 2,
        "poor": 20,
        "notes": "",
    }
    data.update(overrides)
    return data


def test_a_unit_head_edits_an_outreach_record_and_the_report_figures_follow(world):
    record = _outreach(world)
    response = world.client("head_a").post(
        reverse("campaigns:outreach_edit", args=[record.pk]), _outreach_form(world)
    )
    assert response.status_code == 302
    figures = dissemination_figures(world.user("coordinator"))
    assert (figures.outreach_audience, figures.ethnic_minorities, figures.poor) == (200, 50, 20)
    entry = _entries(record, "update").get()
    assert entry.changes["audience"] == [80, 200]


def test_editing_an_outreach_record_still_refuses_group_counts_above_the_audience(world):
    record = _outreach(world)
    response = world.client("head_a").post(
        reverse("campaigns:outreach_edit", args=[record.pk]), _outreach_form(world, children=500)
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    record.refresh_from_db()
    assert record.audience == 80


def test_deleting_an_outreach_record_asks_first_then_removes_it_from_the_report(world):
    record = _outreach(world)
    client = world.client("coordinator")
    url = reverse("campaigns:outreach_delete", args=[record.pk])
    page = client.get(url)
    assert "sẽ không còn trong báo cáo" in page.content.decode()
    assert OutreachRecord.objects.exists()  # a GET only asks
    client.post(url)
    assert not OutreachRecord.objects.exists()
    assert dissemination_figures(world.user("coordinator")).outreach_audience == 0
    assert _entries(record, "delete").exists()


def test_a_unit_head_cannot_edit_or_delete_another_units_records(world):
    record = _outreach(world, organisation=world.unit_b)
    session = _session(world, organisation=world.unit_b)
    client = world.client("head_a")
    for name, pk in [
        ("outreach_edit", record.pk),
        ("outreach_delete", record.pk),
        ("session_edit", session.pk),
        ("session_delete", session.pk),
    ]:
        assert client.post(reverse(f"campaigns:{name}", args=[pk])).status_code == 404
    assert OutreachRecord.objects.exists() and InPersonSession.objects.exists()


def test_a_leader_sees_a_session_but_may_not_change_it(world):
    session = _session(world)
    client = world.client("leader")
    assert client.get(reverse("campaigns:session", args=[session.pk])).status_code == 200
    assert client.post(reverse("campaigns:session_delete", args=[session.pk])).status_code == 403
    assert InPersonSession.objects.exists()


def test_a_unit_head_cannot_move_a_session_to_a_unit_they_do_not_manage(world):
    session = _session(world)
    response = world.client("head_a").post(
        reverse("campaigns:session_edit", args=[session.pk]),
        {
            "kind": "training",
            "title": "Tập huấn",
            "held_on": "2026-12-05",
            "place": "Phòng họp",
            "organisation": world.unit_b.pk,
        },
    )
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    session.refresh_from_db()
    assert session.organisation == world.unit_a


def test_editing_a_session_keeps_its_attendance_and_changes_the_reported_date(world):
    session = _session(world)
    world.client("head_a").post(
        reverse("campaigns:session_edit", args=[session.pk]),
        {
            "kind": "training",
            "title": "Tập huấn kỹ năng",
            "held_on": "2027-01-10",
            "place": "Phòng họp",
            "organisation": world.subunit_a1.pk,
        },
    )
    session.refresh_from_db()
    assert (session.title, session.organisation) == ("Tập huấn kỹ năng", world.subunit_a1)
    assert session.attendees.count() == 2
    in_2026 = dissemination_figures(world.user("coordinator"), end=dt.date(2026, 12, 31))
    assert in_2026.sessions == 0


def test_deleting_a_session_removes_it_and_its_attendances_from_the_report(world):
    session = _session(world)
    client = world.client("head_a")
    page = client.get(reverse("campaigns:session_delete", args=[session.pk]))
    assert "2 người sẽ bị xoá cùng" in page.content.decode()
    response = client.post(reverse("campaigns:session_delete", args=[session.pk]))
    assert response.status_code == 302
    figures = dissemination_figures(world.user("coordinator"))
    assert (figures.sessions, figures.session_attendances) == (0, 0)
    assert _entries(session, "delete").exists()


def test_a_wrongly_imported_attendee_is_removed_and_the_count_follows(world):
    session = _session(world)
    client = world.client("head_a")
    url = reverse("campaigns:session_remove_attendee", args=[session.pk, world.person_a1.pk])
    assert client.get(url).status_code == 405  # a link cannot remove anyone
    client.post(url)
    assert list(session.attendees.all()) == [world.person_a]
    assert dissemination_figures(world.user("coordinator")).session_attendances == 1
    assert _entries(session, "update").filter(message__contains="Trần Thị Bình").exists()
    page = client.get(reverse("campaigns:session", args=[session.pk])).content.decode()
    assert "Bỏ Nguyễn Văn An khỏi danh sách" in page


def test_someone_who_only_views_sessions_cannot_remove_an_attendee(world):
    session = _session(world)
    url = reverse("campaigns:session_remove_attendee", args=[session.pk, world.person_a.pk])
    assert world.client("leader").post(url).status_code == 403
    assert world.client("head_b").post(url).status_code == 404
    assert session.attendees.count() == 2
