"""Streaming batch scan: read records one by one, screen each, write one JSONL line per record.

Memory stays constant whatever the file size: input is read line by line from a binary stream
(CSV records that span lines are assembled by the csv module from the same line iterator) and each
result is written before the next record is read.

Bad records (a line that is not UTF-8, a malformed JSON line, a missing field, a broken CSV row)
are reported on the error stream with their line number, then skipped or, with
``on_error="fail"``, stop the run. Nothing is dropped without a message.

Record ids: the id column/field when given, else the 1-based line number where the record starts.
In a .txt file every line is a record, an empty line included (its verdict is `allow`); in CSV/TSV
a blank line is not a record. Results are written as they come, so a run stopped by
``--on-error fail`` leaves the lines written so far in the output.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, Literal

from ungxu.screening.types import VERDICTS, Verdict

FORMATS = {".txt": "txt", ".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
VERDICT_VI = {"allow": "cho phép", "review": "cần xem xét", "block": "chặn"}
OnError = Literal["skip", "fail"]

# Texts may be long (the engine accepts 1 MB); the csv module's default field limit is 128 KiB.
csv.field_size_limit(64 * 1024 * 1024)


class ScanError(ValueError):
    """A problem with the whole input (unreadable header, missing column): exit code 2."""


@dataclass(frozen=True, slots=True)
class Record:
    line: int
    id: Any
    text: str


@dataclass(frozen=True, slots=True)
class BadRecord:
    line: int
    problem: str


@dataclass(slots=True)
class ScanSummary:
    verdicts: Counter[str] = field(default_factory=Counter)
    skipped: int = 0
    failed: bool = False
    seconds: float = 0.0

    @property
    def scanned(self) -> int:
        return sum(self.verdicts.values())

    def format(self) -> str:
        parts = ", ".join(f"{VERDICT_VI[v]} {self.verdicts.get(v, 0)}" for v in VERDICTS)
        rate = self.scanned / self.seconds if self.seconds > 0 else 0.0
        line = f"Đã quét {self.scanned} bản ghi ({parts}); bỏ qua {self.skipped} bản ghi lỗi"
        line += f"; {self.seconds:.1f} giây, {rate:,.0f} văn bản/giây."
        if self.failed:
            line += " Dừng lại ở bản ghi lỗi đầu tiên (--on-error fail)."
        return line


class _CountingLines:
    """Iterate the lines of a binary stream, counting bytes read (for the progress bar)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.bytes_read = 0
        self.line = 0

    def __iter__(self) -> Iterator[bytes]:
        for raw in self.stream:
            self.bytes_read += len(raw)
            self.line += 1
            if self.line == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            yield raw


