"""Import pages: upload and template download, preview with the error list, confirmation,
progress (polled by htmx while the background task runs) and scoped exports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ungxu.audit.context import client_ip
from ungxu.audit.models import Action, record
from ungxu.core.scoping import has_capability
from ungxu.imports import services, writers
from ungxu.imports.forms import UploadForm
from ungxu.imports.importer import Importer
from ungxu.imports.models import ImportJob
from ungxu.imports.progress import read_progress
from ungxu.imports.readers import FileRejected
from ungxu.imports.registry import all_importers, get_importer

FORMATS = {"xlsx": writers.XLSX_CONTENT_TYPE, "csv": writers.CSV_CONTENT_TYPE}


def may_import(user: Any, importer: type[Importer] | None = None) -> bool:
    """Whether the user may manage the importer's records somewhere (any importer if None).
    Each row is still checked against the user's scope."""
    importers = [importer] if importer else list(all_importers().values())
    return any(has_capability(user, i.capability) for i in importers)


def _require_importer(user: Any, importer: type[Importer] | None = None) -> None:
    if not may_import(user, importer):
        raise PermissionDenied("Bạn không có quyền nhập dữ liệu này.")


@login_required
def index(request: HttpRequest) -> HttpResponse:
    _require_importer(request.user)
    return render(
        request,
        "imports/index.html",
        {
            "importers": [i for i in all_importers().values() if may_import(request.user, i)],
            "jobs": services.visible_jobs(request.user)[:20],
            "breadcrumbs": [("Nhập dữ liệu", None)],
        },
    )


@login_required
def start(request: HttpRequest, name: str) -> HttpResponse:
    importer_class = get_importer(name)
    _require_importer(request.user, importer_class)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.upload(
                request.user, name, upload.name, upload.read(), ip=client_ip(request)
            )
        except FileRejected as rejected:
            form.add_error("file", str(rejected))
        else:
            return redirect("imports:job", pk=job.pk)
    return render(
        request,
        "imports/start.html",
        {
            "importer": importer_class,
            "form": form,
            "jobs": services.visible_jobs(request.user).filter(importer=name)[:10],
            "breadcrumbs": [
                ("Nhập dữ liệu", reverse("imports:index")),
                (importer_class.title, None),
            ],
        },
    )


@login_required
def template(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    importer = get_importer(name)(request.user)
    body = writers.template(importer, fmt)
    return _download(body, fmt, f"mau-nhap-{name}.{fmt}")


@login_required
def export(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    """The list as the user may see it, in the import layout (scoped by the importer)."""
    importer = get_importer(name)(request.user)
    objects = list(importer.export_queryset())
    body = writers.export(importer, objects, fmt)
    record(
        Action.EXPORT,
        object_label=f"{importer.title} ({fmt.upper()})",
        message=f"Xuất {len(objects)} dòng {importer.title.lower()}.",
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return _download(body, fmt, f"{name}-{stamp}.{fmt}")


def _download(body: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _visible_job(request: HttpRequest, pk: int) -> ImportJob:
    job: ImportJob = get_object_or_404(services.visible_jobs(request.user), pk=pk)
    return job


def _job_context(job: ImportJob) -> dict[str, Any]:
    importer = get_importer(job.importer)
    progress = read_progress(job.pk) if job.is_active else None
    percent = job.percent
    if progress is not None and progress[1]:
        percent = round(100 * progress[0] / progress[1])
    return {
        "job": job,
        "importer": importer,
        "progress": progress,
        "percent": percent,
        "errors": job.errors,
    }


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _visible_job(request, pk)
    context = _job_context(job)
    context["breadcrumbs"] = [
        ("Nhập dữ liệu", reverse("imports:index")),
        (context["importer"].title, reverse("imports:start", args=[job.importer])),
        (job.original_name, None),
    ]
    return render(request, "imports/job.html", context)


@login_required
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status block alone, polled by htmx; it stops polling once the job has finished."""
    job = _visible_job(request, pk)
    response = render(request, "imports/_status.html", _job_context(job))
    if not job.is_active:
        # Finished: reload the whole page so the preview and error list show the final state.
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def job_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    job = _visible_job(request, pk)
    if job.created_by_id != request.user.pk:
        raise PermissionDenied("Chỉ người tải tệp lên mới xác nhận được lượt nhập này.")
    if job.status != ImportJob.Status.READY:
        messages.warning(request, "Lượt nhập này không ở trạng thái chờ xác nhận.")
    else:
        job = services.confirm(job)
        if job.status == ImportJob.Status.READY:
            messages.error(request, "Không gửi được lượt nhập tới tiến trình nền; hãy thử lại sau.")
        else:
            messages.success(
                request, "Đã xếp lượt nhập vào hàng đợi; trang sẽ tự cập nhật tiến độ."
            )
    return redirect("imports:job", pk=job.pk)
