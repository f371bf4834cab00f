"""`screen()`: normalize once, run every detector, apply context and policy, decide.

Order of work for one text:
1. normalize (`Resources.normalizer`);
2. every registered detector yields hits in original offsets (a text where the shared term pass
   matched nothing skips the `terms_only` ones); the policy's extra terms add hits;
3. context: a text-cue hit (lexicon, cue and policy detectors) lying inside an allow phrase (data
   or policy) is dropped; a hit near a reporting context ("cảnh báo", "bị xử phạt vì"…) of its
   category is downgraded: news about a scam is not a scam, so a downgraded finding is kept (with
   a note in its reason, severity lowered by two and below the category's `review_at`) but never
   drives `review` or `block`, whatever the policy;
4. hits become findings (reason, citations in force on `on`, action); a classifier finding that
   overlaps a rule finding (lexicon, patterns, policy) of the same category gives way to it, so
   the highlight shows the offending words, not the model's neighbouring evidence (the rule
   finding takes the classifier's severity when higher, unless it was downgraded by a reporting
   context); overlapping findings of the same category and target are merged, keeping the
   strongest;
5. the policy drops `ignore`d categories; the verdict is the strongest decision over findings:
   `block` at severity ≥ `block_at`, `review` at ≥ `review_at` (a policy `block` blocks from
   `review_at`, a policy `review` never blocks).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import time
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import cast

from ungxu.screening.detectors.base import Resources
from ungxu.screening.matcher import hits_from_matches
from ungxu.screening.normalize import NormalizedText
from ungxu.screening.policy import Policy
from ungxu.screening.registry import detectors, detectors_beyond_terms
from ungxu.screening.resources import default_resources
from ungxu.screening.types import (
    MIN_SEVERITY,
    Finding,
    Hit,
    ModelLike,
    Verdict,
    VerdictName,
)

__all__ = ["ENGINE_VERSION", "default_model", "screen"]

ENGINE_VERSION = "1.1.0"
# Detectors whose hits are word cues and so obey allow phrases; personal-data, link and
# credential patterns are facts about the text that no phrase makes harmless.
CUE_DETECTORS = frozenset({"lexicon", "ads", "claims", "health", "scams", "policy", "classifier"})
REPORTING_DOWNGRADE = 2
CLASSIFIER = "classifier"
REPORTING_NOTE = " (Xuất hiện trong ngữ cảnh đưa tin, cảnh báo hoặc lên án nên đã hạ mức độ.)"
_RANK: dict[VerdictName, int] = {"allow": 0, "review": 1, "block": 2}
_WORD_RE = re.compile(r"[^\W_]+")

log = logging.getLogger(__name__)
_model_lock = threading.Lock()
_models: dict[Path, object] = {}
_MISSING = object()


def default_model(resources: Resources | None = None) -> ModelLike | None:
    """The shipped model (`<data>/model/default.json.gz`), loaded once; None when absent."""
    res = resources or default_resources()
    cached = _models.get(res.data_dir, _MISSING)
    if cached is not _MISSING:
        return cast("ModelLike | None", cached)
    with _model_lock:
        path = res.data_dir / "model" / "default.json.gz"
        if not path.is_file():
            path = Path(__file__).with_name("data") / "model" / "default.json.gz"
        model: ModelLike | None = None
        if path.is_file():
            try:
                from ungxu.screening.model import Model

                model = Model.load(path)
            except (ImportError, ValueError) as exc:
                log.warning("Không nạp được mô hình %s: %s", path, exc)
        _models[res.data_dir] = model
        return model


class _OriginalWords:
    """Word positions in the original text, for reporting-context distances."""

    def __init__(self, original: str) -> None:
        self.starts = [m.start() for m in _WORD_RE.finditer(original)]

    def index_range(self, start: int, end: int) -> tuple[int, int]:
        return bisect_right(self.starts, start) - 1, bisect_left(self.starts, end)


def _apply_context(
    doc: NormalizedText,
    res: Resources,
    policy: Policy | None,
    hits: list[tuple[str, Hit]],
    downgraded: set[tuple[str, int, int, str | None]],
) -> list[tuple[str, Hit]]:
    """Allow phrases and reporting contexts; fills `downgraded` with (category, start, end,
    rule) of every hit lowered by a reporting context (see the module docstring)."""
    if not any(name in CUE_DETECTORS for name, _ in hits):
        return hits
    context = res.context.find(doc)
    allow = [m for m in context if m.term.category == "allow"]
    reporting = [m for m in context if m.term.category == "reporting"]
    if policy is not None:
        allow += policy.allow_matches(doc, res.normalizer)
    allowed = [doc.to_original(m.start, m.end) for m in allow]
    words: _OriginalWords | None = None
    out: list[tuple[str, Hit]] = []
    for name, hit in hits:
        if name in CUE_DETECTORS:
            if any(a <= hit.start and hit.end <= b for a, b in allowed):
                continue
            for m in reporting:
                if hit.category not in m.term.categories:
                    continue
                words = words or _OriginalWords(doc.original)
                r_start, r_end = doc.to_original(m.start, m.end)
                h_first, h_last = words.index_range(hit.start, hit.end)
                r_first, r_last = words.index_range(r_start, r_end)
                gap = max(r_first - h_last, h_first - r_last, 0)
                if gap <= m.term.window:
                    info = res.catalog.category(hit.category)
                    severity = min(hit.severity - REPORTING_DOWNGRADE, info.review_at - 1)
                    hit = Hit(
                        category=hit.category,
                        start=hit.start,
                        end=hit.end,
                        severity=max(MIN_SEVERITY, severity),
                        rule=hit.rule,
                        target=hit.target,
                        reason=(hit.reason or info.reason) + REPORTING_NOTE,
                        confidence=hit.confidence,
                    )
                    downgraded.add((hit.category, hit.start, hit.end, hit.rule))
                    break
        out.append((name, hit))
    return out


def _prefer_rules(
    items: list[tuple[Finding, float]], downgraded: set[tuple[str, int, int, str | None]]
) -> list[tuple[Finding, float]]:
    """Classifier findings overlapping a rule finding of their category give way to it."""
    model = [fc for fc in items if fc[0].detector == CLASSIFIER]
    if not model or len(model) == len(items):
        return items
    rules = [fc for fc in items if fc[0].detector != CLASSIFIER]
    kept: list[tuple[Finding, float]] = []
    for found, confidence in model:
        overlapping = [
            i
            for i, (r, _) in enumerate(rules)
            if r.category == found.category and r.start < found.end and found.start < r.end
        ]
        if not overlapping:
            kept.append((found, confidence))
            continue
        for i in overlapping:
            rule, rule_confidence = rules[i]
            key = (rule.category, rule.start, rule.end, rule.rule)
            if found.severity > rule.severity and key not in downgraded:
                rules[i] = (replace(rule, severity=found.severity), rule_confidence)
    return rules + kept


def _merge(items: list[tuple[Finding, float]]) -> list[Finding]:
    """Overlapping findings of one (category, target) collapse to the strongest one."""
    groups: dict[tuple[str, str], list[tuple[Finding, float]]] = {}
    for finding, confidence in items:
        groups.setdefault((finding.category, finding.target or ""), []).append(
            (finding, confidence)
        )
    merged: list[Finding] = []
    for group in groups.values():
        group.sort(key=lambda fc: (fc[0].start, fc[0].end, fc[0].detector, fc[0].rule or ""))
        cluster: list[tuple[Finding, float]] = []
        cluster_end = -1
        for finding, confidence in group:
            if cluster and finding.start >= cluster_end:
                merged.append(_strongest(cluster))
                cluster, cluster_end = [], -1
            cluster.append((finding, confidence))
            cluster_end = max(cluster_end, finding.end)
        if cluster:
            merged.append(_strongest(cluster))
    return merged


def _strongest(cluster: list[tuple[Finding, float]]) -> Finding:
    return min(
        cluster,
        key=lambda fc: (
            -fc[0].severity,
            -fc[1],
            -(fc[0].end - fc[0].start),
            fc[0].start,
            fc[0].detector,
            fc[0].rule or "",
        ),
    )[0]


def _decide(
    finding: Finding,
    res: Resources,
    policy: Policy | None,
    downgraded: set[tuple[str, int, int, str | None]],
) -> VerdictName:
    if downgraded and (finding.category, finding.start, finding.end, finding.rule) in downgraded:
        return "allow"
    info = res.catalog.category(finding.category)
    action = policy.actions.get(finding.category) if policy is not None else None
    if finding.severity >= info.review_at:
        if action == "block":
            return "block"
        if action == "review":
            return "review"
        return "block" if finding.severity >= info.block_at else "review"
    return "allow"


_day: tuple[float, float, dt.date] = (0.0, 0.0, dt.date.min)


def _today() -> dt.date:
    """Today's local date (`dt.date.today()` reads the clock and the time zone on every call;
    the current day's bounds are kept instead)."""
    global _day
    now = time.time()
    start, end, day = _day
    if start <= now < end:
        return day
    day = dt.date.today()
    midnight = dt.time()
    start = dt.datetime.combine(day, midnight).timestamp()
    end = dt.datetime.combine(day + dt.timedelta(days=1), midnight).timestamp()
    _day = (start, end, day)
    return day


