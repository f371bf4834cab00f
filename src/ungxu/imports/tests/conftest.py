from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ungxu.imports.testing import clear_rq_queue


@pytest.fixture(autouse=True)
def data_dir(settings: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    """Uploaded files, progress files and heartbeats go to a throwaway data directory."""
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    clear_rq_queue()
    yield tmp_path
