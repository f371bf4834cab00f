"""Statistics of the inbox: volume by account, category, verdict and day; response and closure
times; deadline breaches; moderator workload. Charts are SVG geometry computed here and drawn by
the template (no script, CSP-safe); the same tables go to the XLSX export."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from .models import CATEGORY_LABELS, Decision, InboxItem, Status, VerdictChoice, split_categories

WIDTH = 400
ROW = 26
LABEL_W = 150


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: str  # SVG numbers as text: the Vietnamese locale would print a decimal comma
    text_y: int
    value_x: str


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    height: int
    label_w: int = LABEL_W


def bar_chart(title: str, rows: list[tuple[str, int]]) -> BarChart:
    track = WIDTH - LABEL_W - 50
    top = max((v for _, v in rows), default=0) or 1
    bars = [
        Bar(
            label=label if len(label) <= 26 else label[:25] + "…",
            value=value,
            y=i * ROW + 6,
            width=f"{track * value / top:.1f}",
            text_y=i * ROW + 19,
            value_x=f"{LABEL_W + 4 + track * value / top:.1f}",
        )
        for i, (label, value) in enumerate(rows)
    ]
    return BarChart(title, bars, max(len(rows), 1) * ROW + 8)


def _hours(delta: dt.timedelta | None) -> float | None:
    return None if delta is None else round(delta.total_seconds() / 3600, 1)


# Told on the page and in the export: the period filter uses the platform's posting time, so an
# old comment imported today is not counted in "the last 7 days".
PERIOD_BASIS = (
    "Khoảng thời gian tính theo thời điểm đăng bình luận, tin nhắn trên nền tảng "
    "(không phải thời điểm nhập vào hệ thống); việc đang mở tính tất cả, không theo khoảng thời gian."
)


def compute(items: QuerySet[InboxItem], days: int = 30) -> dict[str, Any]:
    now = timezone.now()
    since = now - dt.timedelta(days=days)
    period = items.filter(created_at__gte=since)
    by_account = list(
        period.values_list("account_name").annotate(n=Count("id")).order_by("-n")[:15]
    )
    verdict_labels = dict(VerdictChoice.choices)
    by_verdict = [
        (verdict_labels.get(v, v), n)
        for v, n in period.values_list("verdict").annotate(n=Count("id")).order_by("-n")
    ]
    categories: Counter[str] = Counter()
    for value, n in period.values_list("categories").annotate(n=Count("id")):
        for category in split_categories(value or ""):
            categories[category] += n
    by_category = [(CATEGORY_LABELS.get(c, c), n) for c, n in categories.most_common()]
    by_day = [
        (f"{d:%d/%m}", n)
        for d, n in period.annotate(day=TruncDate("created_at"))
        .values_list("day")
        .annotate(n=Count("id"))
        .order_by("day")
    ]
    answered = list(
        period.filter(first_response_at__isnull=False).values_list(
            "created_at", "first_response_at"
        )
    )
    closed = list(period.filter(closed_at__isnull=False).values_list("created_at", "closed_at"))
    breaches = period.filter(
        Q(first_response_at__isnull=True, due_at__lt=now) | Q(first_response_at__gt=F("due_at"))
    ).count()
    workload = [
        (name or "Chưa giao", n)
        for name, n in items.filter(status__in=[Status.NEW, Status.IN_PROGRESS])
        .values_list("assignee__username")
        .annotate(n=Count("id"))
        .order_by("-n")[:15]
    ]
    decided = list(
        Decision.objects.filter(item__in=period, created_at__gte=since)
        .values_list("decided_by__username")
        .annotate(n=Count("id"))
        .order_by("-n")[:15]
    )
    return {
        "days": days,
        "period_basis": PERIOD_BASIS,
        "total": period.count(),
        "needs_reply": period.filter(needs_reply=True).count(),
        "answered": len(answered),
        "breaches": breaches,
        "first_response_hours": _avg_hours(answered),
        "closure_hours": _avg_hours(closed),
        "tables": {
            "Theo tài khoản": by_account,
            "Theo kết luận": by_verdict,
            "Theo nhóm vi phạm": by_category,
            "Theo ngày": by_day,
            "Việc đang mở theo người xử lý": workload,
            "Quyết định theo người": decided,
        },
    }


def _avg_hours(pairs: list[tuple[dt.datetime, dt.datetime | None]]) -> float | None:
    if not pairs:
        return None
    total = sum(((b - a) for a, b in pairs if b is not None), dt.timedelta())
    return _hours(total / len(pairs))


def charts(data: dict[str, Any]) -> list[BarChart]:
    return [bar_chart(title, rows) for title, rows in data["tables"].items()]


def xlsx(data: dict[str, Any]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Tổng hợp"
    summary.append(["Chỉ số", "Giá trị"])
    summary.append([f"Số mục trong {data['days']} ngày", data["total"]])
    summary.append(["Số mục cần trả lời", data["needs_reply"]])
    summary.append(["Số mục đã trả lời", data["answered"]])
    summary.append(["Số lần trễ hạn trả lời", data["breaches"]])
    summary.append(["Thời gian trả lời đầu tiên trung bình (giờ)", data["first_response_hours"]])
    summary.append(["Thời gian đến khi kết thúc trung bình (giờ)", data["closure_hours"]])
    summary.append(["Ghi chú", data["period_basis"]])
    for title, rows in data["tables"].items():
        sheet = book.create_sheet(title[:31])
        sheet.append(["Nhóm", "Số lượng"])
        for row in rows:
            sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
