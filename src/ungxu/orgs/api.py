"""REST API for organisations and people (mounted by ungxu.config.api under /api/v1/).

The same scoping as the HTML views: lists and details only hold what the user may view (others
answer 404), and writes need `manage_orgs` / `manage_people` on the organisations involved
(visible but not manageable answers 403). Deletion is not offered: departures are recorded
with a date and organisations are deactivated, so history stays whole.
"""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Q, QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from ungxu.core.scoping import (
    MANAGE_ORGS,
    MANAGE_PEOPLE,
    can,
    has_capability,
    scope,
    visible_organisations,
)
from ungxu.imports.cells import CellError, Phone
from ungxu.orgs.models import (
    EmploymentCategory,
    Organisation,
    OrganisationKind,
    Person,
    PersonQuerySet,
)
from ungxu.orgs.services import revoke_access

# DRF ships only a handful of Vietnamese messages; these cover the field errors users meet.
FIELD_MESSAGES = {
    "required": "Trường này là bắt buộc.",
    "null": "Trường này không được để trống.",
    "blank": "Trường này không được để trống.",
    "invalid": "Giá trị không hợp lệ.",
    "max_length": "Không được dài quá {max_length} ký tự.",
    "invalid_choice": "«{input}» không phải lựa chọn hợp lệ.",
    "does_not_exist": "Không có đơn vị mã «{value}» (hoặc bạn không được xem).",
    "unique": "Giá trị này đã được dùng.",
}
DATE_MESSAGE = "Ngày không hợp lệ; dùng dạng năm-tháng-ngày, ví dụ 2026-01-05."
NOT_ALLOWED = "Bạn không có quyền thay đổi dữ liệu của đơn vị «{code}»."


class VietnameseErrorsMixin:
    """Gives every field of a serializer Vietnamese error messages; model code fields accept
    lower case."""

    def build_standard_field(self, field_name: str, model_field: Any) -> Any:
        field_class, kwargs = super().build_standard_field(field_name, model_field)  # type: ignore[misc]
        if field_name == "code":
            field_class = CodeField
        return field_class, kwargs

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        fields: dict[str, Any] = super().get_fields()  # type: ignore[misc]
        for field in fields.values():
            for key, message in FIELD_MESSAGES.items():
                if key in field.error_messages:
                    field.error_messages[key] = message
            if isinstance(field, serializers.DateField):
                field.error_messages["invalid"] = DATE_MESSAGE
            if isinstance(field, serializers.EmailField):
                field.error_messages["invalid"] = "Địa chỉ thư điện tử không hợp lệ."
            for validator in getattr(field, "validators", []):
                if validator.__class__.__name__ == "UniqueValidator":
                    validator.message = FIELD_MESSAGES["unique"]
        return fields


class CodeField(serializers.CharField):
    """Codes are stored upper case; accept "snn" for "SNN" before the model's validators run."""

    def to_internal_value(self, data: Any) -> str:
        return str(super().to_internal_value(data)).strip().upper()


