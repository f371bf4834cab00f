"""Vietnamese working-day arithmetic for deadlines (replies to the public, incident steps).

No Django import: tasks, the CLI and views all call it.

A day is a working day when it is Monday-Friday and not a public holiday, or when it is a Saturday
or Sunday that the year's calendar lists as a "làm bù" day (a working day swapped for a holiday).
Holidays are data (``data/holidays_vn.toml``, or the file named by ``UNGXU_HOLIDAYS_FILE``) because
the government announces the exact days each year.

Counting rule used by :func:`add_working_days` (follows the civil-law convention that the first day
of a period is not counted):

1. The *receipt day* is the day the item arrived if it arrived on a working day before the end of
   working hours; otherwise (evening, weekend, holiday) the item counts as received at the start of
   the next working day, and that day is the receipt day.
2. The receipt day itself is not counted. The deadline is the end of working hours on the n-th
   working day after the receipt day (``n == 0``: end of the receipt day).

So an item received on Friday 10:00 with ``n = 1`` is due Monday 17:00 (when Monday is a working
day); received Friday 18:00 it is due Tuesday 17:00.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

__all__ = [
    "DEFAULT_TIMEZONE",
    "HolidayDataError",
    "WorkingCalendar",
    "add_working_days",
    "default_calendar",
    "is_working_day",
    "load_calendar",
    "working_days_between",
]

DEFAULT_TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
DATA_FILE = Path(__file__).with_name("data") / "holidays_vn.toml"
ENV_VAR = "UNGXU_HOLIDAYS_FILE"
# Hard stop for loops over days: a deadline further than this is a data or input error.
_MAX_DAYS = 366 * 20


class HolidayDataError(ValueError):
    """The holiday file is missing or malformed; the message is Vietnamese and names the field."""


@dataclass(frozen=True)
class WorkingCalendar:
    """Holidays, swapped working weekends and office hours.

    ``fixed`` holds (month, day) solar holidays applied to every year; ``holidays`` and
    ``makeup_workdays`` hold explicit dates with a name; ``years`` lists the years that have an
    explicit calendar (other years get only the fixed solar holidays).
    """

    holidays: Mapping[dt.date, str] = field(default_factory=dict)
    makeup_workdays: Mapping[dt.date, str] = field(default_factory=dict)
    fixed: Mapping[tuple[int, int], str] = field(default_factory=dict)
    years: frozenset[int] = frozenset()
    provisional_years: frozenset[int] = frozenset()
    day_start: dt.time = dt.time(7, 30)
    day_end: dt.time = dt.time(17, 0)
    tz: dt.tzinfo = DEFAULT_TIMEZONE

    def __post_init__(self) -> None:
        if self.day_start >= self.day_end:
            raise HolidayDataError("Giờ bắt đầu làm việc phải sớm hơn giờ kết thúc.")

    def holiday_name(self, day: dt.date) -> str | None:
        """The name of the holiday on ``day``, or None."""
        if day in self.holidays:
            return self.holidays[day]
        return self.fixed.get((day.month, day.day))

    def is_working_day(self, day: dt.date) -> bool:
        if isinstance(day, dt.datetime):
            day = self._local(day).date()
        if day in self.makeup_workdays:
            return True
        if day.weekday() >= 5:
            return False
        return self.holiday_name(day) is None

    def covers(self, year: int) -> bool:
        """True when ``year`` has an explicit calendar (Tết and Giỗ Tổ are known)."""
        return year in self.years

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        for _ in range(_MAX_DAYS):
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise HolidayDataError("Không tìm thấy ngày làm việc nào trong 20 năm: lịch nghỉ sai.")

    def receipt_day(self, moment: dt.datetime | dt.date) -> dt.date:
        """The working day on which an item arriving at ``moment`` counts as received.

        A bare date counts as arriving at the start of office hours that day.
        """
        if not isinstance(moment, dt.datetime):
            moment = dt.datetime.combine(moment, self.day_start)
        local = self._local(moment)
        day = local.date()
        if self.is_working_day(day) and local.time() < self.day_end:
            return day
        return self.next_working_day(day)

    def days_off(self, first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
        """Holidays (not ordinary weekends) from ``first`` to ``last`` inclusive, with names, for
        showing the calendar to people; swapped working weekends are listed as "Làm bù: …"."""
        out: list[tuple[dt.date, str]] = []
        day = first
        while day <= last and (day - first).days <= _MAX_DAYS:
            name = self.holiday_name(day)
            if day in self.makeup_workdays:
                out.append((day, f"Làm bù: {self.makeup_workdays[day]}"))
            elif name is not None:
                out.append((day, name))
            day += dt.timedelta(days=1)
        return out

    def end_of_day(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.day_end, tzinfo=self.tz)

    def _local(self, moment: dt.datetime) -> dt.datetime:
        # Naive datetimes are taken as local office time, the only sensible reading for a calendar.
        if moment.tzinfo is None:
            return moment.replace(tzinfo=self.tz)
        return moment.astimezone(self.tz)


def add_working_days(
    start: dt.datetime | dt.date, n: int, calendar: WorkingCalendar | None = None
) -> dt.datetime:
    """Deadline at the end of the n-th working day after ``start`` (rule in the module docstring).

    The result is tz-aware in the calendar's time zone.
    """
    cal = calendar or default_calendar()
    if n < 0:
        raise ValueError("Số ngày làm việc phải là số không âm.")
    if n > _MAX_DAYS:
        raise ValueError(f"Số ngày làm việc quá lớn: {n}.")
    day = cal.receipt_day(start)
    for _ in range(n):
        day = cal.next_working_day(day)
    return cal.end_of_day(day)


def working_days_between(
    a: dt.date | dt.datetime, b: dt.date | dt.datetime, calendar: WorkingCalendar | None = None
) -> int:
    """Number of working days d with a < d <= b (negative when b is before a).

    Datetimes are reduced to their local date. With this definition
    ``working_days_between(t, add_working_days(t, n)) == n`` for any ``t`` received on a working day
    within hours.
    """
    cal = calendar or default_calendar()
    da = cal._local(a).date() if isinstance(a, dt.datetime) else a
    db = cal._local(b).date() if isinstance(b, dt.datetime) else b
    sign = 1
    if db < da:
        da, db, sign = db, da, -1
    if (db - da).days > _MAX_DAYS:
        raise ValueError("Khoảng thời gian quá dài để đếm ngày làm việc.")
    count = 0
    day = da
    while day < db:
        day += dt.timedelta(days=1)
        if cal.is_working_day(day):
            count += 1
    return sign * count


def is_working_day(day: dt.date, calendar: WorkingCalendar | None = None) -> bool:
    return (calendar or default_calendar()).is_working_day(day)


def default_calendar() -> WorkingCalendar:
    """The shipped calendar, or the file named by ``UNGXU_HOLIDAYS_FILE``."""
    return _cached_calendar(os.environ.get(ENV_VAR) or str(DATA_FILE))


@lru_cache(maxsize=4)
def _cached_calendar(path: str) -> WorkingCalendar:
    return load_calendar(Path(path))


def load_calendar(
    path: Path | None = None,
    *,
    day_start: dt.time = dt.time(7, 30),
    day_end: dt.time = dt.time(17, 0),
    tz: dt.tzinfo = DEFAULT_TIMEZONE,
) -> WorkingCalendar:
    """Read a holiday file; raise :class:`HolidayDataError` naming the bad entry."""
    path = path or DATA_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise HolidayDataError(f"Không tìm thấy tệp ngày nghỉ: {path}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise HolidayDataError(
            f"Tệp ngày nghỉ {path.name} không đúng định dạng TOML: {exc}"
        ) from exc
    return calendar_from_dict(raw, source=path.name, day_start=day_start, day_end=day_end, tz=tz)


def calendar_from_dict(
    raw: Mapping[str, Any],
    *,
    source: str = "dữ liệu",
    day_start: dt.time = dt.time(7, 30),
    day_end: dt.time = dt.time(17, 0),
    tz: dt.tzinfo = DEFAULT_TIMEZONE,
) -> WorkingCalendar:
    fixed: dict[tuple[int, int], str] = {}
    for i, entry in enumerate(_list(raw.get("fixed", []), f"{source}: fixed"), start=1):
        where = f"{source}: fixed mục {i}"
        month, day = entry.get("month"), entry.get("day")
        if not isinstance(month, int) or not isinstance(day, int):
            raise HolidayDataError(f"{where}: thiếu 'month' hoặc 'day' (số nguyên).")
        try:
            dt.date(2024, month, day)  # a leap year accepts every real (month, day)
        except ValueError as exc:
            raise HolidayDataError(f"{where}: ngày {day}/{month} không tồn tại.") from exc
        fixed[(month, day)] = _name(entry, where)

    holidays: dict[dt.date, str] = {}
    makeup: dict[dt.date, str] = {}
    years: set[int] = set()
    provisional: set[int] = set()
    for i, block in enumerate(_list(raw.get("years", []), f"{source}: years"), start=1):
        year = block.get("year")
        if not isinstance(year, int) or not 1900 <= year <= 2200:
            raise HolidayDataError(f"{source}: years mục {i}: 'year' phải là năm hợp lệ.")
        if year in years:
            raise HolidayDataError(f"{source}: năm {year} được khai báo hai lần.")
        years.add(year)
        status = block.get("status", "official")
        if status not in ("official", "provisional"):
            raise HolidayDataError(
                f"{source}: năm {year}: 'status' phải là 'official' hoặc 'provisional'."
            )
        if status == "provisional":
            provisional.add(year)
        for key, target in (("holidays", holidays), ("makeup_workdays", makeup)):
            for j, entry in enumerate(_list(block.get(key, []), f"{source}: {year}.{key}"), 1):
                where = f"{source}: năm {year}, {key} mục {j}"
                day_ = _date(entry.get("date"), where)
                if day_.year != year:
                    raise HolidayDataError(
                        f"{where}: ngày {day_.isoformat()} không thuộc năm {year}."
                    )
                target[day_] = _name(entry, where)
    for day_ in makeup:
        if day_.weekday() < 5:
            raise HolidayDataError(
                f"{source}: ngày làm bù {day_.isoformat()} không phải thứ Bảy hoặc Chủ nhật."
            )
        if day_ in holidays:
            raise HolidayDataError(
                f"{source}: ngày {day_.isoformat()} vừa là ngày nghỉ vừa là ngày làm bù."
            )
    return WorkingCalendar(
        holidays=holidays,
        makeup_workdays=makeup,
        fixed=fixed,
        years=frozenset(years),
        provisional_years=frozenset(provisional),
        day_start=day_start,
        day_end=day_end,
        tz=tz,
    )


def _list(value: object, where: str) -> Iterable[Mapping[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise HolidayDataError(f"{where}: phải là danh sách các bảng.")
    return value


def _date(value: object, where: str) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise HolidayDataError(f"{where}: 'date' phải có dạng YYYY-MM-DD, nhận được {value!r}.")


def _name(entry: Mapping[str, Any], where: str) -> str:
    name = entry.get("name", "")
    if not isinstance(name, str):
        raise HolidayDataError(f"{where}: 'name' phải là chuỗi.")
    return name.strip() or "Ngày nghỉ"
