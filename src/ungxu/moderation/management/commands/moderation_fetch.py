from typing import Any

from django.core.management.base import BaseCommand

from ungxu.moderation.fetching import fetch_all


class Command(BaseCommand):
    help = "Lấy bình luận, tin nhắn mới từ các nguồn đã cấu hình (Facebook, YouTube, Zalo)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(fetch_all())
