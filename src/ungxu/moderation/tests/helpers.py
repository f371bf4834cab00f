"""Small builders shared by the moderation tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ungxu.imports.testing import run_pending_tasks
from ungxu.moderation import ingest
from ungxu.moderation.models import ImportBatch, InboxItem
from ungxu.moderation.tasks import screen_items

SAMPLES = Path(__file__).resolve().parents[2] / "moderation_connectors" / "samples"
VN = dt.timezone(dt.timedelta(hours=7))


def make_item(org: Any, text: str, *, pid: str | None = None, **extra: Any) -> InboxItem:
    from ungxu.moderation.screening import looks_like_question

    extra.setdefault("created_at", dt.datetime(2026, 1, 5, 9, 0, tzinfo=VN))
    item = InboxItem.objects.create(
        organisation=org,
        account_key="page-1",
        account_name="Trang Sở",
        platform="facebook",
        platform_id=pid or f"p-{InboxItem.objects.count() + 1}",
        text=text,
        needs_reply=looks_like_question(text, extra.get("kind", "comment")),
        **extra,
    )
    screen_items([item])
    item.refresh_from_db()
    return item


def import_sample(org: Any, user: Any, name: str, account: str = "Trang Sở") -> ImportBatch:
    data = (SAMPLES / name).read_bytes()
    with committed():
        batch = ingest.start_import(
            organisation=org, account_name=account, file_name=name, data=data, fmt="auto", user=user
        )
    return batch


def committed() -> Any:
    """Run on-commit callbacks (the task enqueue) at the end of the block, as a commit would."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def run_tasks() -> int:
    return run_pending_tasks()
