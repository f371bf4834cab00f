"""`ungxu manage socials_daily`: queue (or with --now, run) the daily upkeep of official
accounts — posture recomputation, periodic reviews, reminders. Safe to run twice a day."""

from __future__ import annotations

from typing import Any

from ungxu.core.commands import QueueOrRunCommand
from ungxu.socials.tasks import daily_upkeep, run_upkeep


class Command(QueueOrRunCommand):
    help = "Đánh giá lại an toàn tài khoản, mở phiên rà soát định kỳ và gửi thư nhắc."
    job_label = "việc rà soát hằng ngày"

    def run_now(self) -> str:
        summary = run_upkeep()
        return (
            "Đã đánh giá lại {postures} tài khoản, mở {reviews_opened} phiên rà soát, gửi "
            "{reminders_sent} thư nhắc rà soát, {overdue_step_mails} thư nhắc việc quá hạn của "
            "sự cố.".format(**summary)
        )

    def enqueue(self) -> Any:
        return daily_upkeep.enqueue()
