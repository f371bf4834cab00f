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


@pytest.fixture(autouse=True)
def migration_data(request: pytest.FixtureRequest) -> None:
    """What the data migrations seed (the starter question bank), present in every database
    test. A transactional test (live server, browser) ends with a flush that empties every
    table, migration data included, and xdist hands test files to workers in no fixed order, so
    a later test on the same worker would find the bank empty. Seeding never overwrites."""
    names = request.fixturenames
    if "transactional_db" in names:
        request.getfixturevalue("transactional_db")
    elif "db" in names or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
    else:
        return
    from ungxu.campaigns.models import BankQuestion
    from ungxu.campaigns.question_bank import seed_starter_bank

    seed_starter_bank(BankQuestion)
