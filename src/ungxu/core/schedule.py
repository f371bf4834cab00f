"""Periodic jobs: a registry that apps fill, and a loop that enqueues each due slot exactly once.

An app declares its jobs in a `schedule.py` module of its own (found at start-up, like
`admin.py`):

    import datetime as dt
    from ungxu.core.schedule import register
    from ungxu.myapp.tasks import refresh

    register("myapp.refresh", refresh, every=dt.timedelta(minutes=15))
    register("myapp.digest", digest, daily_at=dt.time(7, 30))   # 07:30 Asia/Ho_Chi_Minh

A job is due at its *slots*: every `every` from local midnight (the interval must divide a day),
or once a day at `daily_at`, both in Asia/Ho_Chi_Minh. Each tick the loop takes every job's
latest slot not after now and claims it by inserting a `ScheduledRun(job, slot)` row under a
unique constraint; only the scheduler whose insert succeeded enqueues the task, inside the same
transaction. So two schedulers, a restart or a tick repeated within the slot never enqueue a slot
twice, and a failed enqueue rolls its claim back to be retried on the next tick. After downtime
only the latest missed slot runs (once), not every slot missed: tasks must be idempotent anyway.
(With the RQ backend the enqueue goes to Redis, outside the database transaction: a crash between
the two could enqueue a slot again, never lose it.)
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import signal
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import FrameType
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

SCHEDULE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = dt.timedelta(days=1)
TICK_SECONDS = 30
KEEP_RUNS = dt.timedelta(days=90)  # claim rows older than this are pruned

log = logging.getLogger("ungxu.schedule")


@dataclass(frozen=True)
class Job:
    """A periodic job: enqueue `task` (a django-tasks Task) with `kwargs` at each slot."""

    name: str
    task: Any  # django_tasks.base.Task; Any because Task is generic over the function's type
    every: dt.timedelta | None = None
    daily_at: dt.time | None = None
    kwargs: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if (self.every is None) == (self.daily_at is None):
            raise ValueError(f"Job {self.name!r}: give exactly one of `every` or `daily_at`.")
        if self.every is not None:
            seconds = self.every.total_seconds()
            if seconds < 60 or DAY.total_seconds() % seconds:
                raise ValueError(
                    f"Job {self.name!r}: `every` must be at least a minute and divide a day "
                    f"evenly (got {self.every})."
                )
        if self.daily_at is not None and self.daily_at.tzinfo is not None:
            raise ValueError(f"Job {self.name!r}: `daily_at` is a local time, without tzinfo.")

    def latest_slot(self, now: dt.datetime) -> dt.datetime:
        """The last instant at or before `now` when this job was due (aware, local zone)."""
        local = now.astimezone(SCHEDULE_TZ)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        if self.every is not None:
            steps = (local - midnight) // self.every
            return midnight + steps * self.every
        assert self.daily_at is not None
        today = dt.datetime.combine(local.date(), self.daily_at, tzinfo=SCHEDULE_TZ)
        return today if today <= local else today - DAY

    def describe(self) -> str:
        if self.every is not None:
            return f"mỗi {int(self.every.total_seconds() // 60)} phút"
        assert self.daily_at is not None
        return f"hằng ngày lúc {self.daily_at:%H:%M}"


_registry: dict[str, Job] = {}


def register(
    name: str,
    task: Any,
    *,
    every: dt.timedelta | None = None,
    daily_at: dt.time | None = None,
    kwargs: Mapping[str, Any] | None = None,
) -> Job:
    """Declare a periodic job (call from an app's `schedule.py`). Registering the same name again
    with the same definition is a no-op; with a different one it is an error."""
    job = Job(name, task, every=every, daily_at=daily_at, kwargs=dict(kwargs or {}))
    existing = _registry.get(name)
    if existing is not None and existing != job:
        raise ValueError(f"A different periodic job is already registered as {name!r}.")
    _registry[name] = job
    return job


def autodiscover() -> None:
    """Import `<app>.schedule` for every installed app that has one."""
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "schedule"):
            importlib.import_module(f"{config.name}.schedule")


def registered_jobs() -> list[Job]:
    autodiscover()
    return sorted(_registry.values(), key=lambda job: job.name)


@dataclass(frozen=True)
class Enqueued:
    job: str
    slot: dt.datetime
    task_id: str


def tick(now: dt.datetime | None = None, jobs: Iterable[Job] | None = None) -> list[Enqueued]:
    """Claim and enqueue every due slot not yet claimed; returns what this call enqueued.

    One failing job (a broken import, the queue down) is logged and retried next tick; it never
    stops the others."""
    from ungxu.core.models import ScheduledRun

    now = now or timezone.now()
    done: list[Enqueued] = []
    for job in registered_jobs() if jobs is None else jobs:
        slot = job.latest_slot(now)
        try:
            with transaction.atomic():
                try:
                    with transaction.atomic():
                        run = ScheduledRun.objects.create(job=job.name, slot=slot)
                except IntegrityError:
                    continue  # another scheduler, or an earlier tick, has this slot
                result = job.task.enqueue(**job.kwargs)
                run.task_id = str(result.id)[:64]
                run.save(update_fields=["task_id"])
        except Exception:
            log.exception("Không đưa được công việc định kỳ %s vào hàng đợi", job.name)
            continue
        log.info("Đã đưa %s (lượt %s) vào hàng đợi: %s", job.name, slot.isoformat(), run.task_id)
        done.append(Enqueued(job.name, slot, run.task_id))
    if done:
        ScheduledRun.objects.filter(slot__lt=now - KEEP_RUNS).delete()
    return done


def run_forever(
    interval: float = TICK_SECONDS,
    *,
    max_ticks: int | None = None,
    on_tick: Callable[[], None] | None = None,
) -> int:
    """The scheduler process: tick every `interval` seconds until SIGINT/SIGTERM (or `max_ticks`).
    `on_tick` runs before each tick (the heartbeat for /healthz). Returns the ticks done."""
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    ticks = 0
    try:
        jobs = registered_jobs()
        log.info("Lịch chạy định kỳ: %s", ", ".join(f"{j.name} ({j.describe()})" for j in jobs))
        while not stopping and (max_ticks is None or ticks < max_ticks):
            if on_tick is not None:
                on_tick()
            # A database restart between ticks leaves a dead connection behind; drop it (never
            # inside a transaction, where "closing" would break the caller's work, e.g. a test).
            if not connection.in_atomic_block:
                close_old_connections()
            try:
                tick(jobs=jobs)
            except Exception:  # the database itself is down: keep the process, retry later
                log.exception("Lượt kiểm tra lịch chạy định kỳ thất bại")
            ticks += 1
            deadline = time.monotonic() + interval
            while not stopping and (max_ticks is None or ticks < max_ticks):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                time.sleep(min(remaining, 0.5))
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return ticks
