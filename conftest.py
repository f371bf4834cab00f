"""Fixtures for every test in the repository (apps under src/ and the browser tests)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ungxu.imports.testing import clear_rq_queue, isolate_rq_per_xdist_worker


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> Iterator[Path]:
    """Uploaded files, progress files, models and heartbeats go to a throwaway data directory;
    queued jobs to a Redis database of this test process alone (RQ runs in CI)."""
    settings.DATA_DIR = tmp_path
    isolate_rq_per_xdist_worker(settings)
    clear_rq_queue()
    yield tmp_path
