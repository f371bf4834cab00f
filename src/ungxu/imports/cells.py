"""Cell kinds: how one spreadsheet cell is parsed on import and formatted on export.

Each kind turns the raw text of a cell into a Python value (raising `CellError` with a Vietnamese
message) and turns a stored value back into the same text, so that an export re-imports
unchanged. Empty cells parse to the kind's `empty` value; whether a column may be empty is the
column's business, not the kind's.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email


class CellError(ValueError):
    """A cell's content is not acceptable; the message is shown to the user as is."""


@dataclass(frozen=True)
class Text:
    max_length: int = 255
    empty: Any = ""

    def parse(self, raw: str) -> Any:
        value = " ".join(raw.split())
        if len(value) > self.max_length:
            raise CellError(f"dài quá {self.max_length} ký tự")
        return value

    def format(self, value: Any) -> str:
        return "" if value is None else str(value)


CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]*$")


@dataclass(frozen=True)
class Code(Text):
    """Short codes (organisation and staff codes): upper-cased; letters, digits and hyphens."""

    max_length: int = 32

    def parse(self, raw: str) -> Any:
        value = raw.strip().upper()
        if len(value) > self.max_length:
            raise CellError(f"dài quá {self.max_length} ký tự")
        if not CODE_RE.match(value):
            raise CellError(
                f"«{raw.strip()}» không hợp lệ: chỉ dùng chữ cái không dấu, chữ số và dấu gạch ngang"
            )
        return value


@dataclass(frozen=True)
class Email(Text):
    max_length: int = 254

    def parse(self, raw: str) -> Any:
        value = raw.strip().lower()
        try:
            validate_email(value)
        except ValidationError:
            raise CellError(f"«{raw.strip()}» không phải địa chỉ thư điện tử hợp lệ") from None
        return value


# Vietnamese numbers after normalisation to the national form: mobiles 0[35789]x (10 digits),
# landlines 02xx (11 digits).
_PHONE_RE = re.compile(r"^(0[35789]\d{8}|02\d{9})$")


@dataclass(frozen=True)
class Phone(Text):
    max_length: int = 20

    def parse(self, raw: str) -> Any:
        digits = re.sub(r"[\s.()\-]", "", raw.strip())
        if digits.startswith("+84"):
            digits = "0" + digits[3:]
        elif digits.startswith("84") and len(digits) in (11, 12):
            digits = "0" + digits[2:]
        elif len(digits) in (9, 10) and not digits.startswith("0"):
            # Spreadsheets store phone numbers as numbers and drop the leading zero.
            digits = "0" + digits
        if not _PHONE_RE.match(digits):
            raise CellError(
                f"«{raw.strip()}» không phải số điện thoại Việt Nam hợp lệ "
                "(ví dụ 0912345678 hoặc +84912345678)"
            )
        return digits


_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")


@dataclass(frozen=True)
class Date:
    empty: Any = None

    def parse(self, raw: str) -> Any:
        value = raw.strip()
        # XLSX date cells arrive as ISO date-times from the reader.
        value = value.split(" ")[0].split("T")[0]
        for fmt in _DATE_FORMATS:
            try:
                return datetime.datetime.strptime(value, fmt).date()
            except ValueError:
                continue
        raise CellError(
            f"«{raw.strip()}» không phải ngày hợp lệ (dạng ngày/tháng/năm, ví dụ 05/01/2026)"
        )

    def format(self, value: Any) -> str:
        return value.strftime("%d/%m/%Y") if value else ""


@dataclass(frozen=True)
class Choice:
    """A value picked by its Vietnamese label (case and extra spaces ignored); the stored
    value itself is accepted too, so API-style exports also import."""

    choices: Mapping[str, str] = field(default_factory=dict)  # stored value -> label
    empty: Any = ""

    def parse(self, raw: str) -> Any:
        wanted = " ".join(raw.split()).casefold()
        for value, label in self.choices.items():
            if wanted in (str(label).casefold(), value.casefold()):
                return value
        allowed = ", ".join(f"«{label}»" for label in self.choices.values())
        raise CellError(f"«{raw.strip()}» không nằm trong danh sách: {allowed}")

    def format(self, value: Any) -> str:
        return str(self.choices.get(value, value or ""))


_TRUE = {"có", "co", "x", "1", "true", "yes", "đúng"}
_FALSE = {"không", "khong", "0", "false", "no", "sai"}


@dataclass(frozen=True)
class Bool:
    empty: Any = None

    def parse(self, raw: str) -> Any:
        value = raw.strip().casefold()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise CellError(f"«{raw.strip()}» không hợp lệ: ghi «Có» hoặc «Không»")

    def format(self, value: Any) -> str:
        if value is None:
            return ""
        return "Có" if value else "Không"
