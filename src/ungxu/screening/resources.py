"""Building the shared, read-only `Resources` from a data directory (cached per directory).

Building reads every TOML/TSV file, normalizes every lexicon form with the same normalizer the
texts go through and compiles the automata: tens of milliseconds, done once per process.
"""

from __future__ import annotations

import itertools
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from ungxu.screening.citations import load_catalog
from ungxu.screening.data_loading import (
    PACKAGE_DATA,
    TermForms,
    data_dir,
    data_fingerprint,
    find_data_file,
    lexicon_files,
    load_allow,
    load_teencode,
    load_term_file,
    read_toml,
)
from ungxu.screening.detectors.base import Resources
from ungxu.screening.matcher import PhraseIndex
from ungxu.screening.normalize import Normalizer, canonical, fold

__all__ = ["build_resources", "clear_caches", "default_resources"]

_lock = threading.Lock()


def _pattern_files(root: Path) -> list[Path]:
    """`patterns/*.toml` of the override dir, plus shipped ones it does not replace."""
    files: dict[str, Path] = {}
    for folder in (PACKAGE_DATA / "patterns", root / "patterns"):
        if folder.is_dir():
            for path in folder.glob("*.toml"):
                files[path.stem] = path
    return [files[stem] for stem in sorted(files)]


def _strings(data: object) -> set[str]:
    """Every word of every string in a pattern vocabulary (nested lists and tables)."""
    if isinstance(data, str):
        return {w for w in canonical(data).split() if w.isalpha()}
    if isinstance(data, dict):
        return {w for value in data.values() for w in _strings(value)}
    if isinstance(data, list):
        return {w for value in data for w in _strings(value)}
    return set()


def _gate_words(patterns: dict[str, dict[str, Any]]) -> set[str]:
    """The gate words of every registered detector (`gate_words(patterns)`, optional): they ride
    along in the lexicon automaton so one pass over a text serves every detector."""
    from ungxu.screening.registry import detectors

    words: set[str] = set()
    for detector in detectors():
        gate_words = getattr(detector, "gate_words", None)
        if gate_words is not None:
            words.update(gate_words(patterns))
    return words


@lru_cache(maxsize=8)
def build_resources(root: Path) -> Resources:
    """Load everything under `root` (files missing there come from the shipped data)."""
    teencode_path = find_data_file(root, "teencode.tsv")
    teencode = load_teencode(teencode_path)

    seen: set[str] = set()
    lexicon_terms: list[TermForms] = []
    allow_terms: list[TermForms] = []
    reporting_terms: list[TermForms] = []
    lex_files = lexicon_files(root)
    for path in lex_files:
        if path.stem == "allow":
            allow_terms, reporting_terms = load_allow(path)
        else:
            lexicon_terms.extend(load_term_file(path, seen))

    pattern_files = _pattern_files(root)
    patterns: dict[str, dict[str, Any]] = {}
    cue_terms: dict[str, list[TermForms]] = {}
    for path in pattern_files:
        data = read_toml(path)
        patterns[path.stem] = data
        if "terms" in data:
            cue_terms[path.stem] = load_term_file(path, seen, source=path.stem)

    # Lexicon words first, then cue words, then the pattern vocabularies' words ("cccd", "stk"):
    # the order decides ambiguous `*` repairs; membership protects tokens from "repairs".
    vocabulary = [
        *sorted({w for _, forms in lexicon_terms for f in forms for w in canonical(f).split()}),
        *sorted(
            {
                w
                for name in sorted(cue_terms)
                for _, forms in cue_terms[name]
                for f in forms
                for w in canonical(f).split()
            }
        ),
        *sorted({w for data in patterns.values() for w in _strings(data)}),
    ]
    bigrams = {
        f"{a} {b}"
        for group in (lexicon_terms, *cue_terms.values())
        for _, forms in group
        for form in forms
        for words in [fold(canonical(form)).split()]
        for a, b in itertools.pairwise(words)
    }
    normalizer = Normalizer(teencode, vocabulary, bigrams)
    files = [
        teencode_path,
        find_data_file(root, "confusables.tsv"),
        find_data_file(root, "code_of_conduct.toml"),
        find_data_file(root, "legal_refs.toml"),
        find_data_file(root, "categories.toml"),
        *lex_files,
        *pattern_files,
    ]
    return Resources(
        data_dir=root,
        normalizer=normalizer,
        terms=PhraseIndex(
            [*lexicon_terms, *(t for name in sorted(cue_terms) for t in cue_terms[name])],
            normalizer,
            gates=_gate_words(patterns),
        ),
        context=PhraseIndex([*allow_terms, *reporting_terms], normalizer, strict_tones=False),
        patterns=patterns,
        teencode=teencode,
        catalog=load_catalog(root),
        data_version=data_fingerprint(files),
    )


_current: Resources | None = None


def default_resources() -> Resources:
    """Resources for `UNGXU_SCREENING_DATA` or the shipped data (built once, thread-safe).

    The variable is read when the resources are first built: `screen()` asks for them on every
    text, and an environment lookup would cost it a few percent. After changing the variable
    (or the data files), call `clear_caches()`."""
    current = _current
    if current is not None:
        return current
    return _load_default()


def _load_default() -> Resources:
    global _current
    with _lock:
        if _current is None:
            _current = build_resources(data_dir().resolve())
        return _current


def clear_caches() -> None:
    """Forget loaded data (after an administrator changed the data files)."""
    global _current
    _current = None
    from ungxu.screening import engine

    engine._models.clear()
    engine._prepared.clear()
    build_resources.cache_clear()
    load_catalog.cache_clear()
