"""The engine commands `ungxu check`, `ungxu scan`, `ungxu model` (run in-process)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from ungxu.screening import screen
from ungxu.screening.cli import run
from ungxu.screening.model import FORMAT_VERSION
from ungxu.screening.tests.test_model import tiny_model, write_json_gz

RUDE = "Địt mẹ mày"


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_check_prints_the_verdict_and_marks_the_span(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("check", [f"Hôm nay {RUDE} nhé"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Kết quả: CHẶN") or out.startswith("Kết quả: CẦN XEM XÉT")
    assert f"Hôm nay [[{RUDE}]] nhé" in out
    assert "Căn cứ: TCCN.6 — " in out
    assert "Lý do: " in out and "mức độ " in out


def test_check_json_is_exactly_the_verdict_dict(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("check", ["--json", RUDE]) == 0
    assert json.loads(capsys.readouterr().out) == screen(RUDE).to_dict()


def test_check_reads_stdin_when_no_text_is_given(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, "\ufeffxin chào cả nhà".encode())
    assert run("check", ["--json"]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "allow"


def test_check_fail_on_sets_a_nonzero_exit_for_scripts(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("check", ["--fail-on", "review", RUDE]) == 1
    assert run("check", ["--fail-on", "review", "cảm ơn cán bộ"]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("text", ["", "   \n\t ", "😀😡🔥👍", "Ｈｅｌｌｏ мир 你好 xin chào"])
def test_check_gives_a_verdict_for_empty_whitespace_emoji_and_mixed_script_text(
    text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("check", ["--json", text]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] in {"allow", "review", "block"}


def test_check_handles_a_megabyte_of_text(capsys: pytest.CaptureFixture[str]) -> None:
    text = ("bà con phấn khởi " * 60_000)[:1_000_000]
    assert run("check", ["--json", text]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "allow"


def test_check_refuses_invalid_utf8_on_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, b"abc \xff\xfe")
    assert run("check", []) == 2
    assert "không phải UTF-8 hợp lệ" in capsys.readouterr().err


def test_check_refuses_a_model_of_another_version_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tiny_model().to_dict()
    data["format_version"] = FORMAT_VERSION + 5
    path = write_json_gz(tmp_path / "old.json.gz", data)
    assert run("check", ["--model", str(path), "xin chào"]) == 2
    err = capsys.readouterr().err
    assert "phiên bản định dạng" in err and "Traceback" not in err


def test_check_uses_the_given_model_and_reports_its_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tiny_model().save(tmp_path / "m.json.gz")
    assert run("check", ["--json", "--model", str(path), "đồ mất dạy"]) == 0
    assert json.loads(capsys.readouterr().out)["versions"]["model"] == tiny_model().version


def test_check_refuses_a_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("check", ["--date", "2026-13-01", "abc"]) == 2
    assert "--date: ngày không hợp lệ" in capsys.readouterr().err


def test_help_is_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("scan", ["--help"]) == 0
    assert "tùy chọn" in capsys.readouterr().out


def test_scan_writes_jsonl_and_exits_3_when_it_skipped_a_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(f"xin chào\n{RUDE}\n".encode() + b"\xff\n")
    out = tmp_path / "out.jsonl"
    assert run("scan", [str(src), "--output", str(out)]) == 3
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == [1, 2]
    assert lines[1]["categories"] == screen(RUDE).to_dict()["categories"]
    err = capsys.readouterr().err
    assert "Dòng 3: dòng không phải UTF-8 hợp lệ." in err
    assert "Đã quét 2 bản ghi" in err and "bỏ qua 1" in err


def test_scan_stops_with_exit_4_on_error_fail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "a"}\n{"text": \n{"text": "b"}\n', encoding="utf-8")
    assert run("scan", [str(src), "--on-error", "fail", "-o", str(tmp_path / "o.jsonl")]) == 4
    assert len((tmp_path / "o.jsonl").read_text().splitlines()) == 1
    capsys.readouterr()


def test_scan_csv_with_columns_to_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.csv"
    src.write_text(f'ma,noi_dung\nA1,xin chào\nA2,"{RUDE}, thật"\n', encoding="utf-8")
    assert run("scan", [str(src), "--text-column", "noi_dung", "--id-column", "ma"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["id"] for x in lines] == ["A1", "A2"]
    assert lines[0]["verdict"] == "allow" and lines[1]["verdict"] != "allow"


def test_scan_refuses_a_csv_without_the_text_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.csv"
    src.write_text("id,content\n1,abc\n", encoding="utf-8")
    assert run("scan", [str(src)]) == 2
    assert "không có cột văn bản 'text'; các cột có: id, content" in capsys.readouterr().err


def test_scan_refuses_an_unknown_extension_and_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("scan", [str(tmp_path / "a.xlsx")]) == 2
    assert run("scan", [str(tmp_path / "absent.txt")]) == 2
    err = capsys.readouterr().err
    assert "Không nhận ra định dạng" in err and "Không mở được tệp" in err


def test_scan_reads_stdin_as_text_lines(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, "một\nhai\n".encode())
    assert run("scan", ["-"]) == 0
    assert [json.loads(x)["id"] for x in capsys.readouterr().out.splitlines()] == [1, 2]


def test_model_train_then_evaluate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ungxu.screening.tests.test_training import small_examples

    data = tmp_path / "d.csv"
    rows = ["noi_dung,nhan"] + [
        f'"{e.text}",{0 if e.label == "clean" else 1}' for e in small_examples()
    ]
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    model = tmp_path / "m.json.gz"
    common = [
        "--data",
        str(data),
        "--text-column",
        "noi_dung",
        "--label-column",
        "nhan",
        "--label-map",
        "0=clean,1=insult",
    ]
    assert run("model", ["train", *common, "--output", str(model)]) == 0
    assert "Đã huấn luyện trên 36 mẫu" in capsys.readouterr().out
    assert run("model", ["evaluate", "--model", str(model), *common]) == 0
    out = capsys.readouterr().out
    assert "macro-F1: 1.000" in out and "Ma trận nhầm lẫn" in out
    assert run("model", ["evaluate", "--json", "--model", str(model), *common]) == 0
    assert json.loads(capsys.readouterr().out)["macro_f1"] == 1.0


def test_model_train_names_the_bad_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "d.jsonl"
    data.write_text(
        '{"text": "a", "label": "clean"}\n{"text": "b", "label": "spam"}\n', encoding="utf-8"
    )
    assert run("model", ["train", "--data", str(data)]) == 2
    assert "Dòng 2: nhãn 'spam' không hợp lệ" in capsys.readouterr().err


def test_usage_errors_are_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("scan", ["a.txt", "--on-error", "maybe"]) == 2
    assert run("model", []) == 2
    err = capsys.readouterr().err
    assert "tham số --on-error: giá trị 'maybe' không hợp lệ" in err
    assert "thiếu tham số bắt buộc" in err and "cách dùng: ungxu model" in err
