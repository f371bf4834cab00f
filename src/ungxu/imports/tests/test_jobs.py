"""Import jobs: upload, preview, confirmation and the background task on the configured backend."""

from __future__ import annotations

from typing import Any

import pytest

from ungxu.audit.models import AuditEntry
from ungxu.imports import services
from ungxu.imports.models import ImportJob
from ungxu.imports.progress import read_progress, write_progress
from ungxu.imports.testing import run_pending_tasks, xlsx_bytes
from ungxu.orgs.models import Person

HEADER = ["Mã nhân sự", "Họ và tên", "Mã đơn vị", "Đối tượng", "Thư điện tử"]


def people_file(count: int, bad_row: int | None = None) -> bytes:
    rows: list[list[Any]] = [HEADER]
    for i in range(count):
        email = "sai-dia-chi" if i == bad_row else f"nv{i}@example.gov.vn"
        rows.append([f"NV{i:04d}", f"Người Thứ {i}", "PA", "Viên chức", email])
    return xlsx_bytes(rows)


def test_an_invalid_file_is_stored_with_its_errors_and_cannot_be_confirmed(world: Any) -> None:
    job = services.upload(world.user("coordinator"), "people", "ds.xlsx", people_file(3, bad_row=1))
    assert job.status == ImportJob.Status.INVALID
    assert job.errors == [
        {
            "row": 3,
            "column": "Thư điện tử",
            "message": "«sai-dia-chi» không phải địa chỉ thư điện tử hợp lệ",
        }
    ]
    assert services.confirm(job).status == ImportJob.Status.INVALID


def test_a_confirmed_job_runs_through_the_task_backend(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    coordinator = world.user("coordinator")
    job = services.upload(coordinator, "people", "ds.xlsx", people_file(250), ip="10.0.0.7")
    assert (job.status, job.created_count, job.total_rows) == ("ready", 250, 250)
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm(job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.QUEUED and job.task_id

    assert run_pending_tasks() == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.errors
    assert Person.objects.filter(code__startswith="NV").count() == 250
    entry = AuditEntry.objects.filter(object_label__startswith="Người Thứ 0").get()
    assert (entry.actor, entry.ip, entry.source) == (coordinator, "10.0.0.7", "import")
    assert read_progress(job.pk) is None  # cleaned up


def test_a_job_is_written_once_even_if_its_task_runs_twice(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    job = services.upload(world.user("coordinator"), "people", "ds.xlsx", people_file(2))
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm(job)
    run_pending_tasks()
    audit_count = AuditEntry.objects.count()
    assert services.run(job.pk) == "done"
    assert AuditEntry.objects.count() == audit_count


def test_a_job_that_became_invalid_meanwhile_fails_without_writing(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    job = services.upload(world.user("coordinator"), "people", "ds.xlsx", people_file(3))
    # Someone takes one of the addresses between preview and confirmation.
    world.person_b.email = "nv2@example.gov.vn"
    world.person_b.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm(job)
    run_pending_tasks()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.errors[0]["row"] == 4
    assert not Person.objects.filter(code__startswith="NV").exists()


def test_progress_is_shared_between_worker_and_web(world: Any) -> None:
    write_progress(41, 10, 200)
    assert read_progress(41) == (10, 200)


@pytest.mark.parametrize("name", ["../../etc/passwd.csv", "ds.xlsx"])
def test_uploaded_files_are_stored_under_the_data_dir_with_a_safe_name(
    world: Any, data_dir: Any, name: str
) -> None:
    data = people_file(1) if name.endswith("xlsx") else b"Ma,Ten\n1,2\n"
    job = services.upload(world.user("coordinator"), "people", name, data)
    stored = data_dir / "imports" / job.file.name
    assert stored.is_file()
    assert stored.name.startswith("upload")


def test_an_unreachable_queue_hands_the_job_back_for_a_retry(
    world: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    job = services.upload(world.user("coordinator"), "people", "ds.xlsx", people_file(1))
    # A real RQ backend pointed at a port where nothing listens.
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0", "SOCKET_CONNECT_TIMEOUT": 1}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm(job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY
