"""Reading uploaded spreadsheets into a plain table of strings.

Uploads are hostile until proven otherwise: the size, the extension and the content must agree
(an XLSX is a zip holding a workbook; a CSV is UTF-8 text without NUL bytes), the number of rows
and columns is capped, and formulas are refused rather than evaluated (openpyxl never computes
them; we do not trust the cached result either, since the user cannot see it).
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 60
# A genuine 10 MB workbook unpacks to well under this; anything larger is a zip bomb.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024

# Prefixes that make a spreadsheet treat a cell as a formula (see writers.escape_csv_cell).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class FileRejected(ValueError):
    """The file as a whole cannot be read; the message is Vietnamese and shown as is."""


@dataclass
class Table:
    """A sheet as read: the header row and the data rows, each with its row number as the user
    sees it in the spreadsheet (the header is row 1 unless blank rows precede it)."""

    headers: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    formula_cells: set[tuple[int, int]] = field(default_factory=set)  # (row number, column index)


def limits() -> tuple[int, int]:
    return (
        getattr(settings, "UNGXU_IMPORT_MAX_BYTES", MAX_UPLOAD_BYTES),
        getattr(settings, "UNGXU_IMPORT_MAX_ROWS", MAX_ROWS),
    )


def detect_format(name: str, data: bytes) -> str:
    """Return "csv" or "xlsx", or raise FileRejected when the name and the content disagree."""
    max_bytes, _ = limits()
    if len(data) > max_bytes:
        raise FileRejected(f"Tệp quá lớn ({len(data) // 1024} KB); tối đa {max_bytes // 1024} KB.")
    if not data.strip():
        raise FileRejected("Tệp rỗng.")
    lower = name.lower()
    if lower.endswith(".xlsx"):
        _check_xlsx(data)
        return "xlsx"
    if lower.endswith(".csv"):
        if data.startswith(b"PK\x03\x04") or b"\x00" in data[:65536]:
            raise FileRejected("Tệp có đuôi .csv nhưng không phải văn bản CSV.")
        return "csv"
    if lower.endswith(".xls"):
        raise FileRejected("Định dạng Excel cũ (.xls) không được hỗ trợ; hãy lưu lại thành .xlsx.")
    raise FileRejected("Chỉ nhận tệp .xlsx hoặc .csv.")


def _check_xlsx(data: bytes) -> None:
    if not data.startswith(b"PK\x03\x04"):
        raise FileRejected("Tệp có đuôi .xlsx nhưng không phải bảng tính Excel.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise FileRejected("Tệp .xlsx bị hỏng, không mở được.") from None
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise FileRejected("Tệp .xlsx không chứa bảng tính Excel hợp lệ.")
    if unzipped > MAX_UNZIPPED_BYTES:
        raise FileRejected("Tệp .xlsx giải nén ra quá lớn; không xử lý.")


def read_table(name: str, data: bytes) -> Table:
    kind = detect_format(name, data)
    rows = _xlsx_rows(data) if kind == "xlsx" else _csv_rows(data)
    return _to_table(rows)


def _to_table(rows: Iterable[tuple[int, list[Any]]]) -> Table:
    _, max_rows = limits()
    table: Table | None = None
    for number, raw_cells in rows:
        cells = [_cell_text(value) for value in raw_cells]
        if len(cells) > MAX_COLUMNS:
            cells = cells[:MAX_COLUMNS]
        if table is None:
            if not any(cells):
                continue  # blank rows above the header
            while cells and not cells[-1]:
                cells.pop()
            table = Table(headers=cells)
            continue
        if not any(cells):
            continue
        if len(table.rows) >= max_rows:
            raise FileRejected(
                f"Tệp có quá nhiều dòng; tối đa {max_rows} dòng dữ liệu mỗi lần nhập."
            )
        formulas = {
            i for i, value in enumerate(raw_cells[:MAX_COLUMNS]) if isinstance(value, _Formula)
        }
        table.formula_cells.update((number, i) for i in formulas)
        table.rows.append((number, cells))
    if table is None:
        raise FileRejected("Tệp không có dòng tiêu đề.")
    return table


class _Formula(str):
    """Marks a formula cell read from XLSX, so the row can be rejected with a clear message."""


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    # Undo the apostrophe our CSV export adds in front of formula-like text.
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_PREFIXES:
        text = text[1:]
    return text


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    import openpyxl  # heavy; only needed for XLSX

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on malformed parts
        raise FileRejected("Tệp .xlsx bị hỏng, không đọc được.") from None
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows():
            cells: list[Any] = []
            number = 0
            for cell in row:
                number = getattr(cell, "row", number) or number
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", None) == "f":
                    value = _Formula(value)
                cells.append(value)
            if cells and number:
                yield number, cells
    finally:
        workbook.close()


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FileRejected(
            f"Tệp CSV không đúng mã UTF-8 (lỗi ở dòng {line}). "
            "Hãy lưu lại tệp với kiểu «CSV UTF-8»."
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for index, row in enumerate(reader, start=1):
            yield index, list(row)
    except csv.Error as error:
        raise FileRejected(f"Tệp CSV hỏng ở dòng {reader.line_num}: {error}.") from None
