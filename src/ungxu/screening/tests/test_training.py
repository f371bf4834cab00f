"""Reading labelled data, training and evaluating (scikit-learn at training time only)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
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


def test_optional_group_and_also_fields_are_read_when_present(tmp_path: Path) -> None:
    (tmp_path / "d.jsonl").write_text(
        '{"text": "a", "label": "hate", "group": "t-1", "also": ["discrimination"]}\n'
        '{"text": "b", "label": "clean", "group": ""}\n',
        encoding="utf-8",
    )
    (tmp_path / "d.csv").write_text(
        'text,label,group,also\nx,hate,g,"insult, violence"\ny,clean,,\n', encoding="utf-8"
    )
    assert read_examples(tmp_path / "d.jsonl") == [
        Example(1, "a", "hate", "t-1", ("discrimination",)),
        Example(2, "b", "clean"),
    ]
    assert read_examples(tmp_path / "d.csv") == [
        Example(2, "x", "hate", "g", ("insult", "violence")),
        Example(3, "y", "clean"),
    ]


def test_an_unknown_extra_category_is_refused_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text('{"text": "a", "label": "hate", "also": ["rude"]}\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"Dòng 1: nhãn phụ 'rude' không hợp lệ"):
        read_examples(path)


def test_without_groups_the_validation_fold_is_the_old_random_share() -> None:
    rows = small_examples()
    hold, fit = training.validation_split(rows, 0.25, 13)
    order = np.random.default_rng(13).permutation(len(rows))
    assert hold.tolist() == sorted(order[:9].tolist())
    assert sorted(hold.tolist() + fit.tolist()) == list(range(len(rows)))


def test_with_groups_the_validation_fold_keeps_every_source_whole_and_every_label() -> None:
    rows = [
        Example(i, f"{label} {g} {v}", label, f"{label}-{g}")
        for i, (label, g, v) in enumerate(
            (label, g, v) for label in ("clean", "insult") for g in range(10) for v in range(6)
        )
    ]
    hold, fit = training.validation_split(rows, 0.2, 13)
    held_groups = {rows[i].group for i in hold.tolist()}
    assert held_groups.isdisjoint({rows[i].group for i in fit.tolist()})
    for label in ("clean", "insult"):
        share = sum(rows[i].label == label for i in hold.tolist()) / 60
        assert 0.15 <= share <= 0.3, (label, share)
    # an ungrouped row is its own group; a label with a single group stays in the fitting rows
    lone = [*rows, Example(999, "hate one", "hate", "h"), Example(1000, "hate two", "hate", "h")]
    hold, _ = training.validation_split(lone, 0.2, 13)
    assert not {lone[i].label for i in hold.tolist()} & {"hate"}


def test_thresholds_guard_against_false_alarms_not_against_neighbouring_categories() -> None:
    labels = ["clean", "discrimination", "hate"]

    def fold(rows: list[tuple[str, str, float]]) -> tuple[np.ndarray, np.ndarray]:
        """(gold, predicted, probability of the prediction) → log-probabilities, gold indices."""
        log_probs, gold = [], []
        for g, predicted, p in rows:
            rest = (1 - p) / 2
            log_probs.append(np.log([p if lb == predicted else rest for lb in labels]))
            gold.append(labels.index(g))
        return np.asarray(log_probs), np.asarray(gold)

    # discrimination: 10 % of its confident predictions are hate texts → stays at the floor;
    # hate: clean texts predicted hate at 0.68 → the first threshold above them
    rows = [("discrimination", "discrimination", 0.9)] * 90 + [("hate", "discrimination", 0.9)] * 10
    rows += [("hate", "hate", 0.9)] * 50 + [("clean", "hate", 0.68)] * 5
    decision = training.choose_decision(labels, *fold(rows))
    assert decision["thresholds"]["discrimination"] == training.MIN_THRESHOLD
    assert decision["thresholds"]["hate"] == 0.7
