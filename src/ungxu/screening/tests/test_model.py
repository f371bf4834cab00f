"""The model file format and the fast inference path (no training, no scikit-learn)."""

from __future__ import annotations

import gzip
import json
import math
import pickle
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ungxu.screening.features import (
    SYLLABLE_RE,
    FeatureConfig,
    iter_text_features,
    syllable_spans,
)
from ungxu.screening.model import FORMAT_VERSION, Model, ModelFormatError
from ungxu.screening.normalize import NormalizedText, fold

LABELS = ("clean", "insult", "offensive")


def doc(text: str) -> NormalizedText:
    text = text.lower()
    return NormalizedText(text, text, fold(text))


def tiny_model(**kwargs: object) -> Model:
    """A hand-weighted model: `ngu` and `mất dạy` push to offensive, `lừa đảo` to insult."""
    weights = {
        "v:ngu": (0.0, 0.0, 3.0),
        "f: ng": (0.1, 0.0, 0.2),
        "v:mat": (0.0, 0.0, 1.0),
        "v:day": (0.0, 0.0, 1.0),
        "c:mat day": (0.0, 0.0, 6.0),
        "c:lua dao": (0.0, 4.0, 0.0),
        "u:chào": (2.0, 0.0, 0.0),
    }
    vocab = {f: i for i, f in enumerate(weights)}
    return Model(
        labels=LABELS,
        config=FeatureConfig(),
        vocabulary=vocab,
        weights=np.asarray(list(weights.values()), dtype=np.float32),
        intercepts=np.asarray([1.0, 0.0, 0.0], dtype=np.float32),
        temperature=1.5,
        **kwargs,  # type: ignore[arg-type]
    )


def reference_logits(model: Model, text: str) -> np.ndarray:
    """Logits computed the slow, obvious way: every feature of the text looked up."""
    total = np.zeros(len(model.labels))
    d = doc(text)
    for feat in iter_text_features(d, model.config):
        if feat in model.vocabulary:
            total += model.weights[model.vocabulary[feat]]
    n_syllables = len(syllable_spans(d.text))
    return model.intercepts.astype(np.float64) + total * model.config.scale(n_syllables)


def reference_probabilities(model: Model, text: str) -> list[float]:
    """Calibrated probabilities from `reference_logits`, in label order."""
    z = reference_logits(model, text) / model.temperature
    p = np.exp(z - z.max())
    return (p / p.sum()).tolist()  # type: ignore[no-any-return]


def test_the_cached_inference_path_gives_the_same_scores_as_the_feature_list() -> None:
    model = tiny_model()
    texts = ["chào bạn", "đồ ngu mất dạy", "mat day qua", "thằng lừa đảo ngu ngu", "", "ngu"]
    # Twice: the first pass fills the syllable cache, the second reads it.
    for text in texts * 2:
        got = model.predict_proba(doc(text))
        assert [got[lb] for lb in LABELS] == pytest.approx(
            reference_probabilities(model, text), rel=1e-5
        )


def test_unaccented_writing_meets_the_accented_form_through_folded_features() -> None:
    model = tiny_model()
    assert model.predict(doc("đồ mất dạy")).label == "offensive"
    assert model.predict(doc("do mat day")).label == "offensive"
    assert model.predict(doc("chào buổi sáng")).label == "clean"


def test_a_tiny_cache_still_scores_every_text_correctly() -> None:
    big, small = tiny_model(), tiny_model(cache_capacity=3)
    texts = ["đồ ngu mất dạy", "thằng lừa đảo", "chào cả nhà", "ngu như bò mất dạy lừa đảo"]
    for _ in range(3):
        for text in texts:
            assert small.predict_proba(doc(text)) == pytest.approx(big.predict_proba(doc(text)))


def test_empty_and_emoji_only_text_get_the_prior_without_error() -> None:
    model = tiny_model()
    assert model.predict(doc("")).label == "clean"
    assert model.predict(doc("😡😡🔥")).label == "clean"
    assert model.evidence(doc("😡"), "offensive") is None


def test_evidence_points_at_the_words_that_drove_the_label() -> None:
    model = tiny_model()
    d = doc("hôm nay gặp thằng mất dạy ở chợ")
    ev = model.evidence(d, "offensive")
    assert ev is not None
    assert d.text[ev.start : ev.end] == "mất dạy"


def test_a_saved_model_loads_back_with_the_same_version_and_predictions(tmp_path: Path) -> None:
    model = tiny_model(trained_on={"rows": 7})
    path = model.save(tmp_path / "sub" / "m.json.gz")
    loaded = Model.load(path)
    assert loaded.version == model.version
    assert loaded.labels == LABELS
    assert loaded.trained_on["rows"] == 7
    for text in ["đồ ngu", "chào", "lừa đảo"]:
        assert loaded.predict_proba(doc(text)) == pytest.approx(
            model.predict_proba(doc(text)), abs=1e-3
        )
    assert [p.name for p in path.parent.iterdir()] == ["m.json.gz"]  # no temporary file left


