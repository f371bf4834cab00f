"""Fixtures for the engine's own tests: a small fixture data dir next to the shipped data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ungxu.screening import Verdict, screen
from ungxu.screening.detectors.base import Resources
from ungxu.screening.resources import build_resources

FIXTURE_DATA = Path(__file__).with_name("fixtures") / "data"


@pytest.fixture(scope="session")
def fixture_resources() -> Resources:
    """Fixture lexicons/teencode; every other data file comes from the shipped data."""
    return build_resources(FIXTURE_DATA.resolve())


@pytest.fixture(scope="session")
def check(fixture_resources: Resources) -> Callable[..., Verdict]:
    """`screen()` on the fixture data, without the classifier (rules only, deterministic)."""

    def run(text: str, **kwargs: object) -> Verdict:
        return screen(text, classifier=False, resources=fixture_resources, **kwargs)  # type: ignore[arg-type]

    return run
