"""`GET /healthz`: is the database answering, and is a task worker alive?

Worker liveness, per backend:
- database: `ungxu worker` touches a heartbeat file in the data directory every few seconds
  (worker and web share the machine with this backend). Fresh heartbeat → "ok"; an old one, or
  a task waiting longer than STALE_AFTER with no fresh heartbeat → "stale"; never seen → "unknown".
- rq: RQ workers register themselves in Redis with their own heartbeat; we read those.
The scheduler (`ungxu scheduler`) touches its own heartbeat file each tick; "scheduler" reports it
(ok / stale / unknown) with the last slot it enqueued.
The answer is 200 when the database works (a missing worker degrades, it does not make the web
server unhealthy for a load balancer) and 503 when it does not.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

HEARTBEAT_SECONDS = 10
STALE_AFTER = 60


def heartbeat_file(process: str = "worker") -> Path:
    return Path(settings.DATA_DIR) / f"{process}-heartbeat"


def beat(process: str = "worker") -> None:
    target = heartbeat_file(process)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.touch()


def start_heartbeat() -> threading.Thread:
    """Touch the heartbeat file now and then every HEARTBEAT_SECONDS from a daemon thread."""

    def loop() -> None:
        while True:
            # A full disk must not kill the worker; /healthz will report it stale instead.
            with contextlib.suppress(OSError):
                beat()
            time.sleep(HEARTBEAT_SECONDS)

    thread = threading.Thread(target=loop, name="ungxu-heartbeat", daemon=True)
    thread.start()
    return thread


def database_status() -> dict[str, Any]:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return {"status": "error", "vendor": connection.vendor, "error": type(error).__name__}
    return {
        "status": "ok",
        "vendor": connection.vendor,
        "latency_ms": round((time.perf_counter() - started) * 1000, 2),
    }


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _database_worker() -> dict[str, Any]:
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    last_seen = _last_seen("worker")
    oldest = (
        DBTaskResult.objects.ready()
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)
        .first()
    )
    fresh = last_seen is not None and (now - last_seen).total_seconds() < STALE_AFTER
    if fresh:
        worker = "ok"
    elif last_seen is not None or (oldest and (now - oldest).total_seconds() > STALE_AFTER):
        worker = "stale"
    else:
        worker = "unknown"
    return {
        "worker": worker,
        "last_seen": _iso(last_seen),
        "oldest_pending": _iso(oldest),
        "pending": DBTaskResult.objects.ready().count(),
    }


def _rq_worker() -> dict[str, Any]:
    import django_rq
    from rq import Worker

    try:
        redis = django_rq.get_connection("default")
        workers = Worker.all(connection=redis)
        pending = django_rq.get_queue("default").count
    except Exception as error:
        return {"worker": "unknown", "last_seen": None, "error": type(error).__name__}
    beats = [w.last_heartbeat for w in workers if w.last_heartbeat is not None]
    last_seen = max(beats) if beats else None
    if last_seen is not None and last_seen.tzinfo is None:
        last_seen = last_seen.replace(tzinfo=dt.UTC)
    if last_seen is None:
        worker = "unknown"
    elif (timezone.now() - last_seen).total_seconds() < STALE_AFTER:
        worker = "ok"
    else:
        worker = "stale"
    return {
        "worker": worker,
        "last_seen": _iso(last_seen),
        "workers": len(workers),
        "pending": pending,
    }


def _last_seen(process: str) -> dt.datetime | None:
    with contextlib.suppress(OSError):
        return dt.datetime.fromtimestamp(heartbeat_file(process).stat().st_mtime, tz=dt.UTC)
    return None


def scheduler_status() -> dict[str, Any]:
    from ungxu.core.models import ScheduledRun

    last_seen = _last_seen("scheduler")
    if last_seen is None:
        status = "unknown"
    elif (timezone.now() - last_seen).total_seconds() < STALE_AFTER:
        status = "ok"
    else:
        status = "stale"
    last = ScheduledRun.objects.order_by("-claimed_at").values("job", "slot").first()
    return {
        "status": status,
        "last_seen": _iso(last_seen),
        "last_run": {"job": last["job"], "slot": _iso(last["slot"])} if last else None,
    }


def tasks_status() -> dict[str, Any]:
    backend = getattr(settings, "TASKS_BACKEND_NAME", "database")
    if backend == "database":
        details = _database_worker()
    elif backend == "rq":
        details = _rq_worker()
    else:  # immediate: tasks run inside the request, there is no worker to watch
        details = {"worker": "ok", "last_seen": None}
    return {"backend": backend, **details}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    database = database_status()
    tasks: dict[str, Any]
    scheduler: dict[str, Any] = {"status": "unknown", "last_seen": None, "last_run": None}
    if database["status"] == "ok":
        tasks = tasks_status()
        scheduler = scheduler_status()
    else:
        tasks = {
            "backend": getattr(settings, "TASKS_BACKEND_NAME", ""),
            "worker": "unknown",
            "last_seen": None,
        }
    status = "ok" if database["status"] == "ok" else "error"
    body = {"status": status, "database": database, "tasks": tasks, "scheduler": scheduler}
    return JsonResponse(body, status=200 if status == "ok" else 503)


urlpatterns = [path("healthz", healthz, name="healthz")]
