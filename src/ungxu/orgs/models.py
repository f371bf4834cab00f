"""Organisations (a tree of any depth), the people who work in them, and role grants.

The tree uses a materialised path: each node's `path` is its ancestors' zero-padded ids followed by
its own (`000001.000004.`), so "everything under X" is a single indexed `LIKE 'X%'` query on any
database. Moving a node rewrites its subtree's paths in one transaction (`Organisation.move_to`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models.functions import Concat, Substr
from django.utils import timezone

from ungxu.audit.models import Action, AuditedModel

PATH_STEP = 7  # six digits and a dot
CODE_VALIDATOR = RegexValidator(
    r"^[A-Z0-9][A-Z0-9-]{0,29}$",
    "Mã chỉ gồm chữ in hoa không dấu, chữ số và dấu gạch ngang (tối đa 30 ký tự), ví dụ SNN.",
)


def path_segment(pk: int) -> str:
    return f"{pk:06d}."


class OrganisationKind(models.TextChoices):
    PROVINCE = "province", "Tỉnh, thành phố"
    DEPARTMENT = "department", "Sở, ban, ngành"
    UNIT = "unit", "Đơn vị"
    SUBUNIT = "subunit", "Đơn vị trực thuộc"
    COMMUNE = "commune", "Xã, phường"
    OTHER = "other", "Khác"


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def subtree(self, org: Organisation) -> OrganisationQuerySet:
        """The node itself and every descendant."""
        return self.filter(path__startswith=org.path)

    def descendants(self, org: Organisation) -> OrganisationQuerySet:
        return self.subtree(org).exclude(pk=org.pk)

    def roots(self) -> OrganisationQuerySet:
        return self.filter(parent__isnull=True)

    def active(self) -> OrganisationQuerySet:
        return self.filter(is_active=True)


class Organisation(AuditedModel):
    name = models.CharField("tên đơn vị", max_length=255)
    code = models.CharField(
        "mã đơn vị",
        max_length=30,
        unique=True,
        validators=[CODE_VALIDATOR],
        help_text="Dùng trong số hiệu văn bản, ví dụ SNN.",
    )
    kind = models.CharField(
        "loại", max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.UNIT
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="đơn vị cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, unique=True, editable=False, blank=True)
    is_active = models.BooleanField("đang hoạt động", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    audit_exclude: ClassVar[frozenset[str]] = frozenset({"path", "created_at", "updated_at"})

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        """0 for a root."""
        return max(len(self.path) // PATH_STEP - 1, 0)

    def audit_organisation(self) -> Organisation:
        return self

    def clean(self) -> None:
        self.code = (self.code or "").strip().upper()
        self.name = " ".join((self.name or "").split())
        parent = self.parent if self.parent_id else None
        if self.pk and parent is not None and parent.path.startswith(self.path):
            raise ValidationError({"parent": _cycle_message(self)})

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.code = (self.code or "").strip().upper()
        if self.pk and not self._state.adding:
            before_parent = getattr(self, "_audit_snapshot", {}).get("parent_id", self.parent_id)
            if before_parent != self.parent_id:
                # A parent change through a form or the admin goes through the same path rewrite.
                new_parent = self.parent
                self.parent_id = before_parent
                self.move_to(new_parent)
                return
            super().save(*args, **kwargs)
            return
        with transaction.atomic():
            # The path needs our id, which only exists after the first insert; the temporary
            # value is unique and replaced before the transaction commits.
            self.path = f"tmp-{timezone.now().timestamp()}-{id(self)}"
            super().save(*args, **kwargs)
            parent_path = self.parent.path if self.parent is not None else ""
            self.path = parent_path + path_segment(self.pk)
            Organisation.objects.filter(pk=self.pk).update(path=self.path)

    def ancestors(self) -> OrganisationQuerySet:
        """From the root down to the parent (excluding the node itself)."""
        ids = [int(part) for part in self.path.split(".") if part][:-1]
        return Organisation.objects.filter(pk__in=ids).order_by("path")

    def move_to(self, new_parent: Organisation | None) -> None:
        """Re-parent this node; the whole subtree's paths are rewritten atomically.

        Refuses a move under the node itself or one of its descendants.
        """
        with transaction.atomic():
            current = Organisation.objects.select_for_update().get(pk=self.pk)
            old_path = current.path
            if new_parent is not None:
                new_parent.refresh_from_db(fields=["path"])
                if new_parent.path.startswith(old_path):
                    raise ValidationError({"parent": _cycle_message(self)})
            new_path = (new_parent.path if new_parent is not None else "") + path_segment(self.pk)
            if new_path != old_path:
                Organisation.objects.filter(path__startswith=old_path).update(
                    path=Concat(
                        models.Value(new_path),
                        Substr("path", len(old_path) + 1),
                        output_field=models.CharField(),
                    )
                )
            self.path = new_path
            self.parent = new_parent
            if self.parent_id != current.parent_id:
                self._audit_action = Action.MOVE
            super().save()

    def rename(self, name: str) -> None:
        self.name = " ".join(name.split())
        self.save()


def _cycle_message(org: Organisation) -> str:
    return f"Không thể chuyển “{org.name}” vào chính nó hoặc một đơn vị cấp dưới của nó."


class EmploymentCategory(models.TextChoices):
    CAN_BO = "can_bo", "Cán bộ"
    CONG_CHUC = "cong_chuc", "Công chức"
    VIEN_CHUC = "vien_chuc", "Viên chức"
    NGUOI_LAO_DONG = "nguoi_lao_dong", "Người lao động"


class PersonQuerySet(models.QuerySet["Person"]):
    def active(self, on: dt.date | None = None) -> PersonQuerySet:
        on = on or timezone.localdate()
        return self.filter(models.Q(left_on__isnull=True) | models.Q(left_on__gt=on))

    def departed(self, on: dt.date | None = None) -> PersonQuerySet:
        on = on or timezone.localdate()
        return self.filter(left_on__lte=on)


class Person(AuditedModel):
    code = models.CharField(
        "mã nhân sự",
        max_length=30,
        unique=True,
        validators=[CODE_VALIDATOR],
        help_text="Khoá ổn định dùng khi nhập dữ liệu, ví dụ NS0001.",
    )
    full_name = models.CharField("họ và tên", max_length=150)
    position = models.CharField("chức vụ", max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="people"
    )
    employment_category = models.CharField(
        "đối tượng",
        max_length=20,
        choices=EmploymentCategory.choices,
        default=EmploymentCategory.CONG_CHUC,
    )
    email = models.EmailField("thư điện tử", blank=True)
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    joined_on = models.DateField("ngày vào làm", null=True, blank=True)
    left_on = models.DateField("ngày nghỉ việc", null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản đăng nhập",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "nhân sự"
        verbose_name_plural = "nhân sự"
        ordering = ["full_name", "code"]
        indexes = [models.Index(fields=["organisation", "full_name"])]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.code})"

    @property
    def is_departed(self) -> bool:
        return self.left_on is not None and self.left_on <= timezone.localdate()

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.code = (self.code or "").strip().upper()
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị hệ thống"
    COORDINATOR = "coordinator", "Văn phòng, đầu mối điều phối"
    LEADERSHIP = "leadership", "Lãnh đạo"
    UNIT_HEAD = "unit_head", "Thủ trưởng đơn vị"
    MODERATOR = "moderator", "Quản trị viên trang"
    STAFF = "staff", "Cán bộ, nhân viên"


class RoleGrant(AuditedModel):
    """A role held on an organisation node; it applies to the node's whole subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản",
        on_delete=models.CASCADE,
        related_name="role_grants",
    )
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="role_grants"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"
        ordering = ["organisation__path", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organisation"], name="orgs_rolegrant_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.organisation}"
