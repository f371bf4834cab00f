"""`ungxu manage socials_daily`: queue (or with --now, run) the daily upkeep of official
accounts — posture recomputation, periodic reviews, reminders. Safe to run twice a day."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ungxu.audit.context import audit_context
from ungxu.socials.tasks import daily_upkeep, run_upkeep


class Command(BaseCommand):
    help = "Đánh giá lại an toàn tài khoản, mở phiên rà soát định kỳ và gửi thư nhắc."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Chạy ngay thay vì đưa vào hàng đợi."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            with audit_context(user=None, ip=None, source="cli"):
                summary = run_upkeep()
            self.stdout.write(
                "Đã đánh giá lại {postures} tài khoản, mở {reviews_opened} phiên rà soát, gửi "
                "{reminders_sent} thư nhắc rà soát, {overdue_step_mails} thư nhắc việc quá hạn của "
                "sự cố.".format(**summary)
            )
        else:
            result = daily_upkeep.enqueue()
            self.stdout.write(f"Đã đưa việc rà soát hằng ngày vào hàng đợi ({result.id}).")
