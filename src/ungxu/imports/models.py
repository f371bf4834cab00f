"""ImportJob: one uploaded file, from validation through preview to the background commit."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models


class ImportStorage(FileSystemStorage):
    """Uploaded files live in DATA_DIR/imports, outside MEDIA_ROOT, so no URL ever serves them.
    The location is read from settings on each use (tests point DATA_DIR elsewhere)."""

    @property
    def base_location(self) -> str:
        return str(Path(settings.DATA_DIR) / "imports")

    @property
    def location(self) -> str:
        return str(Path(self.base_location).resolve())


def import_storage() -> FileSystemStorage:
    # A callable keeps the machine-specific path out of migrations.
    return ImportStorage()


class ImportJob(models.Model):
    class Status(models.TextChoices):
        INVALID = "invalid", "Có lỗi, chưa nhập"
        READY = "ready", "Chờ xác nhận"
        QUEUED = "queued", "Đang chờ xử lý"
        RUNNING = "running", "Đang nhập"
        DONE = "done", "Đã nhập xong"
        FAILED = "failed", "Thất bại, không ghi gì"

    importer = models.CharField("loại dữ liệu", max_length=40)
    original_name = models.CharField("tên tệp", max_length=255)
    file = models.FileField("tệp", storage=import_storage, upload_to="%Y/%m/")
    status = models.CharField(
        "trạng thái", max_length=16, choices=Status.choices, default=Status.READY
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="import_jobs",
        verbose_name="người nhập",
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_jobs",
        verbose_name="đơn vị của người nhập",
    )
    ip = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)
    total_rows = models.PositiveIntegerField("số dòng", default=0)
    processed_rows = models.PositiveIntegerField("đã xử lý", default=0)
    created_count = models.PositiveIntegerField("thêm mới", default=0)
    updated_count = models.PositiveIntegerField("cập nhật", default=0)
    unchanged_count = models.PositiveIntegerField("không đổi", default=0)
    errors = models.JSONField("lỗi", default=list, blank=True)
    preview = models.JSONField("xem trước", default=list, blank=True)
    task_id = models.CharField("mã tác vụ", max_length=64, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    started_at = models.DateTimeField("bắt đầu", null=True, blank=True)
    finished_at = models.DateTimeField("kết thúc", null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = "lượt nhập dữ liệu"
        verbose_name_plural = "các lượt nhập dữ liệu"

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def importer_title(self) -> str:
        from ungxu.imports.registry import all_importers

        importer = all_importers().get(self.importer)
        return importer.title if importer else self.importer

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))
