"""Streaming batch scan: record reading, bad records, output order, constant memory."""

from __future__ import annotations

import io
import json

import pytest

from ungxu.screening import screen
from ungxu.screening.scan import (
    BadRecord,
    Record,
    ScanError,
    ScanOptions,
    _CountingLines,
    iter_records,
    scan,
)


def records(data: bytes, fmt: str, text: str = "text", id_: str | None = None) -> list[object]:
    return list(iter_records(_CountingLines(io.BytesIO(data)), fmt, text, id_))


def test_a_txt_file_gives_one_record_per_line_numbered_from_one() -> None:
    got = records("\ufeffxin chào\r\n\nđồ ngu\n".encode(), "txt")
    assert got == [Record(1, 1, "xin chào"), Record(2, 2, ""), Record(3, 3, "đồ ngu")]


def test_an_invalid_utf8_line_is_a_bad_record_with_its_line_number() -> None:
    got = records(b"ok\n\xff\xfe bad\nstill ok\n", "txt")
    assert got[1] == BadRecord(2, "dòng không phải UTF-8 hợp lệ")
    assert got[2] == Record(3, 3, "still ok")


def test_csv_records_spanning_lines_keep_the_line_where_they_start() -> None:
    data = 'id,text\n7,"hai\ndòng"\n8,một dòng\n'.encode()
    assert records(data, "csv", id_="id") == [
        Record(2, "7", "hai\ndòng"),
        Record(4, "8", "một dòng"),
    ]


def test_a_csv_without_the_text_column_is_refused_naming_the_columns() -> None:
    with pytest.raises(ScanError, match=r"không có cột văn bản 'text'; các cột có: id, noi_dung"):
        records(b"id,noi_dung\n1,abc\n", "csv")


def test_a_missing_id_column_is_refused() -> None:
    with pytest.raises(ScanError, match="không có cột mã 'ma'"):
        records(b"text\nabc\n", "csv", id_="ma")


def test_a_short_csv_row_and_a_row_with_bad_bytes_are_reported() -> None:
    data = b"id,text\n1\n2,\xc3\x28\n3,fine\n"
    got = records(data, "csv", id_="id")
    assert got[0] == BadRecord(2, "thiếu cột 'text' (dòng chỉ có 1 cột)")
    assert got[1] == BadRecord(3, "dòng không phải UTF-8 hợp lệ")
    assert got[2] == Record(4, "3", "fine")


def test_tsv_uses_tabs() -> None:
    assert records("text\tid\nxin chào, bạn\t9\n".encode(), "tsv", id_="id") == [
        Record(2, "9", "xin chào, bạn")
    ]


def test_jsonl_problems_are_reported_per_line() -> None:
    data = b'{"text": "a", "id": 5}\nnot json\n[1]\n{"id": 1}\n{"text": 3}\n\n{"text": "b"}\n'
    got = records(data, "jsonl", id_="id")
    assert got[0] == Record(1, 5, "a")
    assert [type(g).__name__ for g in got] == ["Record"] + ["BadRecord"] * 6
    assert (
        isinstance(got[1], BadRecord) and got[1].line == 2 and "JSON không hợp lệ" in got[1].problem
    )
    assert got[3] == BadRecord(4, "thiếu trường 'text'")
    assert got[6] == BadRecord(7, "thiếu trường mã 'id'")


def run_scan(
    data: bytes, fmt: str, on_error: str = "skip"
) -> tuple[list[dict[str, object]], str, object]:
    out, err = io.StringIO(), io.StringIO()
    summary = scan(
        io.BytesIO(data),
        out,
        screen,
        ScanOptions(fmt=fmt, on_error=on_error),
        err,  # type: ignore[arg-type]
    )
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue(), summary


def test_scan_writes_one_line_per_record_in_input_order_and_skips_bad_ones() -> None:
    data = "xin chào cả nhà\nđịt mẹ mày\n".encode() + b"\xff\n" + "cảm ơn\n".encode()
    lines, err, summary = run_scan(data, "txt")
    assert [line["id"] for line in lines] == [1, 2, 4]
    assert set(lines[0]) == {"id", "verdict", "categories", "findings"}
    assert lines[0]["verdict"] == "allow"
    assert lines[1]["verdict"] in {"review", "block"}
    assert "Dòng 3: dòng không phải UTF-8 hợp lệ." in err
    assert summary.skipped == 1 and summary.scanned == 3  # type: ignore[attr-defined]


def test_scan_stops_at_the_first_bad_record_when_asked() -> None:
    lines, err, summary = run_scan(b"ok\n\xff\nlater\n", "txt", on_error="fail")
    assert [line["id"] for line in lines] == [1]
    assert summary.failed  # type: ignore[attr-defined]
    assert "Dòng 2" in err


def test_a_one_megabyte_line_is_scanned() -> None:
    data = (("bà con phấn khởi " * 60_000)[:1_000_000] + " đồ mất dạy\nxin chào\n").encode()
    lines, _, _ = run_scan(data, "txt")
    assert [line["id"] for line in lines] == [1, 2]
    assert lines[0]["verdict"] != "allow"
