"""The detector contract: what a detector is given and what it must return.

A detector is a small object with a unique `name` and a `detect(doc, resources)` method that
yields `Hit`s whose `start`/`end` index `doc.original`. It must not raise on any input and must
run in time linear in the text. It reads everything it needs from `Resources` (built once and
cached, so detectors keep no global state of their own) and never imports Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from ungxu.screening.normalize import NormalizedText, Normalizer
from ungxu.screening.types import Hit, ModelLike

if TYPE_CHECKING:
    from ungxu.screening.citations import Catalog
    from ungxu.screening.matcher import Match, PhraseIndex

__all__ = ["Detector", "Resources"]


@dataclass(frozen=True)
class Resources:
    """Everything loaded from the data directory, shared read-only by all detectors.

    - `normalizer`: the `Normalizer` built with the teencode table and the lexicon vocabulary.
    - `terms`: ONE `PhraseIndex` over every `lexicons/<category>.toml` term and every pattern
      cue file (`patterns/<name>.toml` with `[[terms]]`); `Term.source` says where a term came
      from (`lexicon`, `ads`, `claims`, `child`…). Use `term_matches(doc)`: one automaton pass
      per document, shared by all detectors through `doc.memo`.
    - `context`: ONE `PhraseIndex` of the `allow.toml` phrases (`Term.category == "allow"`)
      and reporting contexts (`"reporting"`): the engine reads both in one pass.
    - `patterns`: the raw TOML of every `patterns/*.toml` (lists such as CCCD province codes,
      mobile prefixes, bank names, shortener domains), keyed by file stem.
    - `teencode`: short form → expansion, as read from `teencode.tsv`.
    - `catalog`: Code clauses, legal references and category data (citations, thresholds).
    - `data_version`: short sha256 over the data files' bytes (the "lexicon" version).
    - `model`: the classifier model, or None when none is available (the classifier detector
      then yields nothing).
    """

    data_dir: Path
    normalizer: Normalizer
    terms: PhraseIndex
    context: PhraseIndex
    patterns: Mapping[str, Mapping[str, Any]]
    teencode: Mapping[str, str]
    catalog: Catalog
    data_version: str
    model: ModelLike | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    _variants: dict[int, Resources] = field(
        default_factory=dict, repr=False, compare=False, hash=False
    )

    def with_model(self, model: ModelLike | None) -> Resources:
        """These resources with another model (cached: screening calls this per text)."""
        if model is self.model:
            return self
        cache = self._variants
        key = id(model)
        found = cache.get(key)
        if found is None or found.model is not model:
            if len(cache) > 16:
                cache.clear()
            found = replace(self, model=model, _variants={})
            cache[key] = found
        return found

    def term_matches(self, doc: NormalizedText, source: str | None = None) -> list[Match]:
        """Matches of `terms` in `doc` (computed once per document), optionally of one source."""
        by_source = doc.memo.get("terms_by_source")
        if by_source is None:
            by_source = self._scan(doc)
        return by_source.get(source, _NONE)  # type: ignore[attr-defined,no-any-return]

    def _scan(self, doc: NormalizedText) -> dict[str | None, list[Match]]:
        memo = doc.memo
        matches, gates = self.terms.scan(doc)
        grouped: dict[str | None, list[Match]] = _NO_MATCHES  # most texts: nothing to group
        if matches:
            # Grouped once so the five cue detectors do not each filter the whole list.
            grouped = {None: matches}
            for m in matches:
                grouped.setdefault(m.term.source, []).append(m)
        # (Shared empty values for the common case: nothing per document for the GC to track.)
        memo["terms"] = matches if matches else _NONE
        memo["terms_by_source"] = grouped
        memo["gates"] = gates if gates else _NO_GATES
        return grouped

    def gate_positions(self, doc: NormalizedText, needles: frozenset[str]) -> list[int]:
        """Sorted starts, in `padded_words(doc)`, of the gate words `needles` (padded form such
        as `" otp "`). Read from the shared automaton pass when the index holds them all (the
        detector declared them in `gate_words`), else found with a small automaton of their own."""
        if not self.terms.holds_gates(needles):  # cached per gate set by the index
            from ungxu.screening.detectors.support import find_all
            from ungxu.screening.matcher import padded_words

            return find_all(padded_words(doc), tuple(sorted(needles)))
        gates = doc.memo.get("gates")
        if gates is None:
            self._scan(doc)
            gates = doc.memo["gates"]
        found: dict[str, list[int]] = gates  # type: ignore[assignment]
        if not found or needles.isdisjoint(found):  # the common answer, with no allocation
            return []
        present = needles.intersection(found)
        if len(present) == 1:
            return list(found[next(iter(present))])
        return sorted({p for gate in present for p in found[gate]})


# Shared read-only answers (callers never modify the lists `term_matches` returns).
_NONE: list[Match] = []
_NO_MATCHES: dict[str | None, list[Match]] = {None: _NONE}
_NO_GATES: dict[str, list[int]] = {}


class Detector(Protocol):
    """A registered detector. `name` is unique and appears as `Finding.detector`.

    Optionally, `gate_words(patterns) -> Iterable[str]` names the words (padded folded form,
    `" otp "`) without which the detector has nothing to do; they ride along in the shared
    automaton pass and are read back with `Resources.gate_positions`. A detector that only turns
    term matches into hits sets `terms_only = True`: the engine does not call it for a text
    with no term match at all.
    """

    name: ClassVar[str]

    def detect(self, doc: NormalizedText, resources: Resources) -> Iterable[Hit]: ...
