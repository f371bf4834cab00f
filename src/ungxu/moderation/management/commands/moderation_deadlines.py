from typing import Any

from django.core.management.base import BaseCommand

from ungxu.audit.context import audit_context
from ungxu.moderation.alerts import send_deadline_alerts


class Command(BaseCommand):
    help = "Gửi thư nhắc hạn trả lời (sắp đến hạn, quá hạn) cho quản trị viên trang."

    def handle(self, *args: Any, **options: Any) -> None:
        with audit_context(user=None, ip=None, source="cli"):
            result = send_deadline_alerts()
        self.stdout.write(
            f"Quá hạn: {result['overdue']}, sắp đến hạn: {result['soon']}, "
            f"đã gửi {result['mails']} thư."
        )
