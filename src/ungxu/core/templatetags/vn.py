"""Template filters for Vietnamese formatting; registered as a builtin in settings."""

from __future__ import annotations

import datetime as dt

from django import template

from ungxu.core import vndate

register = template.Library()


@register.filter
def vn_date(value: dt.date | dt.datetime | None) -> str:
    return vndate.vn_date(value)


@register.filter
def vn_short_date(value: dt.date | dt.datetime | None) -> str:
    return vndate.vn_short_date(value)


@register.filter
def vn_datetime(value: dt.datetime | None) -> str:
    return vndate.vn_datetime(value)
