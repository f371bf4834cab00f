"""Engine commands of `ungxu`: check, scan, model train|evaluate. No Django here.

Exit codes (all commands): 0 success; 1 `check --fail-on` threshold reached; 2 bad usage or bad
input as a whole (unreadable file, missing column, bad model file); 3 `scan` finished but skipped
bad records; 4 `scan --on-error fail` stopped at a bad record.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, NoReturn

from ungxu.screening.model import Model, ModelFormatError
from ungxu.screening.types import SEVERITY_LABELS_VI, Finding, Verdict

EXIT_OK, EXIT_FAIL_ON, EXIT_USAGE, EXIT_SKIPPED, EXIT_STOPPED = 0, 1, 2, 3, 4
VERDICT_LABELS = {"allow": "CHO PHÉP", "review": "CẦN XEM XÉT", "block": "CHẶN"}
VERDICT_RANK = {"allow": 0, "review": 1, "block": 2}


class UsageError(Exception):
    """Bad arguments or input as a whole; printed in Vietnamese, exit code 2."""


class _Parser(argparse.ArgumentParser):
    """argparse with Vietnamese section titles and usage errors that do not print a traceback."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "tham số vị trí"
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", help="in hướng dẫn này rồi thoát")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "cách dùng:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "cách dùng:", 1)

    def error(self, message: str) -> NoReturn:
        for english, vietnamese in _ARGPARSE_VI:
            message = re.sub(english, vietnamese, message)
        raise UsageError(f"{message}\n{self.format_usage().strip()}")


# argparse's own messages, in Vietnamese (it has no Vietnamese catalogue).
_ARGPARSE_VI = (
    (r"^the following arguments are required: ", "thiếu tham số bắt buộc: "),
    (r"^unrecognized arguments: ", "tham số không nhận ra: "),
    (
        r"^argument (\S+): invalid choice: (.*) \(choose from (.*)\)$",
        r"tham số \1: giá trị \2 không hợp lệ (chọn một trong: \3)",
    ),
    (r"^argument (\S+): expected one argument$", r"tham số \1 cần một giá trị"),
)


def _build_check() -> _Parser:
    p = _Parser(prog="ungxu check", description="Kiểm tra một đoạn văn bản theo Bộ Quy tắc ứng xử.")
    p.add_argument("text", nargs="?", help="văn bản cần kiểm tra (bỏ trống: đọc từ stdin)")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON (Verdict.to_dict)")
    p.add_argument(
        "--model", metavar="PATH", help="tệp mô hình phân loại thay cho mô hình mặc định"
    )
    p.add_argument(
        "--date", metavar="YYYY-MM-DD", help="ngày áp dụng để chọn văn bản pháp luật có hiệu lực"
    )
    p.add_argument(
        "--fail-on",
        choices=["review", "block"],
        help="trả mã thoát 1 khi kết quả từ mức này trở lên (dùng trong script)",
    )
    return p


def _build_scan() -> _Parser:
    p = _Parser(
        prog="ungxu scan",
        description="Quét một tệp (.txt mỗi dòng một văn bản, .csv, .tsv, .jsonl; '-' là stdin dạng "
        "txt), ghi mỗi bản ghi một dòng JSONL theo đúng thứ tự.",
        epilog="Mã thoát: 0 thành công; 2 lỗi tham số hoặc thiếu cột; 3 có bản ghi lỗi bị bỏ qua; "
        "4 dừng ở bản ghi lỗi (--on-error fail).",
    )
    p.add_argument("input", metavar="INPUT", help="tệp đầu vào, hoặc '-' để đọc stdin")
    p.add_argument("--output", "-o", metavar="OUT", help="tệp JSONL kết quả (mặc định: stdout)")
    p.add_argument(
        "--model", metavar="PATH", help="tệp mô hình phân loại thay cho mô hình mặc định"
    )
    p.add_argument(
        "--text-column", metavar="C", default="text", help="cột/trường văn bản (mặc định: text)"
    )
    p.add_argument("--id-column", metavar="C", help="cột/trường mã bản ghi (mặc định: số dòng)")
    p.add_argument(
        "--on-error",
        choices=["skip", "fail"],
        default="skip",
        help="bản ghi lỗi: skip = báo và bỏ qua (mặc định), fail = dừng",
    )
    p.add_argument("--progress", action="store_true", help="luôn hiện thanh tiến độ trên stderr")
    p.add_argument(
        "--date", metavar="YYYY-MM-DD", help="ngày áp dụng để chọn văn bản pháp luật có hiệu lực"
    )
    return p


