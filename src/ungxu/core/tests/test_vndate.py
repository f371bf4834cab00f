import datetime as dt
from zoneinfo import ZoneInfo

from django.template import Context, Template

from ungxu.core.vndate import vn_date, vn_datetime, vn_short_date


def test_vn_date_zero_pads_day_and_month_as_in_administrative_documents():
    assert vn_date(dt.date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert vn_date(dt.date(2025, 12, 31)) == "ngày 31 tháng 12 năm 2025"


def test_vn_date_of_an_aware_datetime_uses_the_local_day_in_vietnam():
    late_utc = dt.datetime(2026, 1, 4, 18, 30, tzinfo=ZoneInfo("UTC"))  # 01:30 on the 5th in Hà Nội
    assert vn_date(late_utc) == "ngày 05 tháng 01 năm 2026"
    assert vn_datetime(late_utc) == "01:30 05/01/2026"


def test_empty_values_render_as_nothing():
    assert vn_date(None) == ""
    assert vn_short_date(None) == ""


def test_the_template_filters_are_available_without_load():
    rendered = Template("{{ d|vn_date }} | {{ d|vn_short_date }}").render(
        Context({"d": dt.date(2026, 3, 8)})
    )
    assert rendered == "ngày 08 tháng 3 năm 2026 | 08/03/2026"