def test_saving_over_an_existing_file_replaces_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "m.json.gz"
    path.write_bytes(b"old content")
    tiny_model().save(path)
    assert Model.load(path).labels == LABELS


def write_json_gz(path: Path, data: object) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(data, fh)
    return path


def test_a_model_of_another_format_version_is_refused_with_a_vietnamese_message(
    tmp_path: Path,
) -> None:
    data = tiny_model().to_dict()
    data["format_version"] = FORMAT_VERSION + 1
    with pytest.raises(ModelFormatError, match="phiên bản định dạng 2"):
        Model.load(write_json_gz(tmp_path / "m.json.gz", data))


def test_a_foreign_json_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelFormatError, match="không phải tệp mô hình của ungxu"):
        Model.load(write_json_gz(tmp_path / "m.json.gz", {"hello": 1}))


def test_a_file_that_is_not_gzip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.json.gz"
    path.write_text("plain text", encoding="utf-8")
    with pytest.raises(ModelFormatError, match="không phải tệp gzip"):
        Model.load(path)


def test_a_pickle_is_never_unpickled(tmp_path: Path) -> None:
    path = tmp_path / "m.json.gz"
    with gzip.open(path, "wb") as fh:
        pickle.dump({"format": "ungxu-model"}, fh)
    with pytest.raises(ModelFormatError, match="không phải JSON"):
        Model.load(path)


def test_a_truncated_model_file_is_refused(tmp_path: Path) -> None:
    path = tiny_model().save(tmp_path / "m.json.gz")
    path.write_bytes(path.read_bytes()[:40])
    with pytest.raises(ModelFormatError):
        Model.load(path)


def test_weights_that_do_not_match_the_vocabulary_are_refused(tmp_path: Path) -> None:
    data = tiny_model().to_dict()
    data["weights"]["values"] = data["weights"]["values"][:-3]
    with pytest.raises(ModelFormatError, match="hỏng"):
        Model.load(write_json_gz(tmp_path / "m.json.gz", data))


def test_a_missing_model_file_is_reported_by_name(tmp_path: Path) -> None:
    with pytest.raises(ModelFormatError, match="Không tìm thấy tệp mô hình"):
        Model.load(tmp_path / "absent.json.gz")


def test_saving_twice_gives_byte_identical_files(tmp_path: Path) -> None:
    model = tiny_model(created="2026-01-01T00:00:00+00:00")
    a = model.save(tmp_path / "a.json.gz").read_bytes()
    b = model.save(tmp_path / "b.json.gz").read_bytes()
    assert a == b


def test_the_classifier_detector_reports_the_words_that_drove_the_model() -> None:
    from ungxu.screening import screen

    text = "Hôm nay gặp thằng MẤT DẠY ở chợ"
    verdict = screen(text, model=tiny_model())
    found = [f for f in verdict.findings if f.detector == "classifier"]
    assert len(found) == 1
    assert found[0].category == "offensive"
    assert text[found[0].start : found[0].end] == "MẤT DẠY"
    assert found[0].rule == "classifier.offensive"
    assert verdict.versions["model"] == tiny_model().version


def test_the_classifier_detector_stays_quiet_on_clean_and_empty_text() -> None:
    from ungxu.screening import screen

    for text in ["chào cả nhà", "", "   ", "🙂"]:
        assert not [
            f for f in screen(text, model=tiny_model()).findings if f.detector == "classifier"
        ]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_prediction_never_raises_and_evidence_lies_inside_the_text(text: str) -> None:
    from ungxu.screening.normalize import normalize

    model = tiny_model()
    d = normalize(text)
    probs = model.predict_proba(d)
    assert sum(probs.values()) == pytest.approx(1.0, abs=1e-4)
    ev = model.evidence(d, "offensive")
    if ev is not None:
        start, end = d.to_original(ev.start, ev.end)
        assert 0 <= start < end <= len(text)


def test_best_agrees_with_predict() -> None:
    model = tiny_model()
    for text in ["đồ ngu mất dạy", "chào bạn", "lừa đảo", ""]:
        label, probability = model.best(doc(text))
        full = model.predict(doc(text))
        assert label == full.label
        assert probability == pytest.approx(full.probability, rel=1e-4)


def test_threads_sharing_a_model_with_a_churning_cache_get_the_same_scores() -> None:
    from concurrent.futures import ThreadPoolExecutor

    words = ["ngu", "mất", "dạy", "lừa", "đảo", "chào", "bạn", "hôm", "nay", "trời"]
    texts = [" ".join(words[(i * j) % len(words)] for j in range(1, 8)) for i in range(200)]
    expected = [tiny_model().predict_proba(doc(t)) for t in texts]
    shared = tiny_model(cache_capacity=4)  # forces frequent cache swaps
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda t: shared.predict_proba(doc(t)), texts * 3))
    for g, e in zip(got, expected * 3, strict=True):
        assert g == pytest.approx(e, rel=1e-5)


