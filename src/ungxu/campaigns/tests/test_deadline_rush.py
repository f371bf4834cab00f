"""The deadline rush against PostgreSQL: 1,000 people acknowledging at once, each twice.

Runs only when DATABASE_URL points at PostgreSQL (SQLite serialises writers, so concurrency
there proves nothing). Each thread uses its own database connection, like web workers do."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from ungxu.campaigns import services
from ungxu.campaigns.documents import current_versions
from ungxu.campaigns.models import Acknowledgement, Assignment, ReadingRecord
from ungxu.campaigns.progress import campaign_progress
from ungxu.campaigns.tests.conftest import make_campaign
from ungxu.core.testing import build_world, make_org
from ungxu.orgs.models import Person

PEOPLE = 1000
THREADS = 24

pytestmark = pytest.mark.postgres


def _acknowledge_all(assignment_ids: list[int]) -> int:
    """One worker: acknowledges its share, one request after another, on its own connection."""
    created = 0
    try:
        for pk in assignment_ids:
            assignment = Assignment.objects.select_related("campaign").get(pk=pk)
            created += services.acknowledge(assignment, ip="10.0.0.1")[1]
    finally:
        connections.close_all()  # the thread's connection, not the test's
    return created


def test_a_thousand_people_acknowledging_at_once_are_counted_exactly_once(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("Cần PostgreSQL: đặt DATABASE_URL=postgres://… để chạy kiểm thử này.")
    world = build_world()
    unit = make_org("Phòng Đông người", "PDN", world.root)
    Person.objects.bulk_create(
        Person(code=f"R{i:05d}", full_name=f"Người thứ {i}", organisation=unit)
        for i in range(PEOPLE)
    )
    campaign = make_campaign(world, orgs=[unit])
    services.launch(campaign)
    version = current_versions(campaign)[0]
    ids = list(campaign.assignments.values_list("pk", flat=True))
    ReadingRecord.objects.bulk_create(
        ReadingRecord(assignment_id=pk, version=version) for pk in ids
    )
    assert len(ids) == PEOPLE

    started = time.perf_counter()
    work = ids + ids[::-1]  # everyone clicks twice; the two clicks land on different workers
    with ThreadPoolExecutor(THREADS) as pool:
        created = list(pool.map(_acknowledge_all, [work[i::THREADS] for i in range(THREADS)]))
    elapsed = time.perf_counter() - started

    assert sum(created) == PEOPLE
    assert Acknowledgement.objects.count() == PEOPLE
    assert Acknowledgement.objects.values("assignment").distinct().count() == PEOPLE
    progress = campaign_progress(campaign, None)
    assert (progress.total.audience, progress.total.acknowledged) == (PEOPLE, PEOPLE)
    assert elapsed < 60, f"{2 * PEOPLE} xác nhận mất {elapsed:.1f} giây"
    print(f"\n{2 * PEOPLE} acknowledgements ({THREADS} threads) in {elapsed:.1f} s")
