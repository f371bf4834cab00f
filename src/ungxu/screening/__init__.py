"""The screening engine: Vietnamese text → verdict with findings that cite the Code.

Pure Python, no Django. Contracts in docs/engine.md; `screen()` is the entry point.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ungxu.screening.data_loading import DataError
from ungxu.screening.detectors.base import Detector, Resources
from ungxu.screening.engine import ENGINE_VERSION, screen
from ungxu.screening.normalize import NormalizedText, TextDecodeError, normalize, read_text_file
from ungxu.screening.policy import ExtraTerm, Policy
from ungxu.screening.registry import register
from ungxu.screening.resources import clear_caches, default_resources
from ungxu.screening.types import (
    CATEGORIES,
    CLEAN,
    SEVERITY_NAMES,
    TARGETS,
    Citation,
    Finding,
    Hit,
    Verdict,
)

if TYPE_CHECKING:
    from ungxu.screening.model import Model

__all__ = [
    "CATEGORIES",
    "CLEAN",
    "ENGINE_VERSION",
    "SEVERITY_NAMES",
    "TARGETS",
    "Citation",
    "DataError",
    "Detector",
    "ExtraTerm",
    "Finding",
    "Hit",
    "Model",
    "NormalizedText",
    "Policy",
    "Resources",
    "TextDecodeError",
    "Verdict",
    "clear_caches",
    "default_resources",
    "normalize",
    "read_text_file",
    "register",
    "screen",
]


def __getattr__(name: str) -> Any:
    # The model module pulls in numpy; import it only when someone asks for `Model`.
    if name == "Model":
        from ungxu.screening.model import Model

        return Model
    raise AttributeError(name)
