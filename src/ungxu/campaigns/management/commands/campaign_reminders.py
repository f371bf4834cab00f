"""`ungxu manage campaign_reminders`: queue (or with --now, run) the deadline reminders.

The scheduler (`ungxu scheduler`, started by `ungxu serve`) already queues this hourly; the
command is for running it by hand. Running it twice sends nothing twice."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ungxu.campaigns import reminders
from ungxu.campaigns.tasks import send_due_reminders
from ungxu.core.commands import QueueOrRunCommand


class Command(QueueOrRunCommand):
    help = "Gửi thư nhắc các đợt phổ biến sắp đến hạn (không gửi trùng)."
    job_label = "việc gửi thư nhắc"

    def run_now(self) -> str:
        summary = asdict(reminders.run_due())
        return (
            "Đã gửi {sent}, bỏ qua {skipped}, lỗi {failed}, đã gửi trước đó {already} "
            "(trong {campaigns} đợt phổ biến).".format(**summary)
        )

    def enqueue(self) -> Any:
        return send_due_reminders.enqueue()
