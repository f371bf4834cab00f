"""The public surface of ungxu.screening is exactly what docs/engine.md promises."""

from __future__ import annotations

import ungxu.screening as screening
from ungxu.screening.registry import detector_names


def test_the_public_names_are_what_we_mean() -> None:
    expected = {
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
    }
    assert set(screening.__all__) == expected
    for name in expected:
        assert getattr(screening, name) is not None


def test_every_builtin_detector_is_registered() -> None:
    assert {"lexicon", "pii", "links", "ads", "claims", "child", "credentials"} <= set(
        detector_names()
    )


def test_the_engine_never_imports_django() -> None:
    import subprocess
    import sys

    code = (
        "import sys, ungxu.screening as s; s.screen('xin chào', classifier=False); "
        "sys.exit(1 if 'django' in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
