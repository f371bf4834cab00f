"""The trained classifier as a detector: catches what the lexicons and patterns miss.

The model scores the whole text; when its most likely label is a category (not `clean`) with a
calibrated probability of at least that label's threshold (stored in the model file, never below
`MIN_THRESHOLD`; `MIN_PROBABILITY` for a file without thresholds), one hit is reported. Its span is the run of
syllables that pushed hardest towards that category (`Model.evidence`), so the finding shows
*which words* made the model decide, not just "somewhere in this text".

The classifier alone asks for review and never blocks: it was trained on our own written corpus,
and on real comments (ViHOS dev, see bench/vihos.py) its precision is far below that of the
lexicons. Blocking needs a lexicon or pattern hit, or an organisation's policy that blocks the
category. The probability is kept in the hit's confidence.

A classifier-only finding also needs real evidence, with rules stored in the model file (picked
on a validation fold of our own corpus by `training.py`): at least `min_syllables` syllables
unless a lexicon term matched ("Nơi nhận:", "GIÁM ĐỐC" carry too little to judge), a calibrated
probability at or above the label's own threshold, and a run of positive syllables whose summed
weight reaches `min_evidence`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ungxu.screening.detectors.base import Resources
from ungxu.screening.model import Model
from ungxu.screening.normalize import NormalizedText
from ungxu.screening.registry import register
from ungxu.screening.types import CATEGORIES, CLEAN, Hit

__all__ = ["MIN_PROBABILITY", "ClassifierDetector", "severity_for"]

# A model file without its own thresholds (older or user-trained) falls back to these.
MIN_PROBABILITY = 0.6
MIN_SYLLABLES = 4
# No stored threshold counts below an even chance (the top label less likely than all the
# others together); `training.choose_decision` picks thresholds on a grid starting here.
MIN_THRESHOLD = 0.5


def severity_for(probability: float, threshold: float = MIN_PROBABILITY) -> int:
    """Medium (review) whatever the probability once it reaches the label's threshold; see the
    module docstring for why."""
    return 2 if probability >= threshold else 1


@register
class ClassifierDetector:
    name = "classifier"

    def detect(self, doc: NormalizedText, resources: Resources) -> Iterable[Hit]:
        model = resources.model
        if not isinstance(model, Model):
            return ()
        pieces = doc.memo.get("pieces")
        scored = model.best_of_pieces(pieces if isinstance(pieces, tuple) else doc.text.split())
        if scored is not None:
            label, probability, n_syllables = scored
        else:  # the per-syllable path (see `Model.best_of_pieces`)
            words = model.syllables(doc)
            n_syllables = len(words)
            label, probability = model.best(doc, words) if words else (CLEAN, 1.0)
        if label == CLEAN or label not in CATEGORIES:  # most texts: nothing more to check
            return ()
        if not n_syllables or (
            n_syllables < model.decision_value("min_syllables", MIN_SYLLABLES)
            and not resources.term_matches(doc)
        ):
            return ()
        threshold = max(MIN_THRESHOLD, model.threshold(label, MIN_PROBABILITY))
        if probability < threshold:
            return ()
        evidence = model.evidence(doc, label)
        if evidence is None or evidence.weight < model.decision_value("min_evidence", 0.0):
            return ()
        start, end = doc.to_original(evidence.start, evidence.end)
        if end <= start:
            return ()
        percent = min(99, round(probability * 100))  # a model is never 100 % sure
        return (
            Hit(
                category=label,
                start=start,
                end=end,
                severity=severity_for(probability, threshold),
                rule=f"classifier.{label}",
                reason=(
                    f"Mô hình phân loại đánh giá nội dung này thuộc nhóm vi phạm với xác suất "
                    f"{percent}%; các từ được đánh dấu là căn cứ chính của đánh giá."
                ),
                confidence=round(probability, 4),
            ),
        )
