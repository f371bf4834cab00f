"""Shared pytest fixtures for every app (see ungxu.core.testing for the personas)."""

from __future__ import annotations

import pytest

from ungxu.core.testing import World, build_world


@pytest.fixture
def world(db: None) -> World:
    """A small organisation tree with one signed-in-able persona per role."""
    return build_world()
