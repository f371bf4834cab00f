"""Every persona against every socials view: unit A cannot see unit B's accounts, incidents or
evidence (404), may-see-but-not-change is 403, and lists contain only what is visible."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ungxu.core.testing import PERSONAS
from ungxu.socials import evidence
from ungxu.socials.incidents import open_incident
from ungxu.socials.models import IncidentKind
from ungxu.socials.tests.factories import make_account

SEES_A = {"admin", "coordinator", "leader", "head_a", "moderator_a"}
SEES_B = {"admin", "coordinator", "leader", "head_b"}
MANAGES_A = {"admin", "coordinator", "head_a", "moderator_a"}
MANAGES_B = {"admin", "coordinator", "head_b"}
PNG = b"\x89PNG\r\n\x1a\n" + bytes(40)


def expected(persona: str, sees: set[str], may: set[str] | None = None) -> int:
    if persona not in sees:
        return 404
    if may is not None and persona not in may:
        return 403
    return 200


@pytest.fixture
def objects(world, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    made = {}
    for side, org in (("a", world.unit_a), ("b", world.unit_b)):
        account = make_account(
            org, name=f"Phòng {side.upper()}", url=f"https://facebook.com/phong{side}thunghiem"
        )
        incident = open_incident(
            organisation=org, kind=IncidentKind.HIJACK, title=f"Sự cố {side}", account=account
        )
        item = evidence.store(incident, "anh.png", PNG)
        made[side] = {"account": account, "incident": incident, "evidence": item}
    return made


def _args(objects, kind: str, side: str) -> list[object]:
    found = objects[side]
    if kind == "evidence":
        return [found["incident"].pk, found["evidence"].pk]
    if kind == "notice":
        return [found["incident"].pk, "platform_report"]
    return [found[kind].pk]


OBJECT_VIEWS = [
    ("socials:account_detail", "account", None),
    ("socials:account_edit", "account", "manage"),
    ("socials:review", "account", "manage"),
    ("socials:incident_detail", "incident", None),
    ("socials:evidence_pack", "incident", "manage"),
    ("socials:evidence_download", "evidence", "manage"),
    ("socials:notice_edit", "notice", "manage"),
]


@pytest.mark.parametrize("persona", list(PERSONAS))
@pytest.mark.parametrize("side", ["a", "b"])
@pytest.mark.parametrize(("view", "kind", "needs"), OBJECT_VIEWS)
def test_each_persona_gets_exactly_the_access_the_capability_table_gives(
    world, objects, persona, side, view, kind, needs
):
    sees = SEES_A if side == "a" else SEES_B
    may = (MANAGES_A if side == "a" else MANAGES_B) if needs else None
    response = world.client(persona).get(reverse(view, args=_args(objects, kind, side)))
    assert response.status_code == expected(persona, sees, may)


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_posting_a_change_to_another_units_incident_is_answered_404_or_403(world, objects, persona):
    incident = objects["b"]["incident"]
    response = world.client(persona).post(
        reverse("socials:close", args=[incident.pk]),
        {"lessons_learned": "Không được phép đóng hộ đơn vị khác."},
    )
    assert response.status_code == (
        302 if persona in MANAGES_B else expected(persona, SEES_B, MANAGES_B)
    )
    incident.refresh_from_db()
    assert incident.is_open == (persona not in MANAGES_B)


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_lists_show_only_what_the_persona_may_see(world, objects, persona):
    client = world.client(persona)
    index = client.get(reverse("socials:index"))
    incidents = client.get(reverse("socials:incident_list"))
    if persona not in SEES_A | SEES_B:
        assert index.status_code == incidents.status_code == 403
        return
    for side, sees in (("a", SEES_A), ("b", SEES_B)):
        assert (objects[side]["account"].url in index.content.decode()) == (persona in sees)
        assert (f"Sự cố {side}" in incidents.content.decode()) == (persona in sees)


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_the_export_contains_only_visible_accounts(world, objects, persona):
    response = world.client(persona).get(reverse("imports:export", args=["social-accounts", "csv"]))
    if response.status_code != 200:
        assert persona not in SEES_A | SEES_B
        return
    body = response.content.decode("utf-8-sig")
    for side, sees in (("a", SEES_A), ("b", SEES_B)):
        assert (objects[side]["account"].url in body) == (persona in sees)


def test_the_account_list_runs_a_fixed_number_of_queries(
    world, objects, django_assert_max_num_queries
):
    for index in range(10):
        make_account(
            world.unit_a, name=f"Kênh {index}", url=f"https://facebook.com/kenhthunghiem{index}"
        )
    client = world.client("coordinator")
    with django_assert_max_num_queries(14):
        assert client.get(reverse("socials:index")).status_code == 200


def test_leadership_sees_the_incident_but_not_its_evidence_files(world, objects):
    page = world.client("leader").get(
        reverse("socials:incident_detail", args=[objects["a"]["incident"].pk])
    )
    assert page.status_code == 200
    assert "anh.png" not in page.content.decode()
    assert "Chỉ đơn vị xảy ra sự cố và đầu mối điều phối" in page.content.decode()
