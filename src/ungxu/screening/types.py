"""Plain value types shared by every part of the screening engine.

Everything here is immutable and JSON-friendly so a verdict can be cached, compared for
determinism and sent over the API unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, Protocol

CATEGORIES: tuple[str, ...] = (
    "hate",
    "violence",
    "discrimination",
    "offensive",
    "insult",
    "fake_news",
    "illegal_ads",
    "child_safety",
    "personal_data",
    "account_security",
)
# Targets qualify `discrimination` (and optionally `hate`) findings.
TARGETS: tuple[str, ...] = ("region", "gender", "religion", "ethnicity", "disability", "poverty")
# The classifier's label for "no violation".
CLEAN = "clean"
SEVERITY_NAMES: Mapping[int, str] = {1: "low", 2: "medium", 3: "high", 4: "critical"}
SEVERITY_LABELS_VI: Mapping[int, str] = {1: "thấp", 2: "trung bình", 3: "cao", 4: "nghiêm trọng"}
MIN_SEVERITY = 1
MAX_SEVERITY = 4

VerdictName = Literal["allow", "review", "block"]
VERDICTS: tuple[VerdictName, ...] = ("allow", "review", "block")
PolicyAction = Literal["block", "review", "ignore"]


class ModelLike(Protocol):
    """What the engine needs from a classifier model (E3's `Model` satisfies it)."""

    @property
    def version(self) -> str: ...


class Hit(NamedTuple):
    """One piece of evidence from one detector; `start`/`end` index the ORIGINAL text.

    `rule` is a stable id (a lexicon term id, a pattern rule id, or `classifier.<label>`);
    `reason` overrides the category's default reason; `confidence` is 0..1 (1 for exact rules).
    Immutable; a named tuple rather than a frozen dataclass because it is made for every piece
    of evidence and costs half as much to build.
    """

    category: str
    start: int
    end: int
    severity: int
    rule: str | None = None
    target: str | None = None
    reason: str | None = None
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Citation:
    key: str
    title: str
    kind: Literal["code", "law"]

    def to_dict(self) -> dict[str, str]:
        return {"key": self.key, "title": self.title, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class Finding:
    """A hit explained for people: reason, citations and suggested action, in Vietnamese."""

    category: str
    target: str | None
    severity: int
    start: int
    end: int
    text: str
    detector: str
    reason: str
    citations: tuple[Citation, ...]
    action: str
    rule: str | None

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.start, self.end, self.category, self.detector)

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "target": self.target,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "detector": self.detector,
            "reason": self.reason,
            "citations": [c.to_dict() for c in self.citations],
            "action": self.action,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Verdict:
    verdict: VerdictName
    findings: tuple[Finding, ...] = ()
    versions: Mapping[str, str] = field(default_factory=dict)

    @property
    def categories(self) -> tuple[str, ...]:
        """Distinct categories of the findings, in the fixed CATEGORIES order."""
        present = {f.category for f in self.findings}
        return tuple(c for c in CATEGORIES if c in present) + tuple(
            sorted(present.difference(CATEGORIES))
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "findings": [f.to_dict() for f in self.findings],
            "categories": list(self.categories),
            "versions": dict(self.versions),
        }
