"""Every persona against every moderation view (copied shape of orgs' permission matrix).

200 = allowed, 403 = may see the unit but not moderate it, 404 = may not even see it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ungxu.core.testing import PERSONAS

from .helpers import make_item

SEES_A = {"admin", "coordinator", "leader", "head_a", "moderator_a", "staff_a"}
MODERATES_A = {"admin", "coordinator", "head_a", "moderator_a"}
MODERATES_ANY = MODERATES_A | {"head_b"}


def expected(persona: str, sees: set[str], may: set[str]) -> int:
    if persona not in sees:
        return 404
    return 200 if persona in may else 403


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_item_pages_answer_by_the_capability_table(world, persona):
    item = make_item(world.unit_a, "Cho hỏi lịch tiêm phòng?")
    client = world.client(persona)
    response = client.get(reverse("moderation:item", args=[item.pk]))
    assert response.status_code == expected(persona, SEES_A, MODERATES_A)
    response = client.post(reverse("moderation:item_note", args=[item.pk]), {"text": "x"})
    assert response.status_code == (
        302 if persona in MODERATES_A else expected(persona, SEES_A, MODERATES_A)
    )


@pytest.mark.parametrize("persona", list(PERSONAS))
@pytest.mark.parametrize(
    ("view", "allowed"),
    [
        ("moderation:inbox", MODERATES_ANY),
        ("moderation:upload", MODERATES_ANY),
        ("moderation:rules", MODERATES_ANY),
        ("moderation:stats", MODERATES_ANY),
        ("moderation:stats_xlsx", MODERATES_ANY),
        ("moderation:models", {"admin"}),
        ("moderation:checker", set(PERSONAS)),
    ],
)
def test_pages_without_an_object_are_refused_without_the_capability(world, persona, view, allowed):
    response = world.client(persona).get(reverse(view))
    assert response.status_code == (200 if persona in allowed else 403)


@pytest.mark.parametrize("persona", sorted(MODERATES_ANY))
def test_the_inbox_lists_only_items_of_units_the_persona_moderates(world, persona):
    a = make_item(world.unit_a, "Cảm ơn Sở.")
    b = make_item(world.unit_b, "Rất hữu ích.")
    response = world.client(persona).get(reverse("moderation:inbox"))
    shown = {i.pk for i in response.context["items"]}
    assert (a.pk in shown) == (persona in MODERATES_A)
    assert (b.pk in shown) == (persona in {"admin", "coordinator", "head_b"})


def test_the_inbox_list_query_count_does_not_grow_with_items(world):
    client = world.client("moderator_a")
    make_item(world.unit_a, "Cảm ơn Sở.")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("moderation:inbox"))
    for n in range(10):
        make_item(world.unit_a, f"Cảm ơn Sở lần {n}.", assignee=world.user("moderator_a"))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("moderation:inbox"))
    assert len(many) == len(few)
