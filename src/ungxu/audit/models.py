"""The audit log: an append-only table of who changed what, and a mixin that fills it.

`AuditedModel` keeps a snapshot of field values as loaded from the database (`from_db`), so a save
records only the fields that really changed, with their before and after values. Bulk writes that
bypass `save()` (QuerySet.update, bulk_create) must call `record()` themselves.
"""

from __future__ import annotations

import copy
import datetime as dt
import decimal
import uuid
from collections.abc import Hashable, Iterable
from typing import Any, ClassVar, cast

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models, transaction

from ungxu.audit.context import current_context
from ungxu.core.vndate import vn_datetime, vn_short_date


class Action(models.TextChoices):
    CREATE = "create", "Tạo mới"
    UPDATE = "update", "Sửa"
    DELETE = "delete", "Xoá"
    MOVE = "move", "Chuyển đơn vị cấp trên"
    DEPART = "depart", "Nghỉ việc"
    LOGIN = "login", "Đăng nhập"
    LOGOUT = "logout", "Đăng xuất"
    LOGIN_FAILED = "login_failed", "Đăng nhập thất bại"
    LOCKOUT = "lockout", "Khoá đăng nhập"
    UNLOCK = "unlock", "Mở khoá đăng nhập"
    TOTP = "totp", "Xác thực hai bước"
    TOKEN = "token", "Mã truy cập API"
    IMPORT = "import", "Nhập dữ liệu"
    EXPORT = "export", "Xuất dữ liệu"
    OTHER = "other", "Khác"