class VisibleOrganisationField(serializers.SlugRelatedField[Organisation]):
    """An organisation named by its code, among those the requesting user may view."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="code", **kwargs)

    def get_queryset(self) -> QuerySet[Organisation]:
        return visible_organisations(self.context["request"].user)


class OrganisationSerializer(VietnameseErrorsMixin, serializers.ModelSerializer[Organisation]):
    # DRF pops declared fields off the class, so "parent" does not shadow Field.parent.
    parent = VisibleOrganisationField(required=False, allow_null=True)  # type: ignore[assignment]
    kind = serializers.ChoiceField(choices=OrganisationKind.choices, default=OrganisationKind.UNIT)
    depth = serializers.IntegerField(read_only=True)

    class Meta:
        model = Organisation
        fields = ("id", "code", "name", "kind", "parent", "depth", "is_active")


class PersonSerializer(VietnameseErrorsMixin, serializers.ModelSerializer[Person]):
    organisation = VisibleOrganisationField()
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    employment_category = serializers.ChoiceField(choices=EmploymentCategory.choices)
    is_departed = serializers.BooleanField(read_only=True)

    class Meta:
        model = Person
        fields = (
            "id",
            "code",
            "full_name",
            "position",
            "organisation",
            "organisation_name",
            "employment_category",
            "email",
            "phone",
            "joined_on",
            "left_on",
            "is_departed",
        )

    def validate_phone(self, value: str) -> str:
        if not value.strip():
            return ""
        try:
            return str(Phone().parse(value))
        except CellError as error:
            raise serializers.ValidationError(str(error)) from None

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        joined = attrs.get("joined_on", getattr(self.instance, "joined_on", None))
        left = attrs.get("left_on", getattr(self.instance, "left_on", None))
        if joined and left and left < joined:
            raise serializers.ValidationError({"left_on": "Ngày nghỉ việc trước ngày vào làm."})
        return attrs


class ScopedWrite(permissions.BasePermission):
    """Writes need the view's capability: somewhere (create) and on the object's organisation
    (update), checked before the payload is validated so outsiders learn nothing from errors."""

    def has_permission(self, request: Any, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        if not has_capability(request.user, view.capability):
            raise PermissionDenied("Bạn không có quyền thay đổi dữ liệu này.")
        return True

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        _require(request.user, view.capability, view.organisation_of(obj))
        return True


def _require(user: Any, action: str, organisation: Organisation | None) -> None:
    if not can(user, action, organisation):
        code = organisation.code if organisation is not None else "gốc"
        raise PermissionDenied(NOT_ALLOWED.format(code=code))


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách đơn vị được xem",
        parameters=[
            OpenApiParameter("q", str, description="Tìm theo tên hoặc mã"),
            OpenApiParameter("parent", str, description="Mã đơn vị cấp trên (con trực tiếp)"),
            OpenApiParameter("kind", str, description="Loại đơn vị"),
        ],
    ),
)
class OrganisationViewSet(viewsets.ModelViewSet[Organisation]):
    serializer_class = OrganisationSerializer
    permission_classes = (permissions.IsAuthenticated, ScopedWrite)
    capability = MANAGE_ORGS
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Organisation]:
        orgs = visible_organisations(self.request.user).select_related("parent").order_by("path")
        params = self.request.query_params
        if q := params.get("q", "").strip():
            orgs = orgs.filter(Q(name__icontains=q) | Q(code__icontains=q))
        if parent := params.get("parent", "").strip():
            orgs = orgs.filter(parent__code=parent.upper())
        if kind := params.get("kind", "").strip():
            orgs = orgs.filter(kind=kind)
        return orgs

    @staticmethod
    def organisation_of(obj: Organisation) -> Organisation:
        return obj

    def perform_create(self, serializer: Any) -> None:
        _require(self.request.user, MANAGE_ORGS, serializer.validated_data.get("parent"))
        serializer.save()

    def perform_update(self, serializer: Any) -> None:
        user, org = self.request.user, serializer.instance
        if "parent" in serializer.validated_data:
            new_parent = serializer.validated_data["parent"]
            if new_parent != org.parent:
                _require(user, MANAGE_ORGS, new_parent)
        serializer.save()


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách nhân sự được xem",
        parameters=[
            OpenApiParameter("q", str, description="Tìm theo họ tên, mã hoặc thư điện tử"),
            OpenApiParameter("organisation", str, description="Mã đơn vị (gồm cả đơn vị cấp dưới)"),
            OpenApiParameter("employment_category", str, description="Đối tượng"),
            OpenApiParameter("active", bool, description="true: đang làm việc; false: đã nghỉ"),
        ],
    ),
)
class PersonViewSet(viewsets.ModelViewSet[Person]):
    serializer_class = PersonSerializer
    permission_classes = (permissions.IsAuthenticated, ScopedWrite)
    capability = MANAGE_PEOPLE
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Person]:
        people = cast(
            PersonQuerySet,
            scope(Person.objects.all(), self.request.user).select_related("organisation"),
        )
        params = self.request.query_params
        if q := params.get("q", "").strip():
            people = people.filter(
                Q(full_name__icontains=q) | Q(code__icontains=q) | Q(email__icontains=q)
            )
        if code := params.get("organisation", "").strip():
            org = visible_organisations(self.request.user).filter(code=code.upper()).first()
            people = (
                people.filter(organisation__path__startswith=org.path) if org else people.none()
            )
        if category := params.get("employment_category", "").strip():
            people = people.filter(employment_category=category)
        active = params.get("active", "").strip().lower()
        if active in ("true", "1"):
            people = people.active()
        elif active in ("false", "0"):
            people = people.departed()
        return people.order_by("organisation__path", "full_name", "code")

    @staticmethod
    def organisation_of(obj: Person) -> Organisation:
        return obj.organisation

    def perform_create(self, serializer: Any) -> None:
        _require(self.request.user, MANAGE_PEOPLE, serializer.validated_data["organisation"])
        self._save(serializer)

    def perform_update(self, serializer: Any) -> None:
        if "organisation" in serializer.validated_data:
            _require(self.request.user, MANAGE_PEOPLE, serializer.validated_data["organisation"])
        self._save(serializer)

    @staticmethod
    def _save(serializer: Any) -> None:
        person = serializer.save()
        if person.is_departed:
            revoke_access(person)  # departed staff keep their record but lose their login
