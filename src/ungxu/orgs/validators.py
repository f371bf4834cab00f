"""Validation shared by forms, importers and the API, so every entry point says the same thing."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

_SEPARATORS = re.compile(r"[\s.\-()]")
# Mobile: 03x, 05x, 07x, 08x, 09x + 7 digits. Landline: 02 + area code, 10 or 11 digits in all.
_MOBILE = re.compile(r"^0[35789]\d{8}$")
_LANDLINE = re.compile(r"^02\d{8,9}$")

PHONE_ERROR = (
    "Số điện thoại không đúng định dạng Việt Nam: cần 10 chữ số bắt đầu bằng 03, 05, 07, 08, 09 "
    "(di động) hoặc số cố định bắt đầu bằng 02 (có thể viết +84)."
)


def normalise_vn_phone(value: str) -> str:
    """Return the phone number as digits starting with 0, or raise ValidationError (Vietnamese).

    Accepts spaces, dots, dashes and brackets, and the +84 / 84 country prefix. Blank stays blank.
    """
    raw = (value or "").strip()
    if not raw:
        return ""
    digits = _SEPARATORS.sub("", raw)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not digits.isdigit() or not (_MOBILE.match(digits) or _LANDLINE.match(digits)):
        raise ValidationError(PHONE_ERROR, code="phone")
    return digits
