"""The packages export exactly the names other apps are meant to use."""

from __future__ import annotations

from pathlib import Path

import ungxu.campaigns_core as campaigns_core
import ungxu.socials_core as socials_core


def test_socials_core_exports_its_building_blocks() -> None:
    assert set(socials_core.__all__) == {
        "DEFAULT_THRESHOLD",
        "PLATFORMS",
        "Account",
        "AccountAddress",
        "HandleError",
        "Match",
        "compare",
        "guess_platform",
        "normalise_handle",
        "rank_candidates",
    }
    assert all(hasattr(socials_core, name) for name in socials_core.__all__)


def test_campaigns_core_exports_the_quiz() -> None:
    assert {"load_bank", "draw_paper", "score_attempt", "attempt_status"} <= set(
        campaigns_core.__all__
    )
    assert all(hasattr(campaigns_core, name) for name in campaigns_core.__all__)


def test_the_building_blocks_do_not_import_django() -> None:
    import importlib
    import re

    for module in (
        "ungxu.socials_core.lookalike",
        "ungxu.socials_core.handles",
        "ungxu.socials_core.posture",
        "ungxu.campaigns_core.quiz",
    ):
        source = importlib.import_module(module).__file__
        assert source is not None
        text = Path(source).read_text(encoding="utf-8")
        imports = re.findall(r"^\s*(?:from|import)\s+(\S+)", text, re.MULTILINE)
        assert not [name for name in imports if name.startswith("django")], module
