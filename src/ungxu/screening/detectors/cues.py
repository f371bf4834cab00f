"""Cue-phrase detectors over the pattern vocabularies: illegal ads and alarmist claims.

`patterns/ads.toml` and `patterns/claims.toml` use the lexicon format, so they go through the same
automaton matcher (folded, word-bounded, context windows). Their vocabulary is kept apart from
the category lexicons because it describes *activities* (gambling, lending, trading) rather than
words that hurt, and an administrator tunes it separately.
"""

from __future__ import annotations

from collections.abc import Iterable

from ungxu.screening.detectors.base import Resources
from ungxu.screening.matcher import hits_from_matches
from ungxu.screening.normalize import NormalizedText
from ungxu.screening.registry import register
from ungxu.screening.types import Hit


class _CueDetector:
    name = ""
    cue_file = ""
    terms_only = True  # nothing to find without a term match (see `registry`)

    def detect(self, doc: NormalizedText, resources: Resources) -> Iterable[Hit]:
        # Cue phrases are multi-word activities, unambiguous without diacritics.
        matches = resources.term_matches(doc, self.cue_file)
        return hits_from_matches(doc, matches, soften_folded=False) if matches else []


@register
class AdsDetector(_CueDetector):
    name = "ads"
    cue_file = "ads"


@register
class ClaimsDetector(_CueDetector):
    name = "claims"
    cue_file = "claims"


@register
class HealthDetector(_CueDetector):
    """A named person's health condition (personal data under Luật 91/2025)."""

    name = "health"
    cue_file = "health"


@register
class ScamDetector(_CueDetector):
    """Scripts that ask for OTP codes or lure to a login link (account takeover)."""

    name = "scams"
    cue_file = "scams"
