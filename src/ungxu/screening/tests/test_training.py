"""Reading labelled data, training and evaluating (scikit-learn at training time only)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ungxu.screening import training
from ungxu.screening.model import Model
from ungxu.screening.normalize import normalize
from ungxu.screening.training import DataError, Example, parse_label_map, read_examples

CLEAN = [
    "cảm ơn cán bộ phường đã hướng dẫn",
    "hôm nay trời đẹp quá",
    "chúc mọi người sức khỏe",
    "thủ tục làm nhanh gọn",
    "bà con phấn khởi vụ lúa mới",
    "xin hỏi lịch tiêm chủng",
]
INSULT = [
    "thằng kia đúng là đồ hèn hạ",
    "mày là đồ lừa đảo hèn hạ",
    "lũ hèn hạ lừa đảo",
    "đồ hèn hạ không biết xấu hổ",
    "thằng hèn hạ bỉ ổi",
    "bọn lừa đảo bỉ ổi",
]


def small_examples() -> list[Example]:
    rows = [(t, "clean") for t in CLEAN] + [(t, "insult") for t in INSULT]
    return [Example(i + 1, t, lb) for i, (t, lb) in enumerate(rows * 3)]


def test_csv_columns_and_label_map_are_applied(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text('\ufeffnoi_dung,nhan\nxin chào,0\n"đồ ngu, cút",1\n', encoding="utf-8")
    got = read_examples(
        path,
        text_column="noi_dung",
        label_column="nhan",
        label_map=parse_label_map("0=clean,1=offensive"),
    )
    assert got == [Example(2, "xin chào", "clean"), Example(3, "đồ ngu, cút", "offensive")]


def test_tsv_and_jsonl_are_read_by_extension(tmp_path: Path) -> None:
    (tmp_path / "d.tsv").write_text("text\tlabel\na, b\thate\n", encoding="utf-8")
    (tmp_path / "d.jsonl").write_text('{"text": "x", "label": "clean"}\n\n', encoding="utf-8")
    assert read_examples(tmp_path / "d.tsv") == [Example(2, "a, b", "hate")]
    assert read_examples(tmp_path / "d.jsonl") == [Example(1, "x", "clean")]


def test_a_csv_without_the_label_column_is_refused_naming_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("text,nhan\nabc,clean\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"không có cột nhãn 'label'; các cột có: text, nhan"):
        read_examples(path)


def test_an_unknown_label_is_refused_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(
        '{"text": "a", "label": "clean"}\n{"text": "b", "label": "2"}\n', encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"Dòng 2: nhãn '2' không hợp lệ \(dùng --label-map"):
        read_examples(path)


def test_invalid_utf8_is_refused_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(b"text,label\nok,clean\n\xff\xfe,clean\n")
    with pytest.raises(DataError, match="Dòng 3: tệp không phải UTF-8"):
        read_examples(path)


def test_a_malformed_json_line_is_refused_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text('{"text": "a", "label": "clean"}\n{"text": \n', encoding="utf-8")
    with pytest.raises(DataError, match="Dòng 2: JSON không hợp lệ"):
        read_examples(path)


def test_an_unknown_extension_and_a_bad_label_map_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"cần đuôi .csv, .tsv hoặc .jsonl"):
        read_examples(tmp_path / "d.xlsx")
    with pytest.raises(DataError, match="nhãn 'rude' không tồn tại"):
        parse_label_map("0=clean,1=rude")
    with pytest.raises(DataError, match="cần dạng 'giá_trị=nhãn'"):
        parse_label_map("0clean")


def test_the_report_computes_precision_recall_f1_and_the_confusion_matrix() -> None:
    gold = ["clean", "clean", "clean", "insult", "insult", "hate"]
    pred = ["clean", "clean", "insult", "insult", "clean", "clean"]
    report = training.report_from_pairs(gold, pred)
    per = report.per_class()
    assert report.labels == ("clean", "hate", "insult")
    assert report.confusion == ((2, 0, 1), (1, 0, 0), (1, 0, 1))
    assert per["clean"]["precision"] == pytest.approx(0.5)
    assert per["clean"]["recall"] == pytest.approx(2 / 3)
    assert per["insult"]["f1"] == pytest.approx(0.5)
    assert per["hate"]["f1"] == 0.0
    assert report.macro_f1 == pytest.approx((4 / 7 + 0 + 0.5) / 3)
    assert "Ma trận nhầm lẫn" in report.format()
    assert json.loads(json.dumps(report.to_dict()))["confusion_matrix"][0] == [2, 0, 1]


def test_a_trained_model_separates_the_labels_and_is_calibrated(tmp_path: Path) -> None:
    model = training.train(small_examples(), source={"sha256": "x"})
    assert model.labels == ("clean", "insult")
    assert 0.05 < model.temperature < 20
    assert model.trained_on["rows"] == 36
    assert model.predict(normalize("đồ hèn hạ bỉ ổi")).label == "insult"
    assert model.predict(normalize("chúc bà con vụ lúa mới")).label == "clean"
    # unaccented writing reaches the same label through the folded features
    assert model.predict(normalize("do hen ha bi oi")).label == "insult"
    loaded = Model.load(model.save(tmp_path / "m.json.gz"))
    assert training.evaluate(loaded, small_examples()).macro_f1 == pytest.approx(1.0)


def test_training_with_a_single_label_is_refused() -> None:
    with pytest.raises(DataError, match="ít nhất hai nhãn"):
        training.train([Example(1, "a", "clean"), Example(2, "b", "clean")])
