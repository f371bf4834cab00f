"""Per-organisation screening policy: category actions, extra terms, allow-listed terms.

A policy is plain data (`Policy.from_dict` / `to_dict`) so Django can keep it in a JSON field.
Extra terms and allow terms are matched with a small automaton built on first use and cached on
the policy object, so the shared lexicon automaton is never rebuilt per organisation.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from ungxu.screening.matcher import Match, PhraseIndex, Term
from ungxu.screening.normalize import NormalizedText, Normalizer
from ungxu.screening.types import (
    CATEGORIES,
    MAX_SEVERITY,
    MIN_SEVERITY,
    TARGETS,
    PolicyAction,
)

__all__ = ["ExtraTerm", "Policy"]

ACTIONS: tuple[PolicyAction, ...] = ("block", "review", "ignore")
_KNOWN_FIELDS = {"name", "actions", "extra_terms", "allow_terms"}


@dataclass(frozen=True, slots=True)
class ExtraTerm:
    term: str
    category: str
    severity: int = 2
    target: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "category": self.category,
            "severity": self.severity,
            "target": self.target,
        }


@dataclass(frozen=True)
class Policy:
    """`actions`: category → `block` | `review` | `ignore` (absent: the category's thresholds)."""

    actions: Mapping[str, PolicyAction] = field(default_factory=dict)
    extra_terms: tuple[ExtraTerm, ...] = ()
    allow_terms: tuple[str, ...] = ()
    name: str = ""
    _indexes: dict[int, tuple[PhraseIndex, PhraseIndex]] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )
    _lock: threading.Lock = field(
        default_factory=threading.Lock, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        for category, action in self.actions.items():
            if category not in CATEGORIES:
                raise ValueError(f"Chính sách: nhóm vi phạm {category!r} không hợp lệ (actions).")
            if action not in ACTIONS:
                raise ValueError(
                    f"Chính sách: hành động {action!r} cho nhóm {category!r} không hợp lệ; "
                    "chỉ nhận block, review hoặc ignore."
                )

    # -- construction from JSON ---------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: object) -> Policy:
        """Validate a JSON-like dict; raise ValueError naming the bad field (in Vietnamese)."""
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise ValueError("Chính sách phải là một đối tượng JSON (dict).")
        unknown = sorted(set(map(str, data)) - _KNOWN_FIELDS)
        if unknown:
            raise ValueError(f"Chính sách: trường không được hỗ trợ: {', '.join(unknown)}.")
        name = data.get("name", "")
        if not isinstance(name, str):
            raise ValueError("Chính sách: trường 'name' phải là chuỗi.")
        actions = data.get("actions", {}) or {}
        if not isinstance(actions, Mapping):
            raise ValueError("Chính sách: trường 'actions' phải là đối tượng {nhóm: hành động}.")
        extra_raw = data.get("extra_terms", []) or []
        if not isinstance(extra_raw, list):
            raise ValueError("Chính sách: trường 'extra_terms' phải là danh sách.")
        extra = tuple(_extra_term(item, i) for i, item in enumerate(extra_raw, 1))
        allow_raw = data.get("allow_terms", []) or []
        if not isinstance(allow_raw, list) or not all(
            isinstance(t, str) and t.strip() for t in allow_raw
        ):
            raise ValueError("Chính sách: trường 'allow_terms' phải là danh sách chuỗi khác rỗng.")
        return cls(
            actions=dict(cast(Mapping[str, PolicyAction], actions)),
            extra_terms=extra,
            allow_terms=tuple(t.strip() for t in allow_raw),
            name=name,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "actions": dict(sorted(self.actions.items())),
            "extra_terms": [t.to_dict() for t in self.extra_terms],
            "allow_terms": list(self.allow_terms),
        }

    # -- matching ----------------------------------------------------------------------------
    def _built(self, normalizer: Normalizer) -> tuple[PhraseIndex, PhraseIndex]:
        key = id(normalizer)
        built = self._indexes.get(key)
        if built is None:
            with self._lock:
                built = self._indexes.get(key)
                if built is None:
                    terms = [
                        (
                            Term(
                                id=f"policy.{i}",
                                category=t.category,
                                severity=t.severity,
                                target=t.target,
                                reason="Từ ngữ bị cấm theo chính sách của đơn vị.",
                            ),
                            [t.term],
                        )
                        for i, t in enumerate(self.extra_terms, 1)
                    ]
                    allow = [
                        (Term(id=f"policy.allow.{i}", category="allow"), [t])
                        for i, t in enumerate(self.allow_terms, 1)
                    ]
                    built = (
                        PhraseIndex(terms, normalizer),
                        PhraseIndex(allow, normalizer, strict_tones=False),
                    )
                    self._indexes.clear()  # one normalizer at a time in practice
                    self._indexes[key] = built
        return built

    def term_matches(self, doc: NormalizedText, normalizer: Normalizer) -> list[Match]:
        return self._built(normalizer)[0].find(doc) if self.extra_terms else []

    def allow_matches(self, doc: NormalizedText, normalizer: Normalizer) -> list[Match]:
        return self._built(normalizer)[1].find(doc) if self.allow_terms else []


def _extra_term(item: object, number: int) -> ExtraTerm:
    where = f"Chính sách: extra_terms, mục thứ {number}"
    if not isinstance(item, Mapping):
        raise ValueError(f"{where}: phải là đối tượng {{term, category, severity, target}}.")
    unknown = sorted(set(map(str, item)) - {"term", "category", "severity", "target"})
    if unknown:
        raise ValueError(f"{where}: trường không được hỗ trợ: {', '.join(unknown)}.")
    term = item.get("term")
    if not isinstance(term, str) or not term.strip():
        raise ValueError(f"{where}: trường 'term' phải là chuỗi khác rỗng.")
    category = item.get("category")
    if category not in CATEGORIES:
        raise ValueError(f"{where}: trường 'category' {category!r} không hợp lệ.")
    severity = item.get("severity", 2)
    if (
        not isinstance(severity, int)
        or isinstance(severity, bool)
        or not MIN_SEVERITY <= severity <= MAX_SEVERITY
    ):
        raise ValueError(f"{where}: trường 'severity' phải là số nguyên từ 1 đến 4.")
    target = item.get("target")
    if target is not None and target not in TARGETS:
        raise ValueError(f"{where}: trường 'target' {target!r} không hợp lệ.")
    return ExtraTerm(term=term.strip(), category=str(category), severity=severity, target=target)
