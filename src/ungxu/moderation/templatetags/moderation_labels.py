"""Display names for the platform codes stored on inbox items.

The code is kept as received (connectors and CSV rows write `facebook`, `export`…); pages show a
Vietnamese name instead of the raw code. An unknown code (a CSV may name any platform) is shown
as written.
"""

from __future__ import annotations

from django import template

register = template.Library()

PLATFORM_LABELS = {
    "facebook": "Facebook",
    "youtube": "YouTube",
    "zalo": "Zalo",
    "tiktok": "TikTok",
    "export": "Tệp xuất dữ liệu",
    "draft": "Bài nháp gửi xem xét",
}


@register.filter
def platform_label(code: str) -> str:
    return PLATFORM_LABELS.get((code or "").lower(), code)
