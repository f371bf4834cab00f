import datetime as dt
from pathlib import Path

import pytest

from ungxu.core.workdays import (
    HolidayDataError,
    WorkingCalendar,
    add_working_days,
    calendar_from_dict,
    default_calendar,
    is_working_day,
    load_calendar,
    working_days_between,
)

VN = dt.timezone(dt.timedelta(hours=7))


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=VN)


def due(y: int, m: int, d: int) -> tuple[dt.date, dt.time]:
    return dt.date(y, m, d), dt.time(17, 0)


def parts(moment: dt.datetime) -> tuple[dt.date, dt.time]:
    return moment.date(), moment.timetz().replace(tzinfo=None)


def test_the_shipped_calendar_covers_2025_to_2027():
    cal = default_calendar()
    assert all(cal.covers(y) for y in (2025, 2026, 2027))
    assert cal.provisional_years == frozenset({2027})


def test_weekends_are_not_working_days_and_weekdays_are():
    assert is_working_day(dt.date(2026, 3, 10))  # Tuesday
    assert not is_working_day(dt.date(2026, 3, 14))  # Saturday
    assert not is_working_day(dt.date(2026, 3, 15))  # Sunday


def test_a_swapped_saturday_is_a_working_day_and_its_pair_is_off():
    assert is_working_day(dt.date(2025, 4, 26))
    assert not is_working_day(dt.date(2025, 5, 2))


def test_fixed_solar_holidays_apply_even_to_years_without_a_calendar():
    assert not is_working_day(dt.date(2031, 9, 2))  # Tuesday
    assert not is_working_day(dt.date(2031, 5, 1))  # Thursday
    assert not default_calendar().covers(2031)


def test_a_deadline_skips_the_weekend():
    # Friday 10:00 + 1 working day -> Monday 17:00.
    assert parts(add_working_days(at(2026, 3, 13), 1)) == due(2026, 3, 16)


def test_an_item_arriving_after_hours_counts_from_the_next_working_day():
    # Friday 18:00 is received Monday; one working day later is Tuesday.
    assert parts(add_working_days(at(2026, 3, 13, 18), 1)) == due(2026, 3, 17)


def test_an_item_arriving_on_sunday_counts_from_monday():
    assert parts(add_working_days(at(2026, 3, 15, 9), 0)) == due(2026, 3, 16)
    assert parts(add_working_days(at(2026, 3, 15, 9), 2)) == due(2026, 3, 18)


def test_an_item_arriving_before_office_hours_counts_that_same_day():
    assert parts(add_working_days(at(2026, 3, 10, 6), 0)) == due(2026, 3, 10)


def test_tet_2026_is_skipped_entirely():
    # Thursday 12/2/2026 + 3 working days: Fri 13/2, then Tết 14-22/2, then Mon 23, Tue 24.
    assert parts(add_working_days(at(2026, 2, 12), 3)) == due(2026, 2, 24)


def test_the_30_april_and_1_may_break_of_2025_with_its_swap_is_respected():
    # Friday 25/4/2025 + 1 -> Saturday 26/4 (làm bù); + 2 -> Tuesday 29/4; + 3 -> Monday 5/5.
    assert parts(add_working_days(at(2025, 4, 25), 1)) == due(2025, 4, 26)
    assert parts(add_working_days(at(2025, 4, 25), 2)) == due(2025, 4, 28)
    assert parts(add_working_days(at(2025, 4, 25), 3)) == due(2025, 4, 29)
    assert parts(add_working_days(at(2025, 4, 25), 4)) == due(2025, 5, 5)


def test_national_day_2025_takes_the_monday_and_tuesday_off():
    # Friday 29/8/2025 + 1 -> Wednesday 3/9.
    assert parts(add_working_days(at(2025, 8, 29), 1)) == due(2025, 9, 3)


def test_a_deadline_crosses_the_year_boundary():
    # Wednesday 31/12/2025 + 2: 1/1 and 2/1/2026 are off, 3-4/1 weekend -> Mon 5/1, Tue 6/1.
    assert parts(add_working_days(at(2025, 12, 31), 2)) == due(2026, 1, 6)


