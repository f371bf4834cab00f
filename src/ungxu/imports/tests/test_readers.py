from __future__ import annotations

import io
import zipfile

import pytest
from django.test import override_settings

from ungxu.imports.readers import FileRejected, read_table
from ungxu.imports.testing import csv_bytes, xlsx_bytes

HEADER = ["Mã nhân sự", "Họ và tên"]


def test_it_reads_a_utf8_csv_with_a_bom_and_semicolons() -> None:
    data = csv_bytes([HEADER, ["NS1", "Nguyễn Thị Hoà"]], delimiter=";", bom=True)
    table = read_table("nhan-su.csv", data)
    assert table.headers == HEADER
    assert table.rows == [(2, ["NS1", "Nguyễn Thị Hoà"])]


def test_it_reads_a_csv_without_a_bom() -> None:
    table = read_table("a.CSV", csv_bytes([HEADER, ["NS1", "Lê Văn Tám"]], bom=False))
    assert table.rows[0][1] == ["NS1", "Lê Văn Tám"]


def test_it_names_the_line_of_invalid_utf8() -> None:
    data = "Mã nhân sự,Họ và tên\r\nNS1,An\r\n".encode() + "NS2,Lê\r\n".encode("latin-1")
    with pytest.raises(FileRejected, match="dòng 3"):
        read_table("a.csv", data)


def test_it_keeps_sheet_row_numbers_across_blank_rows() -> None:
    data = xlsx_bytes([[None], HEADER, ["NS1", "An"], [None, None], ["NS2", "Bình"]])
    table = read_table("a.xlsx", data)
    assert [number for number, _ in table.rows] == [3, 5]


def test_it_marks_formula_cells_instead_of_evaluating_them() -> None:
    table = read_table("a.xlsx", xlsx_bytes([HEADER, ["NS1", "=1+1"]]))
    assert table.formula_cells == {(2, 1)}


def test_it_turns_numbers_and_dates_into_the_text_a_user_typed() -> None:
    import datetime

    table = read_table(
        "a.xlsx", xlsx_bytes([["a", "b"], [912345678, datetime.datetime(2026, 1, 5)]])
    )
    assert table.rows[0][1] == ["912345678", "2026-01-05"]


def test_it_rejects_a_zip_that_is_not_a_workbook() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(FileRejected, match="không chứa bảng tính"):
        read_table("a.xlsx", buffer.getvalue())


def test_it_rejects_text_named_xlsx_and_a_workbook_named_csv() -> None:
    with pytest.raises(FileRejected, match="không phải bảng tính"):
        read_table("a.xlsx", b"Ma,Ten\n1,2\n")
    with pytest.raises(FileRejected, match="không phải văn bản CSV"):
        read_table("a.csv", xlsx_bytes([HEADER]))


def test_it_rejects_other_extensions() -> None:
    with pytest.raises(FileRejected, match=r"\.xlsx hoặc \.csv"):
        read_table("a.exe", b"MZ")


@override_settings(UNGXU_IMPORT_MAX_BYTES=100)
def test_it_rejects_a_file_over_the_size_limit() -> None:
    with pytest.raises(FileRejected, match="quá lớn"):
        read_table("a.csv", b"x" * 101)


@override_settings(UNGXU_IMPORT_MAX_ROWS=2)
def test_it_rejects_more_rows_than_the_limit() -> None:
    rows = [HEADER] + [[f"NS{i}", "An"] for i in range(3)]
    with pytest.raises(FileRejected, match="tối đa 2 dòng"):
        read_table("a.csv", csv_bytes(rows))
