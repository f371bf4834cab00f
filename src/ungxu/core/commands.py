"""A base for management commands that queue a background task, or run it now with --now.

Both `campaign_reminders` and `socials_daily` follow this shape; the base keeps the flag, the
audit context of a CLI run and the queued message in one place."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ungxu.audit.context import audit_context


class QueueOrRunCommand(BaseCommand):
    """Subclasses say how to run the job now (returning the summary line) and how to queue it."""

    # Vietnamese description of the queued job, e.g. "việc gửi thư nhắc".
    job_label = ""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Chạy ngay thay vì đưa vào hàng đợi."
        )

    def run_now(self) -> str:
        raise NotImplementedError

    def enqueue(self) -> Any:
        raise NotImplementedError

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            with audit_context(user=None, ip=None, source="cli"):
                message = self.run_now()
            self.stdout.write(message)
        else:
            result = self.enqueue()
            self.stdout.write(f"Đã đưa {self.job_label} vào hàng đợi ({result.id}).")
