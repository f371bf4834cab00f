"""The detector registry: one place that knows which detectors run, in a fixed order.

Detectors register with the `@register` class decorator (the class is instantiated once, with no
arguments). Built-in detector modules are imported on first use; a module that is not present yet
(for instance the classifier before it is written) is skipped, any other import error is raised.
"""

from __future__ import annotations

import importlib
from typing import TypeVar

from ungxu.screening.detectors.base import Detector

__all__ = [
    "BUILTIN_MODULES",
    "detector_names",
    "detectors",
    "detectors_beyond_terms",
    "get",
    "register",
]

BUILTIN_MODULES: tuple[str, ...] = (
    "ungxu.screening.detectors.lexicon",
    "ungxu.screening.detectors.pii",
    "ungxu.screening.detectors.links",
    "ungxu.screening.detectors.cues",
    "ungxu.screening.detectors.child",
    "ungxu.screening.detectors.credentials",
    "ungxu.screening.detectors.classifier",
)

_REGISTRY: dict[str, Detector] = {}
_loaded = False
_sorted: tuple[Detector, ...] | None = None
_beyond_terms: tuple[Detector, ...] | None = None

D = TypeVar("D", bound=type)


def register(cls: D) -> D:
    """Class decorator: instantiate `cls` and register it under `cls.name`."""
    instance: Detector = cls()
    name = instance.name
    existing = _REGISTRY.get(name)
    if existing is not None and type(existing).__qualname__ != cls.__qualname__:
        raise ValueError(f"Trùng tên bộ phát hiện: {name!r}")
    global _sorted, _beyond_terms
    _REGISTRY[name] = instance
    _sorted = _beyond_terms = None
    return cls


def _load_builtins() -> None:
    global _loaded
    if _loaded:
        return
    for module in BUILTIN_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
    _loaded = True


def detectors() -> tuple[Detector, ...]:
    """All registered detectors, sorted by name (a fixed order keeps verdicts deterministic)."""
    global _sorted
    if _sorted is None:
        _load_builtins()
        _sorted = tuple(_REGISTRY[name] for name in sorted(_REGISTRY))
    return _sorted


def detectors_beyond_terms() -> tuple[Detector, ...]:
    """The detectors that may find something in a text where the shared term pass matched no
    term: all but those declaring `terms_only = True` (they only turn term matches into hits),
    in the same order. The engine runs just these for such texts (most texts)."""
    global _beyond_terms
    if _beyond_terms is None:
        _beyond_terms = tuple(d for d in detectors() if not getattr(d, "terms_only", False))
    return _beyond_terms


def detector_names() -> tuple[str, ...]:
    return tuple(d.name for d in detectors())


def get(name: str) -> Detector:
    _load_builtins()
    return _REGISTRY[name]
