"""`ungxu manage campaign_reminders`: queue (or with --now, run) the deadline reminders.

The scheduler (`ungxu scheduler`, started by `ungxu serve`) already queues this hourly; the
command is for running it by hand. Running it twice sends nothing twice."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ungxu.audit.context import audit_context
from ungxu.campaigns import reminders
from ungxu.campaigns.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Gửi thư nhắc các đợt phổ biến sắp đến hạn (không gửi trùng)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Chạy ngay thay vì đưa vào hàng đợi."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            with audit_context(user=None, ip=None, source="cli"):
                summary = asdict(reminders.run_due())
            self.stdout.write(
                "Đã gửi {sent}, bỏ qua {skipped}, lỗi {failed}, đã gửi trước đó {already} "
                "(trong {campaigns} đợt phổ biến).".format(**summary)
            )
        else:
            result = send_due_reminders.enqueue()
            self.stdout.write(f"Đã đưa việc gửi thư nhắc vào hàng đợi ({result.id}).")
