"""The detector registry: one place that knows which detectors run, in a fixed order.

Detectors register with the `@register` class decorator (the class is instantiated once, with no
arguments). Built-in detector modules are imported on first use; a module that is not present yet
(for instance the classifier before it is written) is skipped, any other import error is raised.
"""

from __future__ import annotations

import importlib
from typing import TypeVar

from ungxu.screening.detectors.base import Detector

__all__ = ["BUILTIN_MODULES", "detector_names", "detectors", "get", "register"]

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

D = TypeVar("D", bound=type)


def register(cls: D) -> D:
    """Class decorator: instantiate `cls` and register it under `cls.name`."""
    instance: Detector = cls()
    name = instance.name
    existing = _REGISTRY.get(name)
    if existing is not None and type(existing).__qualname__ != cls.__qualname__:
        raise ValueError(f"Trùng tên bộ phát hiện: {name!r}")
    global _sorted
    _REGISTRY[name] = instance
    _sorted = None
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


def detector_names() -> tuple[str, ...]:
    return tuple(d.name for d in detectors())


def get(name: str) -> Detector:
    _load_builtins()
    return _REGISTRY[name]
