#!/usr/bin/env python
"""Import-and-screen throughput of the moderation inbox (issue 6), per phase.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ungxu_m2 \
        .venv/bin/python bench/bench_inbox_import.py [--items 20000]
    # the issue's size: --items 100000

Creates the database when missing and migrates it, writes N fictional comments (deterministic
short Vietnamese sentences from gen_comments.py) as a CSV, starts an import batch through the
app's own path (`ingest.start_import`, which validates and stores the file) and runs the
background task in-process (`tasks.run_import`). The platform ids carry a per-run tag so every
run inserts N new items; the inbox of earlier runs is emptied first unless --keep. Prints items/s for the parse, insert, screen and save phases and the
total, after checking a sample of saved verdicts against the engine. Numbers only; not a
test.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_comments import comments  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/ungxu_m2"


def ensure_database(url: str) -> None:
    if not url.startswith("postgres"):
        return
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def make_csv(n: int, tag: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "author", "created_at", "text"])
    for i, text in enumerate(comments(n, seed=6)):
        minute = i % (24 * 60)
        writer.writerow(
            [f"{tag}-{i}", f"Người dùng {i % 997}", f"2026-03-01T{minute // 60:02d}:{minute % 60:02d}:00+07:00", text]
        )  # fmt: skip
    return out.getvalue().encode("utf-8")


def timed(totals: dict[str, float], name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[name] += time.perf_counter() - started

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument(
        "--keep", action="store_true", help="keep the inbox of earlier runs (default: empty it)"
    )
    args = parser.parse_args()

    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ungxu.config.settings")
    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    from ungxu.moderation import ingest, tasks
    from ungxu.moderation.models import ImportBatch, InboxItem
    from ungxu.orgs.models import Organisation

    org, _ = Organisation.objects.get_or_create(code="BENCH-IMP", defaults={"name": "Sở thử nhập"})
    users = get_user_model().objects
    user = users.filter(username="bench_import").first() or users.create_user("bench_import")

    if not args.keep:
        # Every run starts from an empty inbox so runs compare; only ever on the bench database.
        assert (
            "bench" in connection.settings_dict["NAME"]
            or connection.settings_dict["NAME"] == "ungxu_m2"
        )
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {InboxItem._meta.db_table}")
            if connection.vendor == "postgresql":
                cursor.execute(f"VACUUM ANALYZE {InboxItem._meta.db_table}")
    tag = f"r{int(time.time())}"
    data = make_csv(args.items, tag)
    print(f"CSDL: {connection.vendor}; {args.items:,} bình luận, {len(data) / 1e6:.1f} MB CSV")

    # Phase timers wrap the functions the task calls; save runs inside screen, so screen's own
    # time is screen_items minus save_screening.
    totals: dict[str, float] = defaultdict(float)
    ingest.parse = timed(totals, "parse", ingest.parse)
    ingest.insert_new = timed(totals, "insert", ingest.insert_new)
    tasks.screen_items = timed(totals, "screen+save", tasks.screen_items)
    tasks.save_screening = timed(totals, "save", tasks.save_screening)

    started = time.perf_counter()
    with transaction.atomic():
        batch = ingest.start_import(
            organisation=org, account_name="Trang thử", file_name="bench.csv", data=data, fmt="csv", user=user
        )  # fmt: skip
        # Drop the queued enqueue: the task runs below, in this process, to be timed.
        connection.run_on_commit = []
    request_s = time.perf_counter() - started
    totals.clear()  # the request's own validation parse is reported separately
    started = time.perf_counter()
    tasks.run_import(batch.pk)
    total_s = time.perf_counter() - started

    batch = ImportBatch.objects.get(pk=batch.pk)
    n = batch.total
    assert n == args.items and batch.screened == n, (batch.total, batch.screened)
    assert not InboxItem.objects.filter(batch=batch, verdict="pending").exists()
    # The saved verdicts are the engine's: re-screen a sample and compare what was written.
    from ungxu.moderation.screening import check

    for item in InboxItem.objects.filter(batch=batch).order_by("?")[:200]:
        verdict = check(item.text, org)
        assert item.verdict == verdict.verdict, (item.pk, item.verdict, verdict.verdict)
        assert item.result == verdict.to_dict(), item.pk
    totals["screen"] = totals.pop("screen+save") - totals["save"]
    print(f"  yêu cầu tải lên (kiểm tra + lưu tệp): {request_s:6.2f} s")
    for phase in ("parse", "insert", "screen", "save"):
        print(f"  {phase:7s} {totals[phase]:6.2f} s  {n / totals[phase]:9,.0f} mục/s")
    print(f"  {'tổng':7s} {total_s:6.2f} s  {n / total_s:9,.0f} mục/s")


if __name__ == "__main__":
    main()
