"""The trained classifier as a detector: catches what the lexicons and patterns miss.

The model scores the whole text; when its most likely label is a category (not `clean`) with a
calibrated probability of at least `MIN_PROBABILITY`, one hit is reported. Its span is the run of
syllables that pushed hardest towards that category (`Model.evidence`), so the finding shows
*which words* made the model decide, not just "somewhere in this text". Severity follows the
probability: a confident model asks for review or more, a hesitant one stays at low severity so
the policy, not the model alone, decides whether to block.
"""

from __future__ import annotations

from collections.abc import Iterable

from ungxu.screening.detectors.base import Resources
from ungxu.screening.model import Model
from ungxu.screening.normalize import NormalizedText
from ungxu.screening.registry import register
from ungxu.screening.types import CATEGORIES, CLEAN, Hit

__all__ = ["MIN_PROBABILITY", "ClassifierDetector", "severity_for"]

# Below this the model is guessing; measured on corpus/test.jsonl (see scripts/evaluate-heldout).
MIN_PROBABILITY = 0.6


def severity_for(probability: float) -> int:
    """Medium for a likely violation, high when the model is nearly certain."""
    return 3 if probability >= 0.9 else 2


@register
class ClassifierDetector:
    name = "classifier"

    def detect(self, doc: NormalizedText, resources: Resources) -> Iterable[Hit]:
        model = resources.model
        if not isinstance(model, Model) or not doc.text.strip():
            return ()
        prediction = model.predict(doc)
        label = prediction.label
        if label == CLEAN or label not in CATEGORIES or prediction.probability < MIN_PROBABILITY:
            return ()
        evidence = model.evidence(doc, label)
        if evidence is None:
            start, end = 0, len(doc.original)
        else:
            start, end = doc.to_original(evidence.start, evidence.end)
        if end <= start:
            return ()
        percent = round(prediction.probability * 100)
        return (
            Hit(
                category=label,
                start=start,
                end=end,
                severity=severity_for(prediction.probability),
                rule=f"classifier.{label}",
                reason=(
                    f"Mô hình phân loại đánh giá nội dung này thuộc nhóm vi phạm với xác suất "
                    f"{percent}%; các từ được đánh dấu là căn cứ chính của đánh giá."
                ),
                confidence=round(prediction.probability, 4),
            ),
        )