def _build_model() -> _Parser:
    p = _Parser(prog="ungxu model", description="Huấn luyện hoặc đánh giá mô hình phân loại.")
    sub = p.add_subparsers(dest="action", metavar="train|evaluate", parser_class=_Parser)
    sub.required = True
    t = sub.add_parser(
        "train",
        help="huấn luyện mô hình từ dữ liệu có nhãn",
        description="Huấn luyện mô hình từ tệp .csv/.tsv/.jsonl có nhãn.",
    )
    t.add_argument("--data", required=True, metavar="FILE", help="tệp dữ liệu có nhãn")
    t.add_argument(
        "--text-column", default="text", metavar="C", help="cột văn bản (mặc định: text)"
    )
    t.add_argument(
        "--label-column", default="label", metavar="C", help="cột nhãn (mặc định: label)"
    )
    t.add_argument("--label-map", metavar="MAP", help="đổi nhãn, ví dụ 0=clean,1=offensive,2=hate")
    t.add_argument(
        "--output",
        metavar="PATH",
        default="model.json.gz",
        help="tệp mô hình ghi ra (mặc định: model.json.gz)",
    )
    e = sub.add_parser(
        "evaluate",
        help="đánh giá mô hình trên dữ liệu có nhãn",
        description="In độ chính xác, độ phủ, F1 từng nhãn, macro-F1 và ma trận nhầm lẫn.",
    )
    e.add_argument("--model", required=True, metavar="M", help="tệp mô hình")
    e.add_argument("--data", required=True, metavar="FILE", help="tệp dữ liệu có nhãn")
    e.add_argument(
        "--text-column", default="text", metavar="C", help="cột văn bản (mặc định: text)"
    )
    e.add_argument(
        "--label-column", default="label", metavar="C", help="cột nhãn (mặc định: label)"
    )
    e.add_argument("--label-map", metavar="MAP", help="đổi nhãn, ví dụ 0=clean,1=offensive,2=hate")
    e.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    return p


# -- helpers ----------------------------------------------------------------------------------
def _load_model(path: str | None) -> Model | None:
    if path is None:
        return None
    try:
        return Model.load(path)
    except ModelFormatError as exc:
        raise UsageError(str(exc)) from None


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date: ngày không hợp lệ {value!r} (cần dạng YYYY-MM-DD).") from None


def _screener(model: Model | None, on: dt.date | None) -> Callable[[str], Verdict]:
    from ungxu.screening import screen

    def screen_one(text: str) -> Verdict:
        return screen(text, on=on, model=model)

    return screen_one


def _category_name(category: str) -> str:
    """Vietnamese category name from the administrator-editable categories data file."""
    from ungxu.screening.resources import default_resources

    try:
        return default_resources().catalog.category(category).name
    except (KeyError, ValueError):
        return category


def _highlight(text: str, finding: Finding, tty: bool) -> str:
    """The text with the finding's span marked (ANSI reverse on a terminal, [[…]] otherwise)."""
    lo, hi = finding.start, finding.end
    left, right = ("\x1b[7;1m", "\x1b[0m") if tty else ("[[", "]]")
    context = 60
    start, end = max(0, lo - context), min(len(text), hi + context)
    before = ("…" if start else "") + text[start:lo]
    after = text[hi:end] + ("…" if end < len(text) else "")
    return (before + left + text[lo:hi] + right + after).replace("\n", " ")


def format_verdict(text: str, verdict: Verdict, *, tty: bool) -> str:
    lines = [f"Kết quả: {VERDICT_LABELS[verdict.verdict]}"]
    if not verdict.findings:
        lines.append("Không phát hiện nội dung vi phạm.")
    for n, f in enumerate(verdict.findings, start=1):
        name = _category_name(f.category)
        target = f" — đối tượng: {f.target}" if f.target else ""
        lines.append("")
        lines.append(
            f"{n}. {name} ({f.category}{target}), mức độ {SEVERITY_LABELS_VI.get(f.severity, f.severity)}, "
            f"phát hiện bởi {f.detector}"
        )
        lines.append(f"   {_highlight(text, f, tty)}")
        lines.append(f"   Vị trí: ký tự {f.start}–{f.end}: “{f.text}”")
        lines.append(f"   Lý do: {f.reason}")
        for c in f.citations:
            lines.append(f"   Căn cứ: {c.key} — {c.title}")
        if f.action:
            lines.append(f"   Đề xuất: {f.action}")
    versions = ", ".join(f"{k} {v}" for k, v in sorted(verdict.versions.items()))
    if versions:
        lines.append("")
        lines.append(f"Phiên bản: {versions}")
    return "\n".join(lines)


def _read_stdin_text() -> str:
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"Dữ liệu vào không phải UTF-8 hợp lệ (byte {exc.start}).") from None


