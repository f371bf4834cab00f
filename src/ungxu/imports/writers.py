"""Templates and exports: the same column layout both ways, so an export re-imports cleanly.

CSV is written as UTF-8 with a BOM (Excel then shows Vietnamese correctly) and every cell that a
spreadsheet would take for a formula is prefixed with an apostrophe; the reader strips it again.
XLSX cells are written with an explicit string type, so text starting with "=" stays text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from ungxu.imports.importer import Column, Importer
from ungxu.imports.readers import FORMULA_PREFIXES

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def header_label(column: Column) -> str:
    # The reader ignores a trailing "*", so marking required columns costs nothing on re-import.
    return f"{column.header} *" if column.required else column.header


def escape_csv_cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def example_row(importer: Importer) -> list[str]:
    return [column.example for column in importer.columns]


def object_rows(importer: Importer, objects: Iterable[Any]) -> Iterable[list[str]]:
    for obj in objects:
        values = importer.export_row(obj)
        yield [column.format(values.get(column.field)) for column in importer.columns]


def to_csv(importer: Importer, rows: Iterable[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([header_label(c) for c in importer.columns])
    for row in rows:
        writer.writerow([escape_csv_cell(cell) for cell in row])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def to_xlsx(importer: Importer, rows: Iterable[list[str]], *, with_guide: bool = False) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(importer.title[:31])
    for index, column in enumerate(importer.columns):
        letter = _column_letter(index)
        sheet.column_dimensions[letter].width = max(14, len(column.header) + 6)
    sheet.freeze_panes = "A2"

    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    header_cells = []
    for column in importer.columns:
        cell = WriteOnlyCell(sheet, value=header_label(column))
        cell.font = header_font
        cell.fill = header_fill
        if column.help:
            cell.comment = Comment(column.help, "ungxu")
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_text_cell(sheet, WriteOnlyCell, value) for value in row])

    if with_guide:
        guide = workbook.create_sheet("Hướng dẫn")
        guide.append(["Cột", "Bắt buộc", "Hướng dẫn", "Ví dụ"])
        for column in importer.columns:
            guide.append(
                [column.header, "Có" if column.required else "Không", column.help, column.example]
            )
        guide.append([])
        guide.append(
            [
                "Ghi chú",
                "",
                "Dòng 2 của trang dữ liệu là dòng ví dụ: hãy thay bằng dữ liệu thật. "
                "Các cột có dấu * là bắt buộc. Nhập lại cùng một tệp không làm thay đổi gì.",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text_cell(sheet: Any, cell_class: Any, value: str) -> Any:
    cell = cell_class(sheet, value=value)
    cell.data_type = "s"  # never a formula, whatever the text starts with
    return cell


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def template(importer: Importer, fmt: str) -> bytes:
    rows = [example_row(importer)]
    return to_xlsx(importer, rows, with_guide=True) if fmt == "xlsx" else to_csv(importer, rows)


def export(importer: Importer, objects: Iterable[Any], fmt: str) -> bytes:
    rows = object_rows(importer, objects)
    return to_xlsx(importer, rows) if fmt == "xlsx" else to_csv(importer, rows)
