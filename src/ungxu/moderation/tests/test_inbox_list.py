"""The inbox list stays cheap as it grows: a fixed number of queries, a capped count, and
filters written exactly like the partial indexes' conditions so PostgreSQL can use them."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ungxu.moderation.forms import InboxFilterForm
from ungxu.moderation.models import InboxItem, Status

URL = "moderation:inbox"
# The module, not the view function that `ungxu.moderation.views` re-exports under that name.
inbox_view = importlib.import_module("ungxu.moderation.views.inbox")


def add_items(world: Any, count: int, start: int = 0) -> None:
    """Plain rows, as an import leaves them: verdicts, categories, assignees and deadlines vary."""
    moderator = world.user("moderator_a")
    now = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    InboxItem.objects.bulk_create(
        InboxItem(
            organisation=world.unit_a,
            account_key="page-1",
            account_name="Trang Sở",
            platform="facebook",
            platform_id=f"list-{start + i}",
            text=f"Bình luận số {start + i}",
            verdict=("block", "review", "allow")[i % 3],
            categories=(",fake_news,", ",insult,hate,", "")[i % 3],
            priority=i % 4,
            status=(Status.NEW, Status.IN_PROGRESS, Status.CLOSED)[i % 3],
            assignee=moderator if i % 2 else None,
            needs_reply=i % 5 == 0,
            due_at=now if i % 5 == 0 else None,
            created_at=now - dt.timedelta(minutes=i),
        )
        for i in range(count)
    )


def list_queries(client: Any, query: dict[str, str] | None = None) -> tuple[Any, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse(URL), query or {}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response, len(ctx)


def test_the_list_runs_the_same_number_of_queries_for_three_items_and_for_a_full_page(world):
    client = world.client("moderator_a")
    add_items(world, 3)
    _, few = list_queries(client)
    add_items(world, 60, start=3)
    response, many = list_queries(client)
    assert len(response.context["items"]) == 30
    # Session, user, grants, assignable people, unit ids, accounts, capped count, page rows:
    # no query per row (assignee, unit, categories) and none repeated for the bulk bar.
    assert few == many == 8


def test_the_rows_show_assignee_categories_and_links_without_loading_unused_columns(world):
    add_items(world, 4)
    response, _ = list_queries(world.client("moderator_a"))
    html = response.content.decode()
    item = InboxItem.objects.get(platform_id="list-1")  # assigned, two categories
    row_html = html.split(f'<tr data-item="{item.pk}">', 1)[1].split("</tr>", 1)[0]
    assert f'href="{reverse("moderation:item", args=[item.pk])}"' in row_html
    assert "Xúc phạm, Gây thù hận" in row_html
    assert "moderator_a" in row_html
    row = response.context["items"][0]
    assert "result" in row.get_deferred_fields()


def test_the_count_stops_at_the_cap_and_the_page_says_to_narrow_the_filters(world, monkeypatch):
    monkeypatch.setattr(inbox_view, "COUNT_CAP", 5)
    add_items(world, 9)
    response, _ = list_queries(world.client("moderator_a"))
    assert response.context["page_obj"].paginator.count == 6
    assert "hãy lọc thêm" in response.content.decode()
    response, _ = list_queries(world.client("moderator_a"), {"verdict": "block"})
    assert response.context["page_obj"].paginator.count == 3
    assert "hãy lọc thêm" not in response.content.decode()


def where_clause(queryset: Any) -> str:
    sql = str(queryset.query)
    return sql.split(" WHERE ", 1)[1].split(" ORDER BY ", 1)[0]


@pytest.mark.parametrize("index_name", ["moderation_item_open_org", "moderation_ocat_fake_news"])
def test_the_filters_repeat_the_partial_index_conditions_word_for_word(world, index_name):
    """PostgreSQL uses a partial index only when it can prove the query implies the index's
    condition; a filter spelled differently (another IN order, an OR of two statuses) silently
    falls back to sorting every open item of the unit."""
    index = next(i for i in InboxItem._meta.indexes if i.name == index_name)
    condition = where_clause(InboxItem.objects.filter(index.condition))
    form = InboxFilterForm(
        {"status": "open", "category": "fake_news"},
        user=world.user("moderator_a"),
        accounts=[],
    )
    filtered = form.filter(InboxItem.objects.all())
    assert condition in where_clause(filtered)


def test_open_items_are_new_or_in_progress_and_nothing_else(world):
    add_items(world, 9)
    response, _ = list_queries(world.client("moderator_a"), {"status": "open"})
    statuses = {item.status for item in response.context["items"]}
    assert statuses == {Status.NEW, Status.IN_PROGRESS}
    assert response.context["page_obj"].paginator.count == 6


def test_an_account_filter_lists_only_that_accounts_items_in_priority_order(world):
    add_items(world, 6)
    InboxItem.objects.filter(platform_id__in=["list-1", "list-2"]).update(account_name="Trang B")
    from ungxu.moderation.models import ImportBatch

    ImportBatch.objects.create(
        organisation=world.unit_a, account_name="Trang B", file_name="b.csv", fmt="csv"
    )
    response, _ = list_queries(world.client("moderator_a"), {"account": "Trang B"})
    assert [i.platform_id for i in response.context["items"]] == ["list-2", "list-1"]