_Prepared = tuple[Resources, ModelLike | None, bool, Resources, Mapping[str, str], Verdict]
_prepared: dict[tuple[int, int, bool], _Prepared] = {}


def _prepare(
    given: Resources, model: ModelLike | None, classifier: bool
) -> tuple[Resources, Mapping[str, str], Verdict]:
    """The resources `screen()` runs with (the default model filled in when `model` is None and
    the classifier is on), their versions (read-only) and their verdict for a text without
    findings: built once per combination, since most texts are clean and share that answer."""
    key = (id(given), id(model), classifier)
    found = _prepared.get(key)
    if found is None or found[0] is not given or found[1] is not model:
        chosen = (model if model is not None else default_model(given)) if classifier else None
        res = given.with_model(chosen)
        # Warm start: the normalizer learns the model's everyday words before the first text.
        res.normalizer.learn(getattr(chosen, "known_words", ()))
        versions = MappingProxyType(
            {
                "engine": ENGINE_VERSION,
                "lexicon": res.data_version,
                "model": res.model.version if res.model is not None else "none",
            }
        )
        if len(_prepared) > 64:
            _prepared.clear()
        clean = Verdict(verdict="allow", findings=(), versions=versions)
        found = (given, model, classifier, res, versions, clean)
        _prepared[key] = found
    return found[3], found[4], found[5]


