"""XLSX export of a campaign's progress: a pure function from the progress data to bytes."""

from __future__ import annotations

import io
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ungxu.campaigns.progress import PersonRow, Progress
from ungxu.core.vndate import vn_short_date

UNIT_HEADER = [
    "Mã đơn vị",
    "Đơn vị (gồm cấp dưới)",
    "Số người phải thực hiện",
    "Đã đọc tài liệu",
    "Đạt bài kiểm tra",
    "Đã xác nhận cam kết",
    "Tỷ lệ xác nhận (%)",
    "Quá hạn",
]
PEOPLE_HEADER = [
    "Mã nhân sự",
    "Họ và tên",
    "Đơn vị",
    "Đã đọc",
    "Đạt bài kiểm tra",
    "Thời điểm xác nhận",
    "Thủ trưởng đơn vị",
]


def _safe(value: Any) -> Any:
    # A name starting with "=" must stay text, never become a formula in the reader's Excel.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _sheet(workbook: Workbook, title: str, header: list[str], rows: list[list[Any]]) -> None:
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_safe(value) for value in row])
    for index, label in enumerate(header, 1):
        width = max([len(str(label)), *(len(str(r[index - 1])) for r in rows)])
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)
    sheet.freeze_panes = "A2"


def progress_xlsx(progress: Progress, people: list[PersonRow]) -> bytes:
    campaign = progress.campaign
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = "Tổng hợp"
    summary.append(["Đợt phổ biến", campaign.title])
    summary.append(["Đơn vị phát động", campaign.organisation.name])
    summary.append(["Hạn hoàn thành", vn_short_date(campaign.deadline)])
    summary.append(["Số người phải thực hiện", progress.total.audience])
    summary.append(["Đã xác nhận cam kết", progress.total.acknowledged])
    summary.append(["Quá hạn", progress.total.overdue])
    summary.column_dimensions["A"].width = 28
    summary.column_dimensions["B"].width = 60
    _sheet(
        workbook,
        "Theo đơn vị",
        UNIT_HEADER,
        [
            [
                row.organisation.code,
                "  " * row.depth + row.organisation.name,
                row.counts.audience,
                row.counts.read,
                row.counts.passed if progress.has_quiz else "",
                row.counts.acknowledged,
                row.counts.percent,
                row.counts.overdue,
            ]
            for row in progress.units
        ],
    )
    _sheet(
        workbook,
        "Danh sách",
        PEOPLE_HEADER,
        [
            [
                row.assignment.person.code,
                row.assignment.person.full_name,
                row.assignment.organisation.name,
                "Có" if row.read else "Chưa",
                ("Có" if row.passed else "Chưa") if progress.has_quiz else "",
                timezone.localtime(row.acknowledged_at).strftime("%d/%m/%Y %H:%M")
                if row.acknowledged_at
                else "",
                ", ".join(row.unit_heads),
            ]
            for row in people
        ],
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