class AppendOnlyError(PermissionDenied):
    """Raised on any attempt to change or remove an audit entry."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Nhật ký thay đổi chỉ được ghi thêm, không được sửa.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Nhật ký thay đổi chỉ được ghi thêm, không được xoá.")


class AuditEntry(models.Model):
    created_at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text too, so the log still names the actor if the account is ever removed.
    actor_label = models.CharField("tên người thực hiện", max_length=150, blank=True)
    ip = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)
    source = models.CharField("nguồn", max_length=20, default="system")
    action = models.CharField("hành động", max_length=20, choices=Action.choices, db_index=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name="loại đối tượng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    object_id = models.CharField("mã đối tượng", max_length=64, blank=True, db_index=True)
    object_label = models.CharField("đối tượng", max_length=255, blank=True)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="đơn vị",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changes = models.JSONField("thay đổi", default=dict, blank=True)
    message = models.TextField("ghi chú", blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "mục nhật ký"
        verbose_name_plural = "nhật ký thay đổi"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_label}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Nhật ký thay đổi chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Nhật ký thay đổi chỉ được ghi thêm, không được xoá.")

    def change_rows(self) -> list[tuple[str, str, str]]:
        """(field label, before, after) in Vietnamese for display: verbose names, choice labels,
        Có/Không for booleans. Fields the model no longer has are shown by their stored name."""
        model = self.content_type.model_class() if self.content_type is not None else None
        extra_choices: dict[str, Any] = getattr(model, "audit_choices", None) or {}
        rows = []
        for name, values in (self.changes or {}).items():
            before, after = [*list(values), None, None][:2]
            label, field = name, None
            if model is not None:
                try:
                    field = model._meta.get_field(name)
                    label = str(getattr(field, "verbose_name", name))
                except FieldDoesNotExist:
                    field = None
            choices = _choices(field, extra_choices.get(name))
            rows.append(
                (
                    label[:1].upper() + label[1:],
                    _display(field, before, choices),
                    _display(field, after, choices),
                )
            )
        return rows


def _choices(field: Any, declared: Iterable[tuple[Any, Any]] | None) -> dict[Any, Any]:
    """Labels for stored values: the field's own choices, or those a model declares in
    `audit_choices` for values a JSON field holds (e.g. a list of role codes)."""
    return dict(declared if declared is not None else getattr(field, "flatchoices", None) or [])


def _display(field: Any, value: Any, choices: dict[Any, Any] | None = None) -> str:
    """One stored value as a reader sees it. JSON values may be lists or dicts (unhashable, so
    never used as choice keys): a list shows its items, each labelled, joined by semicolons
    (labels such as "Cán bộ, nhân viên" hold commas); a dict shows `key: value` pairs."""
    if choices is None:
        choices = _choices(field, None)
    if value is None or value == "" or value == [] or value == {}:
        return "(trống)"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, list | tuple):
        return "; ".join(_display(None, item, choices) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_display(None, item, choices)}" for key, item in value.items())
    if isinstance(value, Hashable) and value in choices:
        return str(choices[value])
    if isinstance(field, models.DateField) and isinstance(value, str):
        try:  # stored as ISO text; shown the Vietnamese way
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        if isinstance(field, models.DateTimeField):
            return vn_datetime(parsed)
        return vn_short_date(parsed.date())
    return str(value)


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    return str(value)


def record(
    action: str,
    obj: models.Model | None = None,
    *,
    organisation: Any = None,
    changes: dict[str, Any] | None = None,
    message: str = "",
    object_label: str = "",
    actor: Any = None,
) -> AuditEntry:
    """Write one audit entry, taking actor and IP from the current audit context.

    Use it directly for events that are not a model save: sign-in, export, import summaries.
    """
    context = current_context()
    actor = actor if actor is not None else context.actor
    if organisation is None and obj is not None:
        organisation = _organisation_of(obj)
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=(actor.get_username() if actor is not None else "")[:150],
        ip=context.ip,
        source=context.source,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_label=(object_label or (str(obj) if obj is not None else ""))[:255],
        organisation=organisation,
        changes=_jsonable(changes or {}),
        message=message,
    )


def _organisation_of(obj: models.Model) -> Any:
    getter = getattr(obj, "audit_organisation", None)
    return getter() if callable(getter) else None


class AuditedModel(models.Model):
    """Abstract base: every create, update and delete of a subclass is written to the audit log.

    Subclasses may set `audit_exclude` (field names not worth logging, e.g. derived paths),
    `audit_choices` (field name → choices, to label the codes a JSON list holds in the history) and
    override `audit_organisation()` so coordinators see the entry in their subtree. A caller can set
    `obj._audit_action` (e.g. "move", "depart") before `save()` to name the change more precisely.
    """

    audit_exclude: ClassVar[frozenset[str]] = frozenset({"created_at", "updated_at"})
    audit_choices: ClassVar[dict[str, Any]] = {}
    _audit_action: str | None = None
    _audit_snapshot: dict[str, Any]

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        creating = self._state.adding
        before: dict[str, Any] = getattr(self, "_audit_snapshot", {})
        with transaction.atomic():
            super().save(*args, **kwargs)
            if creating:
                changes = {
                    field.name: [None, _jsonable(self._audit_value(field))]
                    for field in self._audited_fields()
                    if getattr(self, field.attname) not in (None, "", [], {})
                }
                action = getattr(self, "_audit_action", None) or Action.CREATE
            else:
                changes = self._audit_changes(before)
                action = getattr(self, "_audit_action", None) or Action.UPDATE
            if creating or changes:
                record(action, self, changes=changes)
        self._audit_snapshot = self._audit_values()
        self._audit_action = None

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        label, pk, organisation = str(self), self.pk, self.audit_organisation()
        if organisation is self:
            # An organisation's own entry cannot point at the row being deleted; its parent
            # keeps the entry visible to whoever sees that part of the tree.
            organisation = getattr(self, "parent", None)
        before = {
            field.name: [_jsonable(self._audit_value(field)), None]
            for field in self._audited_fields()
            if getattr(self, field.attname) not in (None, "", [], {})
        }
        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            entry_target = self
            entry_target.pk = pk  # record() names the object by its former id
            record(
                Action.DELETE,
                entry_target,
                organisation=organisation,
                changes=before,
                object_label=label,
            )
            entry_target.pk = None
        return result

    @classmethod
    def from_db(cls, db: str | None, field_names: Any, values: Any) -> Any:
        instance = super().from_db(db, field_names, values)
        instance._audit_snapshot = instance._audit_values()
        return instance

    def audit_organisation(self) -> Any:
        return getattr(self, "organisation", None)

    def _audit_value(self, field: models.Field[Any, Any]) -> Any:
        """A field's current value; related objects by their label, as people read them."""
        if field.is_relation:
            related = getattr(self, field.name, None)
            return str(related) if related is not None else None
        return getattr(self, field.attname)

    def _audited_fields(self) -> list[models.Field[Any, Any]]:
        return [
            field
            for field in self._meta.concrete_fields
            if not field.primary_key and field.name not in self.audit_exclude
        ]

    def _audit_values(self) -> dict[str, Any]:
        # Only fields actually loaded: touching a deferred field would query (and recurse here).
        loaded = self.__dict__
        # Deep copies: a JSON list edited in place must still differ from its snapshot.
        return {
            field.attname: copy.deepcopy(loaded[field.attname])
            for field in self._audited_fields()
            if field.attname in loaded
        }

    def _audit_changes(self, before: dict[str, Any]) -> dict[str, list[Any]]:
        changes: dict[str, list[Any]] = {}
        for field in self._audited_fields():
            if field.attname not in before:
                continue  # not loaded at fetch time, so we cannot tell whether it changed
            old, new = before[field.attname], getattr(self, field.attname)
            if old == new:
                continue
            if field.is_relation and field.related_model is not None:
                # Readable labels ("Phòng A" → "Phòng B") are what the history page shows.
                related = cast(type[models.Model], field.related_model)
                manager = related._default_manager
                old = str(manager.filter(pk=old).first() or "") if old is not None else None
                new_obj = getattr(self, field.name, None)
                new = str(new_obj) if new_obj is not None else None
            changes[field.name] = [_jsonable(old), _jsonable(new)]
        return changes
