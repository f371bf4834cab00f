"""Reusable test world: a small organisation tree and one named persona per role.

Later apps copy this pattern: build the world once per test through the `world` fixture
(`src/ungxu/conftest.py`), then log in as a persona with `world.client(name)`.

Tree (codes in brackets):
    Sở Thử nghiệm [SO]            admin, coordinator, leader
    ├── Phòng A [PA]              head_a, moderator_a, staff_a
    │   └── Tổ A1 [PA-1]
    └── Phòng B [PB]              head_b
`stranger` has a login but no role at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client

from ungxu.orgs.models import EmploymentCategory, Organisation, Person, Role, RoleGrant

PASSWORD = "mat-khau-thu-nghiem-9"

# persona name -> (role, organisation code); None = no grant
PERSONAS: dict[str, tuple[str, str] | None] = {
    "admin": (Role.ADMIN, "SO"),
    "coordinator": (Role.COORDINATOR, "SO"),
    "leader": (Role.LEADERSHIP, "SO"),
    "head_a": (Role.UNIT_HEAD, "PA"),
    "head_b": (Role.UNIT_HEAD, "PB"),
    "moderator_a": (Role.MODERATOR, "PA"),
    "staff_a": (Role.STAFF, "PA"),
    "stranger": None,
}


@dataclass
class World:
    root: Organisation
    unit_a: Organisation
    subunit_a1: Organisation
    unit_b: Organisation
    person_a: Person
    person_a1: Person
    person_b: Person
    users: dict[str, Any] = field(default_factory=dict)

    def user(self, name: str) -> Any:
        return self.users[name]

    def client(self, name: str | None) -> Client:
        """A test client signed in as the persona (anonymous for None)."""
        client = Client()
        if name is not None:
            client.force_login(self.users[name])
        return client

    def org(self, code: str) -> Organisation:
        return {o.code: o for o in (self.root, self.unit_a, self.subunit_a1, self.unit_b)}[code]


def make_org(
    name: str, code: str, parent: Organisation | None = None, kind: str = "unit"
) -> Organisation:
    return Organisation.objects.create(name=name, code=code, parent=parent, kind=kind)


def make_person(code: str, full_name: str, organisation: Organisation, **extra: Any) -> Person:
    extra.setdefault("employment_category", EmploymentCategory.CONG_CHUC)
    extra.setdefault("email", f"{code.lower()}@example.gov.vn")
    return Person.objects.create(code=code, full_name=full_name, organisation=organisation, **extra)


def make_user(
    username: str,
    *,
    role: str | None = None,
    organisation: Organisation | None = None,
    **extra: Any,
) -> Any:
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if role is not None and organisation is not None:
        RoleGrant.objects.create(user=user, role=role, organisation=organisation)
    return user


def build_world() -> World:
    root = make_org("Sở Thử nghiệm", "SO", kind="department")
    unit_a = make_org("Phòng A", "PA", root)
    subunit_a1 = make_org("Tổ A1", "PA-1", unit_a, kind="subunit")
    unit_b = make_org("Phòng B", "PB", root)
    world = World(
        root=root,
        unit_a=unit_a,
        subunit_a1=subunit_a1,
        unit_b=unit_b,
        person_a=make_person("NSA01", "Nguyễn Văn An", unit_a, phone="0912345678"),
        person_a1=make_person("NSA11", "Trần Thị Bình", subunit_a1),
        person_b=make_person("NSB01", "Lê Văn Cường", unit_b),
    )
    for name, grant in PERSONAS.items():
        if grant is None:
            world.users[name] = make_user(name)
        else:
            role, code = grant
            world.users[name] = make_user(name, role=role, organisation=world.org(code))
    # staff_a is also a person on the books, so "own profile" has something to show.
    world.person_a.user = world.users["staff_a"]
    world.person_a.save()
    return world
