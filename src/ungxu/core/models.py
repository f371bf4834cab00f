"""Shared models. Only the scheduler's claim table lives here: each periodic slot is enqueued
once because its (job, slot) row can be inserted once."""

from __future__ import annotations

from django.db import models


class ScheduledRun(models.Model):
    """One slot of one periodic job, claimed by the scheduler that enqueued it."""

    job = models.CharField("công việc", max_length=100)
    slot = models.DateTimeField("lượt theo lịch")
    claimed_at = models.DateTimeField("thời điểm đưa vào hàng đợi", auto_now_add=True)
    task_id = models.CharField("mã tác vụ", max_length=64, blank=True)

    class Meta:
        verbose_name = "lượt chạy theo lịch"
        verbose_name_plural = "lượt chạy theo lịch"
        ordering = ["-slot", "job"]
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="core_scheduledrun_once_per_slot")
        ]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot.isoformat()}"