def _decode(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _strip_eol(text: str) -> str:
    return text.rstrip("\r\n")


def iter_txt(lines: _CountingLines) -> Iterator[Record | BadRecord]:
    for raw in lines:
        text = _decode(raw)
        if text is None:
            yield BadRecord(lines.line, "dòng không phải UTF-8 hợp lệ")
        else:
            yield Record(lines.line, lines.line, _strip_eol(text))


def iter_jsonl(
    lines: _CountingLines, text_column: str, id_column: str | None
) -> Iterator[Record | BadRecord]:
    for raw in lines:
        n = lines.line
        text = _decode(raw)
        if text is None:
            yield BadRecord(n, "dòng không phải UTF-8 hợp lệ")
            continue
        if not text.strip():
            yield BadRecord(n, "dòng trống, không có đối tượng JSON")
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield BadRecord(n, f"JSON không hợp lệ ({exc.msg}, cột {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield BadRecord(n, "cần một đối tượng JSON {...}")
            continue
        value = obj.get(text_column)
        if not isinstance(value, str):
            problem = "thiếu trường" if value is None else "trường không phải chuỗi:"
            yield BadRecord(n, f"{problem} {text_column!r}")
            continue
        if id_column is not None and id_column not in obj:
            yield BadRecord(n, f"thiếu trường mã {id_column!r}")
            continue
        yield Record(n, obj[id_column] if id_column is not None else n, value)


def iter_table(
    lines: _CountingLines, delimiter: str, text_column: str, id_column: str | None
) -> Iterator[Record | BadRecord]:
    # Undecodable bytes become lone surrogates so the csv module can still split the record;
    # a record containing one is then reported instead of screened.
    decoded = (raw.decode("utf-8", "surrogateescape") for raw in lines)
    reader = csv.reader(decoded, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ScanError("Tệp rỗng: không có dòng tiêu đề.") from None
    except csv.Error as exc:
        raise ScanError(f"Dòng 1: không đọc được dòng tiêu đề ({exc}).") from None
    header = [h.strip() for h in header]
    for column, what in ((text_column, "văn bản"), (id_column, "mã")):
        if column is not None and column not in header:
            raise ScanError(
                f"Dòng 1: không có cột {what} {column!r}; các cột có: "
                f"{', '.join(header) or '(trống)'}. Dùng --text-column / --id-column để chọn cột."
            )
    text_at = header.index(text_column)
    id_at = header.index(id_column) if id_column is not None else None
    end = reader.line_num
    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            end = reader.line_num
            yield BadRecord(start, f"dòng CSV không hợp lệ ({exc})")
            continue
        end = reader.line_num
        if not row:
            continue  # a blank line is not a record in CSV
        if any(_has_surrogate(cell) for cell in row):
            yield BadRecord(start, "dòng không phải UTF-8 hợp lệ")
        elif len(row) <= text_at:
            yield BadRecord(start, f"thiếu cột {text_column!r} (dòng chỉ có {len(row)} cột)")
        elif id_at is not None and len(row) <= id_at:
            yield BadRecord(start, f"thiếu cột mã {id_column!r} (dòng chỉ có {len(row)} cột)")
        else:
            yield Record(start, row[id_at] if id_at is not None else start, row[text_at])


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def iter_records(
    lines: _CountingLines, fmt: str, text_column: str, id_column: str | None
) -> Iterator[Record | BadRecord]:
    if fmt == "txt":
        return iter_txt(lines)
    if fmt == "jsonl":
        return iter_jsonl(lines, text_column, id_column)
    return iter_table(lines, "\t" if fmt == "tsv" else ",", text_column, id_column)


class Progress:
    """A one-line progress bar on the error stream, redrawn at most five times a second."""

    def __init__(self, err: IO[str], total: int | None) -> None:
        self.err = err
        self.total = total
        self.started = time.perf_counter()
        self.last = 0.0

    def update(self, bytes_read: int, records: int, *, final: bool = False) -> None:
        now = time.perf_counter()
        if not final and now - self.last < 0.2:
            return
        self.last = now
        rate = records / max(now - self.started, 1e-9)
        mb = bytes_read / 1e6
        if self.total:
            frac = min(bytes_read / self.total, 1.0)
            bar = "#" * int(frac * 30)
            text = f"[{bar:<30}] {frac:6.1%} {mb:,.1f}/{self.total / 1e6:,.1f} MB"
        else:
            text = f"{mb:,.1f} MB"
        self.err.write(f"\r{text} · {records:,} văn bản · {rate:,.0f} văn bản/giây ")
        if final:
            self.err.write("\n")
        self.err.flush()


@dataclass(slots=True)
class ScanOptions:
    fmt: str = "txt"
    text_column: str = "text"
    id_column: str | None = None
    on_error: OnError = "skip"
    progress: bool = False
    total_size: int | None = None


def scan(
    stream: IO[bytes],
    out: IO[str],
    screen_one: Callable[[str], Verdict],
    options: ScanOptions,
    err: IO[str] = sys.stderr,
) -> ScanSummary:
    """Screen every record of `stream` with `screen_one`, writing JSONL to `out`."""
    summary = ScanSummary()
    lines = _CountingLines(stream)
    progress = Progress(err, options.total_size) if options.progress else None
    started = time.perf_counter()
    records = iter_records(lines, options.fmt, options.text_column, options.id_column)
    for item in records:
        if isinstance(item, BadRecord):
            if progress:
                err.write("\n")
            err.write(f"Dòng {item.line}: {item.problem}.\n")
            if options.on_error == "fail":
                summary.failed = True
                break
            summary.skipped += 1
            continue
        verdict = screen_one(item.text)
        result = verdict.to_dict()
        line = {
            "id": item.id,
            "verdict": result["verdict"],
            "categories": result["categories"],
            "findings": result["findings"],
        }
        out.write(json.dumps(line, ensure_ascii=False))
        out.write("\n")
        summary.verdicts[verdict.verdict] += 1
        if progress:
            progress.update(lines.bytes_read, summary.scanned)
    summary.seconds = time.perf_counter() - started
    if progress:
        progress.update(lines.bytes_read, summary.scanned, final=True)
    return summary


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"Ngày không hợp lệ: {value!r} (cần dạng YYYY-MM-DD).") from None
