"""Scheduled fetch of comments and messages from the platforms' APIs.

All outside calls go through the connectors' one `HttpTransport` (production: `UrllibTransport`;
tests: `MemoryTransport` with recorded payloads). A missing or rejected credential, a quota or a
network problem is recorded on the source as a status with a Vietnamese message, never a crash.
Run by `ungxu manage moderation_fetch` (cron) or the `fetch_sources` task.
"""

from __future__ import annotations

import os

from django.utils import timezone

from ungxu.audit.context import audit_context
from ungxu.moderation_connectors import (
    FetchResult,
    HttpTransport,
    UrllibTransport,
    fetch_facebook_page,
    fetch_youtube_comments,
    fetch_zalo_messages,
)

from .models import FetchSource, ImportBatch


def call(source: FetchSource, transport: HttpTransport) -> FetchResult:
    secret = os.environ.get(source.credential_env, "") if source.credential_env else ""
    if source.platform == FetchSource.Platform.FACEBOOK:
        since = source.last_run_at if source.last_status == "ok" else None
        return fetch_facebook_page(
            transport, page_id=source.target, access_token=secret, since=since
        )
    if source.platform == FetchSource.Platform.YOUTUBE:
        is_channel = source.target.startswith("UC")
        return fetch_youtube_comments(
            transport,
            api_key=secret,
            video_id=None if is_channel else source.target,
            channel_id=source.target if is_channel else None,
        )
    return fetch_zalo_messages(transport, access_token=secret, oa_id=source.target or None)


def fetch_one(source: FetchSource, transport: HttpTransport | None = None) -> FetchResult:
    from .tasks import run_import

    started = timezone.now()
    result = call(source, transport or UrllibTransport())
    with audit_context(user=None, ip=None, source="task"):
        if result.items:
            batch = ImportBatch.objects.create(
                organisation=source.organisation,
                account_name=source.account_name,
                file_name=f"Lấy tự động {source.get_platform_display()} {source.target}"[:255],
                fmt=f"fetch:{source.platform}",
                total=len(result.items),
                message="\n".join(result.warnings[:20]),
            )
            run_import(batch.pk, result.items)
        source.last_run_at = started
        source.last_status = result.status.value
        source.last_message = result.message
        source.last_count = len(result.items)
        source.save()
    return result


def fetch_all(transport: HttpTransport | None = None) -> str:
    lines = []
    for source in FetchSource.objects.filter(is_active=True).select_related("organisation"):
        result = fetch_one(source, transport)
        lines.append(f"{source}: {result.message}")
    return "\n".join(lines) or "Chưa cấu hình nguồn lấy tự động nào."