def test_the_deadline_is_in_vietnam_time_even_for_a_utc_input():
    # 20:00 UTC Monday is 03:00 Tuesday in Hà Nội: received Tuesday.
    start = dt.datetime(2026, 3, 9, 20, 0, tzinfo=dt.UTC)
    result = add_working_days(start, 1)
    assert result.utcoffset() == dt.timedelta(hours=7)
    assert parts(result) == due(2026, 3, 11)


def test_working_days_between_counts_after_the_first_day_up_to_the_last():
    assert working_days_between(dt.date(2026, 3, 13), dt.date(2026, 3, 16)) == 1
    assert working_days_between(dt.date(2026, 3, 16), dt.date(2026, 3, 13)) == -1
    assert working_days_between(dt.date(2026, 3, 16), dt.date(2026, 3, 16)) == 0
    # The whole of Tết week 2026 holds no working day.
    assert working_days_between(dt.date(2026, 2, 13), dt.date(2026, 2, 22)) == 0


def test_working_days_between_is_the_inverse_of_add_working_days():
    start = at(2025, 12, 29)
    for n in range(0, 30):
        assert working_days_between(start, add_working_days(start, n)) == n


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError, match="không âm"):
        add_working_days(at(2026, 3, 10), -1)


def test_a_holiday_file_with_a_bad_date_names_the_entry(tmp_path: Path):
    path = tmp_path / "h.toml"
    path.write_text(
        '[[years]]\nyear = 2026\nholidays = [{ date = "2026-02-30", name = "x" }]\n',
        encoding="utf-8",
    )
    with pytest.raises(HolidayDataError, match=r"năm 2026, holidays mục 1.*YYYY-MM-DD"):
        load_calendar(path)


def test_a_makeup_day_on_a_weekday_is_rejected():
    raw = {"years": [{"year": 2026, "makeup_workdays": [{"date": "2026-03-10"}]}]}
    with pytest.raises(HolidayDataError, match="không phải thứ Bảy"):
        calendar_from_dict(raw)


def test_a_date_outside_its_year_block_is_rejected():
    raw = {"years": [{"year": 2026, "holidays": [{"date": "2027-01-01"}]}]}
    with pytest.raises(HolidayDataError, match="không thuộc năm 2026"):
        calendar_from_dict(raw)


def test_a_missing_or_broken_file_gives_a_vietnamese_error(tmp_path: Path):
    with pytest.raises(HolidayDataError, match="Không tìm thấy"):
        load_calendar(tmp_path / "missing.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[[years]\n", encoding="utf-8")
    with pytest.raises(HolidayDataError, match="TOML"):
        load_calendar(broken)


def test_an_administrator_copy_is_used_when_the_environment_names_it(tmp_path, monkeypatch):
    path = tmp_path / "h.toml"
    path.write_text(
        '[[years]]\nyear = 2030\nholidays = [{ date = "2030-03-12", name = "Nghỉ thử" }]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("UNGXU_HOLIDAYS_FILE", str(path))
    assert not is_working_day(dt.date(2030, 3, 12))
    assert default_calendar().holiday_name(dt.date(2030, 3, 12)) == "Nghỉ thử"


def test_custom_office_hours_move_the_after_hours_cut_off():
    cal = WorkingCalendar(day_end=dt.time(16, 30))
    # 16:45 is after hours for this calendar: received the next day.
    result = add_working_days(at(2026, 3, 10, 16, 45), 0, cal)
    assert result.date() == dt.date(2026, 3, 11)
    assert result.time() == dt.time(16, 30)


def test_a_bare_date_counts_as_arriving_at_the_start_of_that_day():
    assert parts(add_working_days(dt.date(2026, 3, 13), 1)) == due(2026, 3, 16)
    assert parts(add_working_days(dt.date(2026, 3, 14), 0)) == due(2026, 3, 16)


def test_days_off_lists_holidays_and_swapped_saturdays_with_names():
    listed = default_calendar().days_off(dt.date(2025, 4, 25), dt.date(2025, 5, 5))
    assert [d.isoformat() for d, _ in listed] == [
        "2025-04-26",
        "2025-04-30",
        "2025-05-01",
        "2025-05-02",
    ]
    assert listed[0][1].startswith("Làm bù:")
    assert listed[1][1] == "Ngày Giải phóng miền Nam, thống nhất đất nước"
