"""The lexicon detector: every `lexicons/<category>.toml` term, matched by one automaton.

Matching rules (word boundaries, diacritic compatibility, `unless_near`/`only_near`) live in
`ungxu.screening.matcher`; allow phrases and reporting contexts are applied by the engine.
"""

from __future__ import annotations

from collections.abc import Iterable

from ungxu.screening.detectors.base import Resources
from ungxu.screening.matcher import hits_from_matches
from ungxu.screening.normalize import NormalizedText
from ungxu.screening.registry import register
from ungxu.screening.types import Hit


@register
class LexiconDetector:
    name = "lexicon"
    terms_only = True  # nothing to find without a term match (see `registry`)

    def detect(self, doc: NormalizedText, resources: Resources) -> Iterable[Hit]:
        matches = resources.term_matches(doc, "lexicon")
        return hits_from_matches(doc, matches) if matches else []
