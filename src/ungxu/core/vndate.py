"""Vietnamese date formatting as used in administrative documents (NĐ 30/2020 practice)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ungxu.core.nd30 import vn_long_date


def _as_local_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def vn_date(value: dt.date | dt.datetime | None) -> str:
    """`ngày 05 tháng 01 năm 2026` (NĐ 30 padding rule); aware datetimes shown in local time."""
    if value is None:
        return ""
    return vn_long_date(_as_local_date(value))


def vn_short_date(value: dt.date | dt.datetime | None) -> str:
    """`05/01/2026` for tables, where the long form would not fit."""
    if value is None:
        return ""
    day = _as_local_date(value)
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def vn_datetime(value: dt.datetime | None) -> str:
    """`14:05 05/01/2026` in local time, for logs and timestamps."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local.hour:02d}:{local.minute:02d} {vn_short_date(local)}"
