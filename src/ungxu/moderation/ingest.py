"""Files of comments and messages → inbox items, de-duplicated on (platform, platform id).

The request parses the file once to refuse a bad one at once with the connectors' Vietnamese
errors; the background task parses it again from the stored copy, inserts the new items in
batches and screens them, updating the batch's progress as it goes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ungxu.audit.models import Action, record
from ungxu.moderation_connectors import (
    ConnectorError,
    IncomingItem,
    ParseResult,
    dedupe,
    parse_csv,
    parse_facebook_feed,
    parse_jsonl,
    parse_youtube_comment_threads,
    parse_zalo_messages,
)
from ungxu.orgs.models import Organisation

from .models import ImportBatch, InboxItem, VerdictChoice
from .screening import looks_like_question

FORMATS = {
    "auto": "Tự nhận dạng",
    "csv": "CSV",
    "jsonl": "JSON Lines",
    "facebook": "Facebook Graph API (bảng tin trang)",
    "youtube": "YouTube Data API (commentThreads)",
    "zalo": "Zalo OA API (tin nhắn)",
}
CHUNK = 1000


def detect_format(name: str, data: bytes) -> str:
    lower = name.lower()
    if lower.endswith(".csv") or lower.endswith(".tsv"):
        return "csv"
    if lower.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    try:
        payload = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ConnectorError(
            f"Không nhận ra định dạng tệp «{name}»: cần CSV, JSONL hoặc JSON của Facebook, "
            "YouTube, Zalo."
        ) from None
    if isinstance(payload, dict):
        if str(payload.get("kind", "")).startswith("youtube#"):
            return "youtube"
        rows = payload.get("data")
        if isinstance(rows, list) and rows and isinstance(rows[0], dict):
            return "zalo" if "message_id" in rows[0] or "src" in rows[0] else "facebook"
        if "data" in payload:
            return "facebook"
    raise ConnectorError(f"Tệp «{name}» là JSON nhưng không theo định dạng nền tảng nào đã biết.")


def parse(fmt: str, data: bytes) -> ParseResult:
    if fmt == "csv":
        return parse_csv(data)
    if fmt == "jsonl":
        return parse_jsonl(data)
    try:
        payload = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ConnectorError(f"Tệp JSON không hợp lệ: {exc}.") from None
    parsers: dict[str, Callable[[object], ParseResult]] = {
        "facebook": parse_facebook_feed,
        "youtube": parse_youtube_comment_threads,
        "zalo": parse_zalo_messages,
    }
    if fmt not in parsers:
        raise ConnectorError(f"Định dạng «{fmt}» không được hỗ trợ.")
    return parsers[fmt](payload)


def storage_dir() -> Path:
    folder = Path(settings.DATA_DIR) / "moderation_imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def start_import(
    *,
    organisation: Organisation,
    account_name: str,
    file_name: str,
    data: bytes,
    fmt: str,
    user: Any,
) -> ImportBatch:
    """Validate the file now (raises ConnectorError), store it, queue screening."""
    if fmt == "auto":
        fmt = detect_format(file_name, data)
    parsed = parse(fmt, data)
    if not parsed.items:
        raise ConnectorError("Tệp không có bình luận hoặc tin nhắn nào có nội dung.")
    batch = ImportBatch.objects.create(
        organisation=organisation,
        account_name=account_name,
        file_name=file_name[:255],
        fmt=fmt,
        total=len(parsed.items),
        created_by=user,
        message="\n".join(parsed.warnings[:20]),
    )
    (storage_dir() / f"{batch.pk}.bin").write_bytes(data)
    from .tasks import process_import

    transaction.on_commit(lambda: process_import.enqueue(batch.pk))
    return batch


def to_item(incoming: IncomingItem, batch: ImportBatch, now: dt.datetime) -> InboxItem:
    return InboxItem(
        organisation=batch.organisation,
        account_key=(incoming.account_id or batch.account_name)[:200],
        account_name=batch.account_name,
        platform=incoming.platform[:30],
        platform_id=incoming.platform_id[:500],
        kind=incoming.kind,
        thread_id=(incoming.thread_id or "")[:500],
        parent_id=(incoming.parent_id or "")[:500],
        permalink=(incoming.permalink or "")[:2000],
        author_name=incoming.author_name[:500],
        author_id=(incoming.author_id or "")[:500],
        text=incoming.text,
        created_at=incoming.created_at or now,
        received_at=now,
        needs_reply=looks_like_question(incoming.text, incoming.kind),
        verdict=VerdictChoice.PENDING,
        batch=batch,
    )


def insert_new(
    batch: ImportBatch, items: list[IncomingItem], inserted: list[InboxItem] | None = None
) -> int:
    """Insert the items not yet in the inbox; returns how many were new. `inserted` receives the
    new items whose ids the database returned, so the caller can screen them without reading
    them back."""
    now = timezone.now()
    unique = list(dedupe(items))
    created = 0
    for start in range(0, len(unique), CHUNK):
        chunk = unique[start : start + CHUNK]
        existing: set[tuple[str, str]] = set()
        for platform in {i.platform for i in chunk}:
            ids = [i.platform_id for i in chunk if i.platform == platform]
            existing.update(
                (platform, pid)
                for pid in InboxItem.objects.filter(
                    platform=platform, platform_id__in=ids
                ).values_list("platform_id", flat=True)
            )
        fresh = [i for i in chunk if i.dedup_key not in existing]
        new = [to_item(i, batch, now) for i in fresh]
        try:
            with transaction.atomic():
                InboxItem.objects.bulk_create(new, batch_size=CHUNK)
        except IntegrityError:
            # A concurrent import of the same file inserted some of them since the check: it
            # must not fail the batch. The ids are unknown then; the items stay pending and
            # the task screens them after reading them back.
            new = [to_item(i, batch, now) for i in fresh]
            InboxItem.objects.bulk_create(new, batch_size=CHUNK, ignore_conflicts=True)
        else:
            if inserted is not None:
                inserted.extend(item for item in new if item.pk is not None)
        created += len(new)
    batch.duplicates = len(items) - created
    batch.total = created
    batch.save(update_fields=["duplicates", "total"])
    record(
        Action.IMPORT,
        batch,
        organisation=batch.organisation,
        message=f"Nhập {created} mục mới từ «{batch.file_name}», bỏ qua {batch.duplicates} mục trùng.",
    )
    return created
