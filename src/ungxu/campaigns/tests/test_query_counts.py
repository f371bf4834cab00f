"""The progress page, export and task list stay at a fixed number of queries as people grow."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ungxu.campaigns import audience
from ungxu.core.testing import make_person


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_progress_page_and_export_do_not_grow_with_the_audience(world, campaign):
    client = world.client("coordinator")
    detail = reverse("campaigns:detail", args=[campaign.pk])
    export = reverse("campaigns:export", args=[campaign.pk])
    before = (count_queries(client, detail), count_queries(client, export))
    for i in range(40):
        make_person(f"NSQ{i:03d}", f"Người {i}", world.subunit_a1 if i % 2 else world.unit_b)
    audience.resolve(campaign)
    after = (count_queries(client, detail), count_queries(client, export))
    assert after == before
