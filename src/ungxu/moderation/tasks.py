"""Background work of the moderation app (django-tasks; the backend comes from settings)."""

from __future__ import annotations

from typing import Any, cast

from django.db import connection, transaction
from django.db.models import F, Field
from django.utils import timezone
from django_tasks import task

from ungxu.audit.context import audit_context
from ungxu.moderation_connectors import IncomingItem
from ungxu.screening import screen

from . import ingest
from .deadlines import due_for
from .models import ImportBatch, InboxItem, VerdictChoice, join_categories
from .screening import active_model, policy_for, priority_of

# Items screened and saved per step: larger chunks amortise the fetch and the UPDATE; the batch's
# progress moves once per chunk.
SCREEN_CHUNK = 2000
SAVE_CHUNK = 1000  # rows per UPDATE … FROM (VALUES …): 8 parameters each, far below 65,535


def screen_items(items: list[InboxItem]) -> None:
    """Screen and save a list of items of one organisation (policy built once per list)."""
    if not items:
        return
    policy = policy_for(items[0].organisation)
    model = active_model()
    for item in items:
        verdict = screen(item.text, policy, model=model)
        item.verdict = verdict.verdict
        item.categories = join_categories(list(verdict.categories))
        item.result = verdict.to_dict()
        item.engine_versions = dict(verdict.versions)
        if verdict.verdict == "block":
            item.needs_reply = False  # a violation is handled, not answered
        item.due_at = due_for(item.created_at) if item.needs_reply else None
        item.priority = priority_of(verdict, item.needs_reply)
    save_screening(items)


SCREENED_FIELDS = (
    "verdict",
    "categories",
    "result",
    "engine_versions",
    "needs_reply",
    "due_at",
    "priority",
)


def save_screening(items: list[InboxItem]) -> None:
    """Write the screened fields of `items` back. Django's bulk_update builds a CASE per field per
    row and took 2/3 of the import time; on PostgreSQL one `UPDATE … FROM (VALUES …)` per chunk
    does it in a single statement, elsewhere one parameterised UPDATE run with executemany."""
    if not items:
        return
    fields = [cast(Field[Any, Any], InboxItem._meta.get_field(name)) for name in SCREENED_FIELDS]
    quote = connection.ops.quote_name
    table = quote(InboxItem._meta.db_table)
    rows = [
        [f.get_db_prep_save(getattr(item, f.attname), connection) for f in fields] + [item.pk]
        for item in items
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for start in range(0, len(rows), SAVE_CHUNK):
                cursor.execute(*_values_update(table, fields, rows[start : start + SAVE_CHUNK]))
        else:
            assignments = ", ".join(f"{quote(str(f.column))} = %s" for f in fields)
            sql = f"UPDATE {table} SET {assignments} WHERE {quote('id')} = %s"
            cursor.executemany(sql, rows)


def _values_update(
    table: str, fields: list[Field[Any, Any]], rows: list[list[Any]]
) -> tuple[str, list[Any]]:
    """`UPDATE table SET f = v.f … FROM (VALUES (…), …) AS v WHERE table.id = v.id`; every
    placeholder carries its column's type so NULLs and JSON need no guessing by the server."""
    quote = connection.ops.quote_name
    casts = [str(f.db_type(connection)) for f in fields] + ["bigint"]
    row_sql = "(" + ", ".join(f"%s::{c}" for c in casts) + ")"
    names = [quote(str(f.column)) for f in fields] + [quote("id")]
    assignments = ", ".join(f"{n} = v.{n}" for n in names[:-1])
    sql = (
        f"UPDATE {table} SET {assignments} FROM (VALUES {', '.join([row_sql] * len(rows))}) "
        f"AS v ({', '.join(names)}) WHERE {table}.{quote('id')} = v.{quote('id')}"
    )
    return sql, [value for row in rows for value in row]


def run_import(batch_id: int, incoming: list[IncomingItem] | None = None) -> str:
    """Insert and screen a batch: the stored file's items, or `incoming` (fetched from an API)."""
    batch = ImportBatch.objects.select_related("organisation").get(pk=batch_id)
    with audit_context(user=batch.created_by, ip=None, source="import"):
        batch.state = ImportBatch.State.RUNNING
        batch.save(update_fields=["state"])
        try:
            if incoming is None:
                data = (ingest.storage_dir() / f"{batch.pk}.bin").read_bytes()
                incoming = ingest.parse(batch.fmt, data).items
            inserted: list[InboxItem] = []
            ingest.insert_new(batch, incoming, inserted)
            del incoming
            for start in range(0, len(inserted), SCREEN_CHUNK):
                chunk = inserted[start : start + SCREEN_CHUNK]
                screen_items(chunk)
                ImportBatch.objects.filter(pk=batch.pk).update(screened=F("screened") + len(chunk))
            del inserted
            # Items whose ids the insert could not return (a conflict with a concurrent import,
            # a database without RETURNING) are read back and screened here.
            pending = InboxItem.objects.filter(batch=batch, verdict=VerdictChoice.PENDING)
            while True:
                chunk = list(pending.select_related("organisation").order_by("id")[:SCREEN_CHUNK])
                if not chunk:
                    break
                screen_items(chunk)
                ImportBatch.objects.filter(pk=batch.pk).update(screened=F("screened") + len(chunk))
        except Exception as exc:
            batch.state = ImportBatch.State.FAILED
            batch.message = f"Lỗi khi xử lý: {exc}"
            batch.finished_at = timezone.now()
            batch.save(update_fields=["state", "message", "finished_at"])
            raise
        batch.refresh_from_db()
        batch.state = ImportBatch.State.DONE
        batch.finished_at = timezone.now()
        batch.save(update_fields=["state", "finished_at"])
    return f"{batch.total} mục mới, {batch.duplicates} mục trùng"


@task()
def process_import(batch_id: int) -> str:
    return run_import(batch_id)


@task()
def retrain(user_id: int | None = None) -> str:
    from .learning import retrain_now

    return retrain_now(user_id)


@task()
def deadline_alerts() -> str:
    from .alerts import send_deadline_alerts

    result = send_deadline_alerts()
    return f"{result['overdue']} quá hạn, {result['soon']} sắp đến hạn, {result['mails']} thư"


@task()
def fetch_sources() -> str:
    from .fetching import fetch_all

    return fetch_all()
