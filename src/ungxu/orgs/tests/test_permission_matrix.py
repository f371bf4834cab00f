"""THE permission matrix: every persona against every organisation/people/audit view.

Expected answers come from the capability table in ungxu.core.scoping:
200 = allowed, 403 = may see the object but not do this, 404 = may not even see it.
Later apps copy this file's shape for their own views.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from ungxu.core.testing import PERSONAS

SEES_A = {"admin", "coordinator", "leader", "head_a", "moderator_a", "staff_a"}
SEES_B = {"admin", "coordinator", "leader", "head_b"}
MANAGES_ORGS = {"admin", "coordinator"}
MANAGES_PEOPLE_A = {"admin", "coordinator", "head_a"}
MANAGES_PEOPLE_B = {"admin", "coordinator", "head_b"}
READS_AUDIT = {"admin", "coordinator"}


def expected(persona: str, sees: set[str], may: set[str] | None = None) -> int:
    if persona not in sees:
        return 404
    if may is not None and persona not in may:
        return 403
    return 200


# (view name, object kind, side, who sees it, who may do it)
OBJECT_VIEWS = [
    ("orgs:organisation_detail", "org", "a", SEES_A, None),
    ("orgs:organisation_detail", "org", "b", SEES_B, None),
    ("orgs:organisation_edit", "org", "a", SEES_A, MANAGES_ORGS),
    ("orgs:organisation_edit", "org", "b", SEES_B, MANAGES_ORGS),
    ("orgs:organisation_move", "org", "a", SEES_A, MANAGES_ORGS),
    ("orgs:organisation_move", "org", "b", SEES_B, MANAGES_ORGS),
    ("orgs:person_detail", "person", "a", SEES_A, None),
    ("orgs:person_detail", "person", "b", SEES_B, None),
    ("orgs:person_edit", "person", "a", SEES_A, MANAGES_PEOPLE_A),
    ("orgs:person_edit", "person", "b", SEES_B, MANAGES_PEOPLE_B),
]


def _target(world, kind: str, side: str):
    if kind == "org":
        return world.unit_a if side == "a" else world.unit_b
    return world.person_a if side == "a" else world.person_b


@pytest.mark.parametrize("persona", list(PERSONAS))
@pytest.mark.parametrize(("view", "kind", "side", "sees", "may"), OBJECT_VIEWS)
def test_each_persona_gets_exactly_the_access_the_capability_table_gives(
    world, persona, view, kind, side, sees, may
):
    target = _target(world, kind, side)
    response = world.client(persona).get(reverse(view, args=[target.pk]))
    assert response.status_code == expected(persona, sees, may)


@pytest.mark.parametrize("persona", list(PERSONAS))
@pytest.mark.parametrize(
    ("view", "allowed"),
    [
        ("orgs:organisation_create", MANAGES_ORGS),
        ("orgs:person_create", MANAGES_PEOPLE_A | MANAGES_PEOPLE_B),
        ("audit:list", READS_AUDIT),
    ],
)
def test_pages_without_an_object_are_refused_to_personas_without_the_capability(
    world, persona, view, allowed
):
    response = world.client(persona).get(reverse(view))
    assert response.status_code == (200 if persona in allowed else 403)


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_lists_show_only_what_the_persona_may_see(world, persona):
    client = world.client(persona)
    orgs = client.get(reverse("orgs:organisation_list")).content.decode()
    people = client.get(reverse("orgs:person_list")).content.decode()
    assert ("Phòng A" in orgs) == (persona in SEES_A)
    assert ("Phòng B" in orgs) == (persona in SEES_B)
    assert (world.person_a.full_name in people) == (persona in SEES_A)
    assert (world.person_a1.full_name in people) == (persona in SEES_A)
    assert (world.person_b.full_name in people) == (persona in SEES_B)


@pytest.mark.parametrize("persona", list(PERSONAS))
@pytest.mark.parametrize("side", ["a", "b"])
def test_departing_a_person_needs_manage_rights_on_their_unit(world, persona, side):
    person = world.person_a if side == "a" else world.person_b
    sees, may = (SEES_A, MANAGES_PEOPLE_A) if side == "a" else (SEES_B, MANAGES_PEOPLE_B)
    response = world.client(persona).post(
        reverse("orgs:person_depart", args=[person.pk]), {"left_on": "2026-01-05"}
    )
    person.refresh_from_db()
    if expected(persona, sees, may) == 200:
        assert response.status_code == 302
        assert person.left_on is not None
    else:
        assert response.status_code == expected(persona, sees, may)
        assert person.left_on is None


def test_a_unit_head_cannot_change_a_person_of_another_unit_by_posting(world):
    response = world.client("head_a").post(
        reverse("orgs:person_edit", args=[world.person_b.pk]),
        {"code": "NSB01", "full_name": "Đổi tên", "organisation": world.unit_b.pk},
    )
    assert response.status_code == 404
    world.person_b.refresh_from_db()
    assert world.person_b.full_name == "Lê Văn Cường"


def test_a_unit_head_cannot_move_their_person_into_another_unit(world):
    response = world.client("head_a").post(
        reverse("orgs:person_edit", args=[world.person_a.pk]),
        {
            "code": "NSA01",
            "full_name": "Nguyễn Văn An",
            "organisation": world.unit_b.pk,
            "employment_category": "cong_chuc",
        },
    )
    assert response.status_code == 200
    assert "không có trong phạm vi" in response.content.decode()
    world.person_a.refresh_from_db()
    assert world.person_a.organisation == world.unit_a


def test_leadership_is_read_only_even_when_posting(world):
    response = world.client("leader").post(
        reverse("orgs:organisation_edit", args=[world.unit_a.pk]),
        {"name": "Tên mới", "code": "PA", "kind": "unit", "is_active": "on"},
    )
    assert response.status_code == 403
    world.unit_a.refresh_from_db()
    assert world.unit_a.name == "Phòng A"


def test_staff_see_their_own_profile_and_unit_but_cannot_edit_it(world):
    client = world.client("staff_a")
    assert client.get(reverse("orgs:person_detail", args=[world.person_a.pk])).status_code == 200
    assert client.get(reverse("orgs:person_edit", args=[world.person_a.pk])).status_code == 403


def test_a_user_whose_profile_lies_outside_their_grants_still_sees_it(world):
    world.person_b.user = world.user("head_a")
    world.person_b.save()
    response = world.client("head_a").get(reverse("orgs:person_detail", args=[world.person_b.pk]))
    assert response.status_code == 200


def test_anonymous_visitors_are_sent_to_the_sign_in_page(world):
    response = world.client(None).get(reverse("orgs:person_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("access:login"))


def test_the_audit_log_of_a_coordinator_is_limited_to_their_subtree(world):
    from ungxu.core.testing import make_org

    other_root = make_org("Sở Khác", "SK", kind="department")
    make_org("Phòng Bí mật", "SK-1", other_root)
    page = world.client("coordinator").get(reverse("audit:list")).content.decode()
    assert "Phòng A" in page
    assert "Phòng Bí mật" not in page
