"""Background tasks of the imports app (django-tasks; the backend comes from settings)."""

from __future__ import annotations

from django_tasks import task

from ungxu.imports import services


@task()
def run_import(job_id: int) -> str:
    return services.run(job_id)
