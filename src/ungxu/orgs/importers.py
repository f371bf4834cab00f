"""Importers for organisations and people, on the shared framework in `ungxu.imports`.

Organisations are keyed by code and name their parent by code; a parent may come later in the
same file, so rows are written parents first. People are keyed by their staff code (mã nhân sự)
and name their unit by code. A row that touches a unit outside the user's scope is an error on
that row, never silently skipped.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ungxu.audit.models import Action
from ungxu.core.scoping import MANAGE_ORGS, MANAGE_PEOPLE, can, scope, visible_organisations
from ungxu.imports import cells
from ungxu.imports.importer import Column, Importer, Row, RowError
from ungxu.imports.registry import register
from ungxu.orgs.models import EmploymentCategory, Organisation, OrganisationKind, Person
from ungxu.orgs.services import revoke_access

CODE_LENGTH = 30


def _outside_scope(code: str) -> str:
    return f"đơn vị «{code}» nằm ngoài phạm vi bạn được quản lý"


@register
class OrganisationImporter(Importer):
    name = "organisations"
    title = "Đơn vị"
    model = Organisation
    capability = MANAGE_ORGS
    columns = (
        Column(
            "Mã đơn vị",
            "code",
            cells.Code(max_length=CODE_LENGTH),
            required=True,
            help="Mã ngắn, duy nhất, dùng trong số hiệu văn bản (chữ in hoa không dấu, số, dấu -).",
            example="SNN-VP",
        ),
        Column("Tên đơn vị", "name", cells.Text(255), required=True, example="Văn phòng Sở"),
        Column(
            "Loại đơn vị",
            "kind",
            cells.Choice(dict(OrganisationKind.choices)),
            required=True,
            help="Một trong: " + ", ".join(label for _, label in OrganisationKind.choices) + ".",
            example=str(OrganisationKind.UNIT.label),
        ),
        Column(
            "Mã đơn vị cấp trên",
            "parent_code",
            cells.Code(max_length=CODE_LENGTH),
            help="Để trống nếu là đơn vị gốc. Đơn vị cấp trên có thể nằm ở dòng sau trong cùng tệp.",
            example="SNN",
        ),
        Column(
            "Đang hoạt động",
            "is_active",
            cells.Bool(),
            help="«Có» hoặc «Không»; để trống là «Có».",
            example="Có",
        ),
    )

    def queryset(self) -> QuerySet[Any]:
        return Organisation.objects.select_related("parent")

    def export_queryset(self) -> QuerySet[Any]:
        return visible_organisations(self.user).select_related("parent").order_by("path")

    def export_row(self, obj: Any) -> dict[str, Any]:
        return {
            "code": obj.code,
            "name": obj.name,
            "kind": obj.kind,
            "parent_code": obj.parent.code if obj.parent_id else "",
            "is_active": obj.is_active,
        }

    def values_for(self, row: Row) -> dict[str, Any]:
        values = dict(row.values)
        if values.get("is_active") is None and "is_active" in values:
            values["is_active"] = True
        return values

    def check_rows(self, rows: list[Row], errors: list[RowError]) -> None:
        in_file = {row.key: row for row in rows if row.key}
        wanted_parents = {row.values.get("parent_code") for row in rows} - {None, ""}
        in_db = {
            org.code: org
            for org in Organisation.objects.filter(code__in=wanted_parents - set(in_file))
        }
        parent_header = self.header("parent_code")
        for row in rows:
            parent_code = row.values.get("parent_code")
            if parent_code and parent_code == row.key:
                errors.append(
                    RowError(row.number, parent_header, "đơn vị không thể là cấp trên của chính nó")
                )
                continue
            if parent_code and parent_code not in in_file and parent_code not in in_db:
                errors.append(
                    RowError(
                        row.number,
                        parent_header,
                        f"không có đơn vị mã «{parent_code}» trong hệ thống hoặc trong tệp",
                    )
                )
                continue
            if self._in_cycle(row, in_file):
                errors.append(
                    RowError(
                        row.number,
                        parent_header,
                        "các đơn vị trong tệp làm cấp trên của nhau thành vòng",
                    )
                )
                continue
            self._check_scope(row, in_file, in_db, errors)

    def _check_scope(
        self,
        row: Row,
        in_file: dict[Any, Row],
        in_db: dict[str, Organisation],
        errors: list[RowError],
    ) -> None:
        """Changing an organisation needs manage_orgs on it; placing one (a new one, or an
        existing one under a new parent) needs manage_orgs where it lands."""
        existing = row.existing
        if existing is not None and not can(self.user, MANAGE_ORGS, existing):
            errors.append(RowError(row.number, self.header("code"), _outside_scope(row.key)))
            return
        parent_code = row.values.get("parent_code")
        if existing is not None and (
            "parent_code" not in row.values
            or (parent_code or "") == (existing.parent.code if existing.parent_id else "")
        ):
            return  # stays where it is
        anchor = self._anchor(row, in_file, in_db)
        parent_header = self.header("parent_code")
        if anchor is None and not can(self.user, MANAGE_ORGS, None):
            message = "chỉ quản trị hệ thống được thêm hoặc chuyển đơn vị lên cấp gốc"
            errors.append(RowError(row.number, parent_header, message))
        elif anchor is not None and not can(self.user, MANAGE_ORGS, anchor):
            errors.append(RowError(row.number, parent_header, _outside_scope(anchor.code)))

    def _in_cycle(self, row: Row, in_file: dict[Any, Row]) -> bool:
        seen = {row.key}
        code = row.values.get("parent_code")
        while code and code in in_file:
            if code in seen:
                return True
            seen.add(code)
            code = in_file[code].values.get("parent_code")
        return False

    def _anchor(
        self, row: Row, in_file: dict[Any, Row], in_db: dict[str, Organisation]
    ) -> Organisation | None:
        """The nearest existing organisation above the row (through parents in the file)."""
        code = row.values.get("parent_code")
        while code:
            if code in in_db:
                return in_db[code]
            parent_row = in_file.get(code)
            if parent_row is None:
                return None
            if parent_row.existing is not None:
                return parent_row.existing  # type: ignore[no-any-return]
            code = parent_row.values.get("parent_code")
        return None

    def ordered_for_commit(self, rows: list[Row]) -> list[Row]:
        by_code = {row.key: row for row in rows}

        def depth(row: Row) -> int:
            level, code = 0, row.values.get("parent_code")
            while code in by_code and level <= len(rows):
                level, code = level + 1, by_code[code].values.get("parent_code")
            return level

        return sorted(rows, key=depth)

    def save(self, row: Row, values: dict[str, Any]) -> Organisation:
        org: Organisation = row.existing or Organisation()
        parent_code = values.get("parent_code")
        parent = Organisation.objects.get(code=parent_code) if parent_code else None
        for name in ("code", "name", "kind", "is_active"):
            if name in values:
                setattr(org, name, values[name])
        if "parent_code" in values:
            org.parent = parent
        org.full_clean(exclude=["path"])
        org.save()
        return org


@register
class PersonImporter(Importer):
    name = "people"
    title = "Nhân sự"
    model = Person
    capability = MANAGE_PEOPLE
    columns = (
        Column(
            "Mã nhân sự",
            "code",
            cells.Code(max_length=CODE_LENGTH),
            required=True,
            help="Mã duy nhất của mỗi người; nhập lại cùng mã sẽ cập nhật, không tạo trùng.",
            example="NS0001",
        ),
        Column("Họ và tên", "full_name", cells.Text(150), required=True, example="Nguyễn Thị Hoa"),
        Column("Chức vụ", "position", cells.Text(150), example="Chuyên viên"),
        Column(
            "Mã đơn vị",
            "organisation_code",
            cells.Code(max_length=CODE_LENGTH),
            required=True,
            help="Mã của đơn vị nơi người này làm việc (xem danh sách đơn vị).",
            example="SNN-VP",
        ),
        Column(
            "Đối tượng",
            "employment_category",
            cells.Choice(dict(EmploymentCategory.choices)),
            required=True,
            help="Một trong: " + ", ".join(label for _, label in EmploymentCategory.choices) + ".",
            example=str(EmploymentCategory.CONG_CHUC.label),
        ),
        Column("Thư điện tử", "email", cells.Email(), example="hoa.nt@snn.ninhbinh.gov.vn"),
        Column(
            "Điện thoại",
            "phone",
            cells.Phone(),
            help="Số Việt Nam, ví dụ 0912345678 hoặc +84912345678.",
            example="0912345678",
        ),
        Column(
            "Ngày vào làm",
            "joined_on",
            cells.Date(),
            help="Dạng ngày/tháng/năm.",
            example="01/08/2020",
        ),
        Column(
            "Ngày nghỉ việc",
            "left_on",
            cells.Date(),
            help="Để trống nếu đang làm việc. Người đã nghỉ vẫn lưu trong lịch sử nhưng mất quyền truy cập.",
        ),
    )

    def queryset(self) -> QuerySet[Any]:
        return Person.objects.select_related("organisation")

    def export_queryset(self) -> QuerySet[Any]:
        people = scope(Person.objects.all(), self.user)
        return people.select_related("organisation").order_by(
            "organisation__path", "full_name", "code"
        )

    def export_row(self, obj: Any) -> dict[str, Any]:
        return {
            "code": obj.code,
            "full_name": obj.full_name,
            "position": obj.position,
            "organisation_code": obj.organisation.code,
            "employment_category": obj.employment_category,
            "email": obj.email,
            "phone": obj.phone,
            "joined_on": obj.joined_on,
            "left_on": obj.left_on,
        }

    def check_rows(self, rows: list[Row], errors: list[RowError]) -> None:
        org_codes = {row.values.get("organisation_code") for row in rows} - {None, ""}
        orgs = {org.code: org for org in Organisation.objects.filter(code__in=org_codes)}
        unit_header = self.header("organisation_code")
        allowed: dict[int, bool] = {}

        def may_change(org: Organisation) -> bool:
            if org.pk not in allowed:
                allowed[org.pk] = can(self.user, MANAGE_PEOPLE, org)
            return allowed[org.pk]

        for row in rows:
            code = row.values.get("organisation_code")
            if not code:
                continue
            org = orgs.get(code)
            if org is None:
                errors.append(
                    RowError(row.number, unit_header, f"không có đơn vị mã «{code}» trong hệ thống")
                )
                continue
            row.data["organisation"] = org
            if not may_change(org):
                errors.append(RowError(row.number, unit_header, _outside_scope(code)))
            elif row.existing is not None and not may_change(row.existing.organisation):
                errors.append(
                    RowError(
                        row.number,
                        self.header("code"),
                        # Say no more than needed: the unit is outside the user's view.
                        f"mã «{row.key}» đã được dùng cho nhân sự ở đơn vị ngoài phạm vi bạn được quản lý",
                    )
                )
            joined, left = row.values.get("joined_on"), row.values.get("left_on")
            if joined and left and left < joined:
                errors.append(
                    RowError(
                        row.number, self.header("left_on"), "ngày nghỉ việc trước ngày vào làm"
                    )
                )
        self._check_emails(rows, errors)

    def _check_emails(self, rows: list[Row], errors: list[RowError]) -> None:
        """One address belongs to one person: within the file and against the database."""
        header = self.header("email")
        first_seen: dict[str, Row] = {}
        for row in rows:
            email = row.values.get("email")
            if not email:
                continue
            if email in first_seen and first_seen[email].key != row.key:
                errors.append(
                    RowError(
                        row.number, header, f"«{email}» trùng với dòng {first_seen[email].number}"
                    )
                )
            first_seen.setdefault(email, row)
        taken = list(Person.objects.filter(email__in=list(first_seen)).values_list("email", "code"))
        owners = Person.objects.filter(code__in=[code for _, code in taken])
        visible = set(scope(owners, self.user).values_list("code", flat=True))
        for email, owner in taken:
            row = first_seen[email]
            if owner != row.key:
                who = f"nhân sự mã «{owner}»" if owner in visible else "một nhân sự khác"
                errors.append(RowError(row.number, header, f"«{email}» đã được dùng cho {who}"))

    def save(self, row: Row, values: dict[str, Any]) -> Person:
        person: Person = row.existing or Person()
        left_before = person.left_on
        for name, value in values.items():
            if name == "organisation_code":
                person.organisation = row.data["organisation"]
            else:
                setattr(person, name, value)
        # The plan, made inside this same transaction, already settled uniqueness of the code
        # and the unit's existence; skipping those re-checks halves the queries per row.
        person.full_clean(exclude=["user", "organisation"], validate_unique=False)
        if row.existing is not None and person.left_on != left_before and person.is_departed:
            person._audit_action = Action.DEPART
        person.save()
        if person.is_departed:
            # Departed staff stay on the books but lose their login and roles.
            revoke_access(person)
        return person
