import datetime as dt

from django.urls import reverse
from django.utils import timezone

from ungxu.core import scoping
from ungxu.core.views import history_for
from ungxu.orgs import services
from ungxu.orgs.models import Person, RoleGrant


def test_departing_deactivates_the_login_and_removes_all_role_grants(world):
    user = world.user("staff_a")
    services.depart(world.person_a, timezone.localdate())
    user.refresh_from_db()
    assert not user.is_active
    assert not RoleGrant.objects.filter(user=user).exists()
    assert list(scoping.visible_organisations(user)) == []
    [locked] = history_for(user)
    assert locked.changes == {"is_active": [True, False]}
    assert locked.organisation == world.unit_a


def test_departed_staff_can_no_longer_open_any_page(world):
    client = world.client("staff_a")
    services.depart(world.person_a)
    response = client.get(reverse("orgs:person_list"))
    assert response.status_code == 302  # the session no longer authenticates an inactive user


def test_departed_people_stay_in_lists_and_the_da_nghi_filter_finds_them(world):
    services.depart(world.person_a1, timezone.localdate() - dt.timedelta(days=3))
    client = world.client("coordinator")
    everyone = client.get(reverse("orgs:person_list")).content.decode()
    departed = client.get(reverse("orgs:person_list"), {"status": "departed"}).content.decode()
    active = client.get(reverse("orgs:person_list"), {"status": "active"}).content.decode()
    assert "Trần Thị Bình" in everyone and "Đã nghỉ" in everyone
    assert "Trần Thị Bình" in departed and "Nguyễn Văn An" not in departed
    assert "Trần Thị Bình" not in active and "Nguyễn Văn An" in active


def test_a_future_departure_keeps_access_until_the_day_then_apply_departures_revokes_it(world):
    user = world.user("staff_a")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    services.depart(world.person_a, tomorrow)
    user.refresh_from_db()
    assert user.is_active
    assert services.apply_departures(today=tomorrow - dt.timedelta(days=1)) == 0
    assert services.apply_departures(today=tomorrow) == 1
    user.refresh_from_db()
    assert not user.is_active
    assert services.apply_departures(today=tomorrow) == 0  # idempotent


def test_a_departure_is_audited_as_such_with_the_date(world):
    services.depart(world.person_a, dt.date(2026, 1, 5))
    [entry] = [e for e in history_for(world.person_a) if e.action == "depart"]
    assert entry.changes == {"left_on": [None, "2026-01-05"]}
    assert Person.objects.departed().filter(pk=world.person_a.pk).exists()


def test_the_depart_form_refuses_a_date_before_joining(world):
    world.person_a.joined_on = dt.date(2024, 3, 1)
    world.person_a.save()
    response = world.client("head_a").post(
        reverse("orgs:person_depart", args=[world.person_a.pk]),
        {"left_on": "2024-01-01"},
        follow=True,
    )
    assert "không thể trước ngày vào làm" in response.content.decode()
    world.person_a.refresh_from_db()
    assert world.person_a.left_on is None
