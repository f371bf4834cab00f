"""Progress of a running import, readable while its transaction is still open.

The commit is one transaction, so progress written to the ImportJob row would stay invisible
until the end (and on SQLite the writer holds the only write lock). Progress therefore goes
through a side channel shared by the web process and the worker: a small file in the data
directory with the database backend (worker and web share the machine), Redis with the RQ
backend (workers may run elsewhere).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from django.conf import settings

_TTL_SECONDS = 24 * 60 * 60


def _uses_redis() -> bool:
    return getattr(settings, "TASKS_BACKEND_NAME", "database") == "rq"


def _file(job_id: int) -> Path:
    return Path(settings.DATA_DIR) / "imports" / "progress" / f"{job_id}.json"


def _key(job_id: int) -> str:
    return f"ungxu:import-progress:{job_id}"


def write_progress(job_id: int, done: int, total: int) -> None:
    payload = json.dumps({"done": done, "total": total})
    if _uses_redis():
        import django_rq

        django_rq.get_connection("default").set(_key(job_id), payload, ex=_TTL_SECONDS)
        return
    path = _file(job_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename, so a reader never sees half a file.
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(payload)
    Path(tmp).replace(path)


def read_progress(job_id: int) -> tuple[int, int] | None:
    try:
        if _uses_redis():
            import django_rq

            raw = django_rq.get_connection("default").get(_key(job_id))
            if raw is None:
                return None
        else:
            raw = _file(job_id).read_text(encoding="utf-8")
        data = json.loads(raw)
        return int(data["done"]), int(data["total"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def clear_progress(job_id: int) -> None:
    if _uses_redis():
        import django_rq

        django_rq.get_connection("default").delete(_key(job_id))
        return
    _file(job_id).unlink(missing_ok=True)
