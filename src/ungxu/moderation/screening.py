"""Screening inside the platform: per-organisation keyword rules as the engine's `Policy`, the
promoted model, and the priority/"needs a reply" reading of a verdict."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from ungxu.orgs.models import Organisation
from ungxu.screening import Policy, Verdict, screen

from .models import KeywordRule, ScreeningModel

# Severity given to an organisation's own terms: "block" must reach every category's block
# threshold, "review" must stay below it.
RULE_SEVERITY: dict[str, int] = {KeywordRule.Kind.BLOCK: 4, KeywordRule.Kind.REVIEW: 2}
QUESTION_CUES = (
    "?",
    "xin hỏi",
    "cho hỏi",
    "cho em hỏi",
    "cho tôi hỏi",
    "cho mình hỏi",
    "đề nghị",
    "kiến nghị",
    "phản ánh",
    "bao giờ",
    "khi nào",
    "làm sao",
    "thế nào",
    "ở đâu",
    "mong sở",
    "mong các cơ quan",
    "hướng dẫn giúp",
)

_model_lock = threading.Lock()
_model_cache: dict[str, Any] = {}


def policy_for(organisation: Organisation) -> Policy | None:
    """The keyword rules of the organisation and of every unit above it (a department's rules
    apply to its sub-units); None when there are none, so the engine's shared path is used."""
    paths = [a.path for a in organisation.ancestors()] + [organisation.path]
    rules = list(
        KeywordRule.objects.filter(organisation__path__in=paths).values_list(
            "term", "kind", "category"
        )
    )
    if not rules:
        return None
    extra = [
        {"term": term, "category": category or "offensive", "severity": RULE_SEVERITY[kind]}
        for term, kind, category in rules
        if kind != KeywordRule.Kind.ALLOW
    ]
    allow = [term for term, kind, _ in rules if kind == KeywordRule.Kind.ALLOW]
    return Policy.from_dict(
        {"name": organisation.code, "extra_terms": extra, "allow_terms": allow, "actions": {}}
    )


def active_model() -> Any:
    """The promoted retrained model, loaded once per file; None → the engine's shipped model."""
    promoted = (
        ScreeningModel.objects.filter(state=ScreeningModel.State.PROMOTED)
        .values_list("path", flat=True)
        .first()
    )
    if not promoted or not Path(promoted).exists():
        return None
    with _model_lock:
        if promoted not in _model_cache:
            from ungxu.screening.model import Model

            _model_cache.clear()
            _model_cache[promoted] = Model.load(promoted)
        return _model_cache[promoted]


def check(text: str, organisation: Organisation | None = None) -> Verdict:
    policy = policy_for(organisation) if organisation is not None else None
    return screen(text, policy, model=active_model())


def priority_of(verdict: Verdict, needs_reply: bool) -> int:
    """0 (nothing to do) … 4 (critical finding); an unanswered question is at least 2."""
    top = max((f.severity for f in verdict.findings), default=0)
    if verdict.verdict == "allow":
        top = 0
    return max(top, 2) if needs_reply else top


def looks_like_question(text: str, kind: str) -> bool:
    """Questions, requests and complaints from the public deserve an answer on time."""
    if kind == "post":
        return False
    lowered = text.casefold()
    return any(cue in lowered for cue in QUESTION_CUES)