# -- commands ---------------------------------------------------------------------------------
def cmd_check(args: Sequence[str]) -> int:
    opts = _build_check().parse_args(args)
    model = _load_model(opts.model)
    on = _parse_date(opts.date)
    text = opts.text if opts.text is not None else _read_stdin_text()
    verdict = _screener(model, on)(text)
    if opts.json:
        print(json.dumps(verdict.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_verdict(text, verdict, tty=sys.stdout.isatty()))
    if opts.fail_on and VERDICT_RANK[verdict.verdict] >= VERDICT_RANK[opts.fail_on]:
        return EXIT_FAIL_ON
    return EXIT_OK


def cmd_scan(args: Sequence[str]) -> int:
    from ungxu.screening.scan import FORMATS, ScanError, ScanOptions, scan

    opts = _build_scan().parse_args(args)
    model = _load_model(opts.model)
    on = _parse_date(opts.date)
    if opts.input == "-":
        fmt, stream, total = "txt", sys.stdin.buffer, None
    else:
        fmt = FORMATS.get(Path(opts.input).suffix.lower(), "")
        if not fmt:
            raise UsageError(
                f"Không nhận ra định dạng của {opts.input!r}: cần đuôi .txt, .csv, .tsv hoặc .jsonl."
            )
        try:
            stream = Path(opts.input).open("rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise UsageError(f"Không mở được tệp {opts.input!r}: {exc.strerror}.") from None
        total = os.fstat(stream.fileno()).st_size
    options = ScanOptions(
        fmt=fmt,
        text_column=opts.text_column,
        id_column=opts.id_column,
        on_error=opts.on_error,
        progress=opts.progress or sys.stderr.isatty(),
        total_size=total,
    )
    out: IO[str]
    try:
        out = Path(opts.output).open("w", encoding="utf-8") if opts.output else sys.stdout  # noqa: SIM115
    except OSError as exc:
        stream.close()
        raise UsageError(f"Không ghi được tệp {opts.output!r}: {exc.strerror}.") from None
    try:
        summary = scan(stream, out, _screener(model, on), options, sys.stderr)
    except ScanError as exc:
        raise UsageError(str(exc)) from None
    finally:
        if out is not sys.stdout:
            out.close()
        if stream is not sys.stdin.buffer:
            stream.close()
    print(summary.format(), file=sys.stderr)
    if summary.failed:
        return EXIT_STOPPED
    return EXIT_SKIPPED if summary.skipped else EXIT_OK


def cmd_model(args: Sequence[str]) -> int:
    from ungxu.screening import training

    opts = _build_model().parse_args(args)
    try:
        label_map = training.parse_label_map(opts.label_map)
        examples = training.read_examples(
            opts.data,
            text_column=opts.text_column,
            label_column=opts.label_column,
            label_map=label_map,
        )
    except training.DataError as exc:
        raise UsageError(str(exc)) from None
    if opts.action == "train":
        started = time.perf_counter()
        try:
            model = training.train(
                examples,
                source={"file": Path(opts.data).name, "sha256": training.file_sha256(opts.data)},
            )
        except training.DataError as exc:
            raise UsageError(str(exc)) from None
        try:
            path = model.save(opts.output)
        except OSError as exc:
            raise UsageError(
                f"Không ghi được tệp mô hình {opts.output!r}: {exc.strerror}."
            ) from None
        seconds = time.perf_counter() - started
        size = path.stat().st_size
        print(
            f"Đã huấn luyện trên {len(examples)} mẫu, {len(model.labels)} nhãn "
            f"({', '.join(model.labels)}), {len(model.vocabulary)} đặc trưng, "
            f"trong {seconds:.1f} giây."
        )
        print(f"Đã ghi {path} ({size / 1e6:.2f} MB), phiên bản mô hình {model.version}.")
        return EXIT_OK
    try:
        evaluated = Model.load(opts.model)
    except ModelFormatError as exc:
        raise UsageError(str(exc)) from None
    report = training.evaluate(evaluated, examples)
    if opts.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(
            f"Mô hình {opts.model} (phiên bản {evaluated.version}) trên {len(examples)} mẫu của {opts.data}:"
        )
        print(report.format())
    return EXIT_OK


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "check": cmd_check,
    "scan": cmd_scan,
    "model": cmd_model,
}


def run(command: str, args: list[str]) -> int:
    """Entry point used by `ungxu.cli.main` for the engine commands."""
    handler = COMMANDS.get(command)
    if handler is None:
        print(f"Lệnh không hợp lệ: {command!r}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return handler(args)
    except UsageError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # argparse --help
        return int(exc.code or 0)
    except KeyboardInterrupt:
        print("\nĐã dừng theo yêu cầu.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `ungxu scan big.csv | head`: the reader went away; stop quietly.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115, PTH123
        return EXIT_OK
