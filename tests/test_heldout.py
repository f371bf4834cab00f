"""The shipped model and engine on the team's held-out corpus (corpus/test.jsonl).

Prints per-category precision and recall (visible with `pytest -s`; CI also runs
`scripts/evaluate-heldout`, which prints the same tables) and asserts the floors kept in
`ungxu.screening.heldout`, so a change to the corpus, lexicons or features that loses quality fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ungxu.screening import heldout
from ungxu.screening.engine import default_model
from ungxu.screening.model import Model
from ungxu.screening.training import read_examples

TEST_SET = Path(__file__).resolve().parents[1] / "corpus" / "test.jsonl"


@pytest.fixture(scope="module")
def examples() -> list:
    if not TEST_SET.exists():
        pytest.skip("corpus/test.jsonl chưa được tạo (chạy python corpus/build.py)")
    return read_examples(TEST_SET)


@pytest.fixture(scope="module")
def model() -> Model:
    found = default_model()
    assert isinstance(found, Model), "thiếu mô hình đi kèm: chạy scripts/build-model"
    return found


def test_the_shipped_classifier_keeps_its_macro_f1_on_the_held_out_set(examples, model) -> None:
    report = heldout.evaluate_classifier(model, examples)
    print("\n" + report.format())
    assert report.macro_f1 >= heldout.MIN_CLASSIFIER_MACRO_F1


def test_the_whole_engine_flags_violations_on_the_held_out_set(examples, model) -> None:
    report = heldout.evaluate_engine(examples, model)
    print("\n" + report.format())
    assert report.flag_f1 >= heldout.MIN_ENGINE_FLAG_F1


def test_a_finding_of_a_category_the_text_also_carries_is_neither_right_nor_wrong() -> None:
    from ungxu.screening.training import Example

    text = "phải giết hết bọn bắc kỳ thì mới yên"
    plain = heldout.evaluate_engine([Example(1, text, "hate")])
    tagged = heldout.evaluate_engine([Example(1, text, "hate", "t-1", ("discrimination",))])
    assert plain.counts["discrimination"]["fp"] == 1
    assert tagged.counts["discrimination"]["fp"] == 0
    assert tagged.counts["discrimination"]["also"] == 1
    per = tagged.to_dict()["per_category"]["discrimination"]
    assert per["precision_strict"] == 0.0 and per["false_alarms_on_clean"] == 0