def screen(
    text: str,
    policy: Policy | None = None,
    *,
    on: dt.date | None = None,
    model: ModelLike | None = None,
    classifier: bool = True,
    resources: Resources | None = None,
) -> Verdict:
    """Screen one text. `model` defaults to the shipped model; `classifier=False` skips it."""
    if not isinstance(text, str):
        raise TypeError("screen() cần văn bản kiểu str (hãy giải mã tệp trước, ví dụ UTF-8).")
    res, versions, clean = _prepare(resources or default_resources(), model, classifier)
    doc = res.normalizer.normalize(text)

    hits: list[tuple[str, Hit]] = []
    # One shared term pass; without a term match, the term-only detectors have nothing to do.
    for detector in detectors() if res.term_matches(doc) else detectors_beyond_terms():
        found = detector.detect(doc, res)
        if found:  # most detectors return an empty tuple or list for most texts
            name = detector.name
            hits.extend([(name, hit) for hit in found])
    if policy is not None and policy.extra_terms:
        matches = policy.term_matches(doc, res.normalizer)
        hits.extend(("policy", hit) for hit in hits_from_matches(doc, matches))
    if not hits:
        return clean
    day = on or _today()
    downgraded: set[tuple[str, int, int, str | None]] = set()
    hits = _apply_context(doc, res, policy, hits, downgraded)

    items: list[tuple[Finding, float]] = []
    n = len(text)
    for name, hit in hits:
        start, end = max(0, hit.start), min(n, hit.end)
        if start >= end:
            continue
        if policy is not None and policy.actions.get(hit.category) == "ignore":
            continue
        info = res.catalog.category(hit.category)
        finding = Finding(
            category=hit.category,
            target=hit.target,
            severity=hit.severity,
            start=start,
            end=end,
            text=text[start:end],
            detector=name,
            reason=hit.reason or info.reason,
            citations=res.catalog.citations(hit.category, day),
            action=info.action,
            rule=hit.rule,
        )
        items.append((finding, hit.confidence))

    if len(items) == 1:  # the common case: nothing to reconcile
        findings = [items[0][0]]
    else:
        findings = sorted(
            _merge(_prefer_rules(items, downgraded)),
            key=lambda f: (*f.sort_key(), f.target or "", f.rule or ""),
        )
    verdict: VerdictName = "allow"
    for finding in findings:
        decision = _decide(finding, res, policy, downgraded)
        if _RANK[decision] > _RANK[verdict]:
            verdict = decision
    return Verdict(verdict=verdict, findings=tuple(findings), versions=versions)