def test_feature_configs_round_trip_and_older_files_keep_their_accented_bigrams() -> None:
    new = FeatureConfig()
    assert not new.accented_bigrams
    assert FeatureConfig.from_dict(new.to_dict()) == new
    both = FeatureConfig(accented_bigrams=True)
    assert "bigram_forms" not in both.to_dict()  # an older file's hash (version) is unchanged
    assert FeatureConfig.from_dict(both.to_dict()) == both
    with pytest.raises(ValueError):
        FeatureConfig.from_dict({**new.to_dict(), "bigram_forms": ["accented"]})


def test_a_model_with_accented_bigrams_still_scores_them() -> None:
    weights = {"b:mất dạy": (0.0, 0.0, 5.0), "c:mat day": (0.0, 0.0, 1.0)}
    common = {
        "labels": LABELS,
        "vocabulary": {f: i for i, f in enumerate(weights)},
        "weights": np.asarray(list(weights.values()), dtype=np.float32),
        "intercepts": np.zeros(3, dtype=np.float32),
    }
    old = Model(config=FeatureConfig(accented_bigrams=True), **common)  # type: ignore[arg-type]
    for text in ["đồ mất dạy", "do mat day"]:
        got = old.predict_proba(doc(text))
        assert [got[lb] for lb in LABELS] == pytest.approx(
            reference_probabilities(old, text), rel=1e-5
        )
    assert old.predict(doc("đồ mất dạy")).probability > old.predict(doc("do mat day")).probability


@pytest.mark.parametrize("capacity", [1 << 16, 3])
def test_scoring_by_whitespace_pieces_matches_scoring_by_syllables(capacity: int) -> None:
    model, reference = tiny_model(cache_capacity=capacity), tiny_model()
    texts = [
        "đồ ngu mất dạy",
        "mất-dạy, lừa... đảo!",  # a piece with two syllables and the bigram inside it
        "mat 😡 day",  # a piece without syllables: the bigram spans across it
        "ngu",
        "😡 😡",
        "chào bạn, hôm nay trời đẹp",
    ]
    flagged: set[str] = set()
    for text in texts * 3:  # filled, then read from the cache (or churned with capacity 3)
        d = doc(text)
        scored = model.best_of_pieces(d.text.split())
        if scored is None:  # a full cache sends the caller to the per-syllable path
            assert capacity == 3
            continue
        label, probability, n_syllables = scored
        expected_label, expected_probability = reference.best(d)
        assert n_syllables == len(SYLLABLE_RE.findall(d.text))
        if n_syllables:
            assert label == expected_label
            if label == "clean":  # not computed: the classifier detector never reads it
                assert math.isnan(probability)
            else:
                flagged.add(text)
                assert probability == pytest.approx(expected_probability, rel=1e-5)
    assert flagged  # the comparison above covered flagged texts


def test_a_model_with_accented_bigrams_is_scored_per_syllable() -> None:
    weights = {"b:mất dạy": (0.0, 0.0, 5.0)}
    old = Model(
        labels=LABELS,
        config=FeatureConfig(accented_bigrams=True),
        vocabulary={f: i for i, f in enumerate(weights)},
        weights=np.asarray(list(weights.values()), dtype=np.float32),
        intercepts=np.zeros(3, dtype=np.float32),
    )
    assert old.best_of_pieces(["mất", "dạy"]) is None
    assert old.best(doc("mất dạy"))[0] == "offensive"


def test_evidence_with_an_overflowing_cache_is_the_same() -> None:
    big, small = tiny_model(), tiny_model(cache_capacity=1)
    for text in ["hôm nay gặp thằng mất dạy ở chợ", "đồ ngu mất dạy lừa đảo", "mat day qua"]:
        expected, got = big.evidence(doc(text), "offensive"), small.evidence(doc(text), "offensive")
        assert expected is not None and got is not None
        assert (got.start, got.end) == (expected.start, expected.end)
        assert got.weight == pytest.approx(expected.weight)


def test_the_model_s_word_syllables_are_scored_from_the_start_like_any_other() -> None:
    model, reference = tiny_model(), tiny_model(cache_capacity=1)
    assert model.known_words == ("chào",)
    assert "chào" in model._cache.pieces  # a piece of its own before any text
    for text in ["chào bạn", "chào, đồ mất dạy", "chào chào chào"]:
        scored = model.best_of_pieces(doc(text).text.split())
        assert scored is not None
        label, probability, _ = scored
        expected_label, expected_probability = reference.best(doc(text))
        assert label == expected_label
        if label != "clean":
            assert probability == pytest.approx(expected_probability, rel=1e-5)
