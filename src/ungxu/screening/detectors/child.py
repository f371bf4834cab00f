"""Child safety: sexualising or grooming cues near a child, and a child's identity exposed.

1. Cue phrases from `patterns/child.toml` `[[terms]]` (each with `only_near` child words) →
   `child_safety`, severity 4.
2. Identity rule, per sentence of the original text: something that makes the person a child
   (age under 16, class 1–9, a kindergarten/primary/lower-secondary school) together with
   something that identifies them (a name after a child word such as `bé`/`cháu`, a school name,
   an address or a phone number) → `child_safety`, severity 3. Two distinct elements are needed,
   so "cháu 10 tuổi" alone or "trường tiểu học Kim Đồng" alone pass.

Speed: "tuổi", "lớp" and "trường" are gate words of the shared automaton pass; a text with none
of them (most) is done at once, and the school pattern is tried only where "trường" occurs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ungxu.screening.detectors.base import Resources
from ungxu.screening.detectors.pii import _compiled as pii_compiled
from ungxu.screening.detectors.pii import find_addresses, find_phones
from ungxu.screening.detectors.support import PerData, search_text_of, str_list
from ungxu.screening.matcher import hits_from_matches, padded_words
from ungxu.screening.normalize import NormalizedText, fold
from ungxu.screening.registry import register
from ungxu.screening.types import Hit

CATEGORY = "child_safety"
# Age, class and school words (padded folded form); the identity rule needs one of them.
_AGE_OR_CLASS = frozenset((" tuoi ", " lop "))
_SCHOOL = frozenset((" truong ",))  # `_Compiled.school_gate` starts with it
_ANCHORS = _AGE_OR_CLASS | _SCHOOL
_SENTENCE_RE = re.compile(r"[^.!?\n;]+")
_AGE_RE = re.compile(r"(?<!\d)(\d{1,2})\s*tuoi\b")
_GRADE_RE = re.compile(r"(?<![^\W_])lop\s*(\d{1,2})(?:\s*[a-z]\d?)?(?![\d])")


@dataclass(frozen=True)
class _Compiled:
    name: re.Pattern[str] | None
    school: re.Pattern[str] | None
    max_age: int
    max_grade: int
    school_gate: re.Pattern[str] | None  # "truong <kind>" on the padded folded words


def _compile(data: Mapping[str, Any]) -> _Compiled:
    identity = data.get("identity", {})
    cues = sorted(str_list(identity, "name_cues"), key=len, reverse=True)
    kinds = sorted(str_list(identity, "school_kinds"), key=len, reverse=True)
    name = (
        re.compile(
            r"(?<![^\W_])(?i:" + "|".join(re.escape(c) for c in cues) + r")"
            r"\s+(?:tên\s+(?:là\s+)?)?[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][^\W\d_]*(?:\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][^\W\d_]*){0,3}"
        )
        if cues
        else None
    )
    school = (
        re.compile(
            r"(?<![^\W_])(?i:trường)\s+(?i:" + "|".join(re.escape(k) for k in kinds) + r")"
            r"(?:\s+(?:[A-ZĐ][^\W_]*|\d{1,3}))+"
        )
        if kinds
        else None
    )
    return _Compiled(
        name=name,
        school=school,
        max_age=int(identity.get("max_age", 16)),
        max_grade=int(identity.get("max_grade", 9)),
        school_gate=(
            re.compile(r" truong +(?:" + "|".join(re.escape(fold(k.lower())) for k in kinds) + ") ")
            if kinds
            else None
        ),
    )


_compiled = PerData(_compile)


@register
class ChildDetector:
    name = "child"

    def gate_words(self, patterns: Mapping[str, Mapping[str, Any]]) -> Iterable[str]:
        return _ANCHORS

    def detect(self, doc: NormalizedText, resources: Resources) -> Iterable[Hit]:
        matches = resources.term_matches(doc, "child")
        hits = hits_from_matches(doc, matches, soften_folded=False) if matches else []
        data = resources.patterns.get("child")
        if data is None:
            return hits
        # Something must make the person a child: an age or a class (both need a digit) or a
        # school of children ("trường tiểu học"). Most comments have none, and "trường" alone
        # ("môi trường", "thị trường") is common, so that is tested first, cheaply.
        anchors = resources.gate_positions(doc, _ANCHORS)
        if not anchors:
            return hits
        c = _compiled.get(data)
        digits = bool(doc.memo.get("digits", True))
        if not (
            (digits and resources.gate_positions(doc, _AGE_OR_CLASS))
            or self._school_word(doc, c, resources)
        ):
            return hits
        # Only the sentences holding one of these words are examined.
        original = doc.original
        lowered = search_text_of(doc)
        spots = [doc.to_original(i, i + 1)[0] for i in anchors]
        pii_data = resources.patterns.get("pii")
        pii = pii_compiled.get(pii_data) if pii_data else None
        for sentence in _SENTENCE_RE.finditer(original):
            a, b = sentence.span()
            if not any(a <= spot < b for spot in spots):
                continue
            hit = self._identity(original, lowered, a, b, c, pii)
            if hit is not None:
                hits.append(hit)
        return hits

    @staticmethod
    def _school_word(doc: NormalizedText, c: _Compiled, resources: Resources) -> bool:
        """Whether "trường <kind of children's school>" occurs on the padded word view, tried
        only where the shared pass saw " truong " (the pattern's first word)."""
        gate = c.school_gate
        if gate is None:
            return False
        padded = padded_words(doc)
        return any(gate.match(padded, i) for i in resources.gate_positions(doc, _SCHOOL))

    @staticmethod
    def _identity(
        original: str, lowered: str, start: int, end: int, c: _Compiled, pii: Any
    ) -> Hit | None:
        child: list[tuple[int, int]] = []
        ident: list[tuple[int, int]] = []
        for m in _AGE_RE.finditer(lowered, start, end):
            if int(m.group(1)) < c.max_age:
                child.append(m.span())
        for m in _GRADE_RE.finditer(lowered, start, end):
            if 1 <= int(m.group(1)) <= c.max_grade:
                child.append(m.span())
        if c.school is not None:
            for m in c.school.finditer(original, start, end):
                child.append(m.span())
                ident.append(m.span())
        if not child:
            return None
        if c.name is not None:
            ident.extend(m.span() for m in c.name.finditer(original, start, end))
        if pii is not None:
            segment = original[start:end]
            ident.extend(
                (start + a, start + b)
                for a, b, _ in find_addresses(segment, pii, None, lowered[start:end])
            )
            ident.extend(
                (start + a, start + b) for a, b, _ in find_phones(segment, pii, lowered[start:end])
            )
        elements = set(child) | set(ident)
        if not ident or len(elements) < 2:
            return None
        first = min(a for a, _ in elements)
        last = max(b for _, b in elements)
        return Hit(
            CATEGORY,
            first,
            last,
            3,
            "child.identity",
            reason="Nội dung làm lộ thông tin nhận dạng trẻ em (tuổi/lớp cùng tên, trường, địa chỉ hoặc số điện thoại).",
        )
