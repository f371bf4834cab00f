"""The classifier's evidence rules and its fast inference path (issue 2: false alarms, speed)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from ungxu.screening import screen
from ungxu.screening.features import FeatureConfig, iter_text_features, syllable_spans
from ungxu.screening.model import Model
from ungxu.screening.normalize import normalize

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "model" / "default.json.gz"
CORPUS_TEST = Path(__file__).resolve().parents[4] / "corpus" / "test.jsonl"


def offensive_model(cache_capacity: int = 1 << 16, **decision: object) -> Model:
    """`ngu` and `mất dạy` push to offensive; `chào` to clean."""
    weights = {
        "v:ngu": (0.0, 3.0),
        "c:mat day": (0.0, 6.0),
        "v:mat": (0.0, 1.0),
        "v:day": (0.0, 1.0),
        "u:chào": (2.0, 0.0),
        "v:khuya": (0.0, 4.0),  # an innocent word no lexicon matches, so only the model sees it
    }
    return Model(
        labels=("clean", "offensive"),
        config=FeatureConfig(),
        vocabulary={f: i for i, f in enumerate(weights)},
        weights=np.asarray(list(weights.values()), dtype=np.float32),
        intercepts=np.asarray([1.0, 0.0], dtype=np.float32),
        decision=decision,
        cache_capacity=cache_capacity,
    )


def classifier_findings(text: str, model: Model) -> list[str]:
    return [f.category for f in screen(text, model=model).findings if f.detector == "classifier"]


def test_a_long_enough_text_with_strong_evidence_is_flagged() -> None:
    assert classifier_findings("hôm nay gặp thằng mất dạy ở chợ", offensive_model()) == [
        "offensive"
    ]


def test_a_text_shorter_than_the_minimum_gets_no_classifier_finding() -> None:
    model = offensive_model(min_syllables=4)
    assert classifier_findings("khuya khuya quá", model) == []
    assert classifier_findings("hôm nay khuya khuya quá", model) == ["offensive"]


def test_a_label_threshold_from_the_model_file_silences_weaker_predictions() -> None:
    text = "hôm nay gặp thằng mất dạy ở chợ"
    assert classifier_findings(text, offensive_model(thresholds={"offensive": 0.999999})) == []


def test_evidence_below_the_floor_gets_no_classifier_finding() -> None:
    text = "hôm nay gặp thằng mất dạy ở chợ"
    assert classifier_findings(text, offensive_model(min_evidence=100.0)) == []


def test_decision_rules_survive_a_save_and_load(tmp_path: Path) -> None:
    model = offensive_model(thresholds={"offensive": 0.8}, min_evidence=1.5, min_syllables=4)
    loaded = Model.load(model.save(tmp_path / "m.json.gz"))
    assert loaded.threshold("offensive", 0.6) == 0.8
    assert loaded.decision_value("min_evidence", 0.0) == 1.5
    assert loaded.version == model.version


@pytest.mark.skipif(not SHIPPED.exists(), reason="no shipped model")
def test_the_shipped_model_fast_path_matches_summing_every_feature() -> None:
    model = Model.load(SHIPPED)
    texts = ["Đồ mất dạy, cút đi!", "cam on ad nhieu a", "x" * 120 + " ngu", "", "🙂 ok"]
    if CORPUS_TEST.exists():
        with CORPUS_TEST.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for _, line in zip(range(300), fh, strict=False)]
    for text in texts:
        doc = normalize(text)
        ids = [
            model.vocabulary[f]
            for f in iter_text_features(doc, model.config)
            if f in model.vocabulary
        ]
        expected = model.intercepts.astype(np.float64) + model.weights[ids].astype(np.float64).sum(
            axis=0
        ) * model.config.scale(len(syllable_spans(doc.text)))
        assert model._scores(doc).tolist() == pytest.approx(expected.tolist(), abs=1e-4)


@pytest.mark.skipif(not SHIPPED.exists(), reason="no shipped model")
@pytest.mark.parametrize(
    "text",
    [
        "- Như trên;",
        "- Lưu: VT-VP.",
        "GIÁM ĐỐC",
        "TL. GIÁM ĐỐC CHÁNH VĂN PHÒNG",
        "dạ vâng",
        "cảm ơn ạ",
        "nghe giọng là biết người nghệ, thân thương lắm",
        "nghe giong la biet nguoi nghe, than thuong lam",
    ],
)
def test_official_lines_and_warm_mentions_of_a_province_are_allowed(text: str) -> None:
    verdict = screen(text)
    assert verdict.verdict == "allow", verdict.to_dict()
    assert not [f for f in verdict.findings if f.detector == "classifier"]


def test_evidence_is_the_same_when_the_syllable_cache_is_too_small_for_the_text() -> None:
    big, small = offensive_model(), offensive_model(cache_capacity=1)
    text = "hôm nay gặp thằng mất dạy ở chợ, khuya khuya chào cả nhà"
    a = big.evidence(normalize(text), "offensive")
    b = small.evidence(normalize(text), "offensive")
    assert a is not None and b is not None
    assert (a.start, a.end) == (b.start, b.end)
    assert a.weight == pytest.approx(b.weight)


def _model_at(probability: float, **decision: object) -> Model:
    """`offensive_model` with the clean intercept moved so that the text below scores
    `probability` for offensive."""
    import dataclasses
    import math

    base = offensive_model(**decision)
    _, p = base.best(normalize(BORDERLINE))
    logit = math.log(p / (1 - p)) + 1.0  # the offensive-minus-clean margin without intercepts
    clean = logit - math.log(probability / (1 - probability))
    return dataclasses.replace(base, intercepts=np.asarray([clean, 0.0], dtype=np.float32))


BORDERLINE = "hôm nay khuya khuya quá"


def test_a_stored_threshold_below_the_old_floor_counts_and_the_finding_asks_for_review() -> None:
    model = _model_at(0.55, thresholds={"offensive": 0.5})
    assert model.best(normalize(BORDERLINE)) == ("offensive", pytest.approx(0.55, abs=1e-3))
    found = [f for f in screen(BORDERLINE, model=model).findings if f.detector == "classifier"]
    assert [(f.category, f.severity) for f in found] == [("offensive", 2)]
    # without stored thresholds the old floor (0.6) still applies
    assert classifier_findings(BORDERLINE, _model_at(0.55)) == []
