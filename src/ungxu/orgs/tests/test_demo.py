"""Demo data: the department's tree, ~300 staff, one login per role; loading twice is harmless."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model

from ungxu.core.scoping import visible_organisations
from ungxu.orgs.demo import DEFAULT_DEMO_PASSWORD, demo_people, load_demo
from ungxu.orgs.models import Organisation, Person, Role


def test_demo_people_are_the_same_every_time() -> None:
    assert demo_people(20) == demo_people(20)
    names = {p["full_name"] for p in demo_people(300)}
    assert len(names) > 200  # plausible variety, not one name repeated


@pytest.mark.django_db
def test_loading_twice_creates_everything_once(monkeypatch: Any) -> None:
    monkeypatch.delenv("UNGXU_DEMO_PASSWORD", raising=False)
    first = load_demo(people=60)
    again = load_demo(people=60)
    assert again.created == 0
    assert (first.organisations, first.people) == (again.organisations, again.people) == (16, 60)
    snn = Organisation.objects.get(code="SNN")
    assert snn.parent.name == "Tỉnh Ninh Bình"
    assert Organisation.objects.get(code="SNN-KL-NQ").path.startswith(snn.path)
    assert [row[0] for row in again.logins] == [Role(r).label for r in Role.values]


@pytest.mark.django_db
def test_each_demo_login_signs_in_and_sees_its_scope(monkeypatch: Any) -> None:
    monkeypatch.setenv("UNGXU_DEMO_PASSWORD", "mat-khau-rieng-123")
    result = load_demo(people=40)
    assert {row[2] for row in result.logins} == {"mat-khau-rieng-123"}
    head = get_user_model().objects.get(username="truongdonvi")
    assert head.check_password("mat-khau-rieng-123")
    assert sorted(visible_organisations(head).values_list("code", flat=True)) == [
        "SNN-KL",
        "SNN-KL-NQ",
        "SNN-KL-TD",
    ]
    assert Person.objects.get(user__username="canbo").organisation.code == "SNN-KL-NQ"
    assert (
        not get_user_model().objects.get(username="quantri").check_password(DEFAULT_DEMO_PASSWORD)
    )
