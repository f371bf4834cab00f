"""The people importer end to end through the framework: validation, preview, commit."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from ungxu.audit.models import AuditEntry
from ungxu.imports import writers
from ungxu.imports.importer import ImportFailed, Row
from ungxu.imports.readers import read_table
from ungxu.imports.testing import csv_bytes, xlsx_bytes
from ungxu.orgs.importers import PersonImporter
from ungxu.orgs.models import Person

HEADER = [
    "Mã nhân sự",
    "Họ và tên",
    "Chức vụ",
    "Mã đơn vị",
    "Đối tượng",
    "Thư điện tử",
    "Điện thoại",
    "Ngày vào làm",
    "Ngày nghỉ việc",
]


def row(
    code: str, name: str, unit: str = "PA", email: str = "", phone: str = "", **kw: str
) -> list[str]:
    return [
        code,
        name,
        kw.get("position", "Chuyên viên"),
        unit,
        kw.get("category", "Viên chức"),
        email,
        phone,
        kw.get("joined", ""),
        kw.get("left", ""),
    ]


def plan_for(user: Any, rows: list[list[str]], name: str = "a.csv") -> Any:
    data = xlsx_bytes([HEADER, *rows]) if name.endswith(".xlsx") else csv_bytes([HEADER, *rows])
    return PersonImporter(user).plan(read_table(name, data))


def commit_for(user: Any, rows: list[list[str]]) -> Any:
    return PersonImporter(user).commit(read_table("a.csv", csv_bytes([HEADER, *rows])))


def messages(plan: Any) -> list[str]:
    return [str(e) for e in plan.errors]


def test_a_valid_file_previews_creations_updates_and_unchanged_rows(world: Any) -> None:
    rows = [
        row("NS100", "Phạm Thị Lan", phone="+84 912 000 111", joined="05/01/2026"),
        row(
            "NSA01",
            "Nguyễn Văn An",
            position="Trưởng phòng",
            email="nsa01@example.gov.vn",
            phone="0912345678",
        ),
        row(
            "NSA11",
            "Trần Thị Bình",
            unit="PA-1",
            position="",
            category="Công chức",
            email="nsa11@example.gov.vn",
        ),
    ]
    plan = plan_for(world.user("coordinator"), rows)
    assert plan.ok, messages(plan)
    assert [r.action for r in plan.rows] == ["create", "update", "unchanged"]
    assert plan.rows[1].changes == {
        "position": ("", "Trưởng phòng"),
        "employment_category": ("cong_chuc", "vien_chuc"),
    }
    assert Person.objects.filter(code="NS100").count() == 0  # a plan writes nothing


def test_it_names_row_column_and_problem_for_bad_cells(world: Any) -> None:
    rows = [
        row("NS100", "Phạm Thị Lan"),
        row("NS101", "", email="không-phải-email", phone="12345"),
        row("NS 102", "Lê Văn Hùng", category="Hợp đồng", joined="31/02/2026"),
    ]
    plan = plan_for(world.user("coordinator"), rows, "a.xlsx")
    assert not plan.ok
    assert messages(plan) == [
        "Dòng 3, cột «Họ và tên»: không được để trống",
        "Dòng 3, cột «Thư điện tử»: «không-phải-email» không phải địa chỉ thư điện tử hợp lệ",
        "Dòng 3, cột «Điện thoại»: «12345» không phải số điện thoại Việt Nam hợp lệ (ví dụ 0912345678 hoặc +84912345678)",
        "Dòng 4, cột «Mã nhân sự»: «NS 102» không hợp lệ: chỉ dùng chữ cái không dấu, chữ số và dấu gạch ngang",
        "Dòng 4, cột «Ngày vào làm»: «31/02/2026» không phải ngày hợp lệ (dạng ngày/tháng/năm, ví dụ 05/01/2026)",
        "Dòng 4, cột «Đối tượng»: «Hợp đồng» không nằm trong danh sách: «Cán bộ», «Công chức», «Viên chức», «Người lao động»",
    ]


def test_it_refuses_a_file_without_a_required_column(world: Any) -> None:
    data = csv_bytes([["Mã nhân sự", "Họ và tên"], ["NS1", "An"]])
    plan = PersonImporter(world.user("coordinator")).plan(read_table("a.csv", data))
    assert "Cột «Mã đơn vị»: thiếu cột bắt buộc; hãy dùng tệp mẫu" in messages(plan)


def test_it_reports_unknown_units_duplicates_and_taken_emails(world: Any) -> None:
    rows = [
        row("NS100", "Phạm Thị Lan", unit="KHONG-CO"),
        row("NS101", "Đỗ Văn Nam", email="nam@example.gov.vn"),
        row("NS101", "Đỗ Văn Nam", email="nam2@example.gov.vn"),
        row("NS103", "Hồ Thị Mai", email="nam@example.gov.vn"),
        row("NS104", "Vũ Văn Khoa", email="nsb01@example.gov.vn"),
    ]
    plan = plan_for(world.user("coordinator"), rows)
    assert messages(plan) == [
        "Dòng 2, cột «Mã đơn vị»: không có đơn vị mã «KHONG-CO» trong hệ thống",
        "Dòng 4, cột «Mã nhân sự»: «NS101» trùng với dòng 3 trong cùng tệp",
        "Dòng 5, cột «Thư điện tử»: «nam@example.gov.vn» trùng với dòng 3",
        "Dòng 6, cột «Thư điện tử»: «nsb01@example.gov.vn» đã được dùng cho nhân sự mã «NSB01»",
    ]


def test_a_unit_head_cannot_import_into_or_take_people_from_another_unit(world: Any) -> None:
    rows = [
        row("NS100", "Phạm Thị Lan", unit="PA-1"),
        row("NS101", "Đỗ Văn Nam", unit="PB"),
        row("NSB01", "Lê Văn Cường", unit="PA", email="nsb01@example.gov.vn"),
    ]
    plan = plan_for(world.user("head_a"), rows)
    assert messages(plan) == [
        "Dòng 3, cột «Mã đơn vị»: đơn vị «PB» nằm ngoài phạm vi bạn được quản lý",
        "Dòng 4, cột «Mã nhân sự»: mã «NSB01» đã được dùng cho nhân sự ở đơn vị ngoài phạm vi bạn được quản lý",
    ]
    with pytest.raises(ImportFailed):
        commit_for(world.user("head_a"), rows)
    assert not Person.objects.filter(code="NS100").exists()


def test_a_taken_email_outside_the_users_scope_does_not_name_its_owner(world: Any) -> None:
    plan = plan_for(
        world.user("head_a"), [row("NS100", "Phạm Thị Lan", email="nsb01@example.gov.vn")]
    )
    assert [str(e) for e in plan.errors] == [
        "Dòng 2, cột «Thư điện tử»: «nsb01@example.gov.vn» đã được dùng cho một nhân sự khác"
    ]


def test_commit_writes_people_with_audit_entries_and_reimport_changes_nothing(world: Any) -> None:
    rows = [
        row("NS100", "Phạm Thị Lan", phone="0912 000 111", joined="05/01/2026"),
        row("NS101", "Đỗ Văn Nam", unit="PA-1", category="Người lao động"),
    ]
    audit_before = AuditEntry.objects.count()
    plan = commit_for(world.user("coordinator"), rows)
    assert plan.counts == {"create": 2, "update": 0, "unchanged": 0}
    lan = Person.objects.get(code="NS100")
    assert (lan.phone, lan.joined_on.isoformat(), lan.organisation.code) == (
        "0912000111",
        "2026-01-05",
        "PA",
    )
    assert AuditEntry.objects.count() == audit_before + 2

    again = commit_for(world.user("coordinator"), rows)
    assert again.counts == {"create": 0, "update": 0, "unchanged": 2}
    assert AuditEntry.objects.count() == audit_before + 2


class BreaksOnSecondWrite(PersonImporter):
    """Fails on a row the checks passed, the way a database constraint might."""

    def save(self, row: Row, values: dict[str, Any]) -> Any:
        if row.key == "NS101":
            raise ValidationError("Lỗi ghi giả lập")
        return super().save(row, values)


def test_commit_is_all_or_nothing(world: Any) -> None:
    rows = [row("NS100", "Phạm Thị Lan"), row("NS101", "Đỗ Văn Nam")]
    audit_before = AuditEntry.objects.count()
    table = read_table("a.csv", csv_bytes([HEADER, *rows]))
    with pytest.raises(ImportFailed) as failure:
        BreaksOnSecondWrite(world.user("coordinator")).commit(table)
    assert str(failure.value.errors[0]) == "Dòng 3: Lỗi ghi giả lập"
    assert not Person.objects.filter(code__in=["NS100", "NS101"]).exists()
    assert AuditEntry.objects.count() == audit_before


def test_a_departure_date_in_the_past_removes_the_login(world: Any) -> None:
    staff = world.user("staff_a")
    rows = [
        row(
            "NSA01",
            "Nguyễn Văn An",
            email="nsa01@example.gov.vn",
            phone="0912345678",
            category="Công chức",
            position="",
            left="01/01/2025",
        )
    ]
    commit_for(world.user("coordinator"), rows)
    staff.refresh_from_db()
    assert not staff.is_active
    assert not staff.role_grants.exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_reimports_without_any_change(world: Any, fmt: str) -> None:
    world.person_a.full_name = '=HYPERLINK("http://x")'
    world.person_a.save()
    importer = PersonImporter(world.user("coordinator"))
    data = writers.export(importer, importer.export_queryset(), fmt)
    plan = importer.plan(read_table(f"export.{fmt}", data))
    assert plan.ok, messages(plan)
    assert plan.counts == {"create": 0, "update": 0, "unchanged": 3}


def test_csv_export_escapes_cells_a_spreadsheet_would_run(world: Any) -> None:
    world.person_a.full_name = "=cmd|' /C calc'!A0"
    world.person_a.save()
    importer = PersonImporter(world.user("coordinator"))
    text = writers.export(importer, importer.export_queryset(), "csv").decode("utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in text
    assert "\r\n=cmd" not in text and ",=cmd" not in text


def test_export_holds_only_what_the_user_may_see(world: Any) -> None:
    importer = PersonImporter(world.user("head_a"))
    codes = [p.code for p in importer.export_queryset()]
    assert sorted(codes) == ["NSA01", "NSA11"]


def test_templates_have_vietnamese_headers_and_an_example_row(world: Any) -> None:
    importer = PersonImporter(world.user("coordinator"))
    table = read_table("mau.xlsx", writers.template(importer, "xlsx"))
    assert table.headers[:2] == ["Mã nhân sự *", "Họ và tên *"]
    assert table.rows[0][1][:2] == ["NS0001", "Nguyễn Thị Hoa"]
    csv_text = writers.template(importer, "csv").decode("utf-8-sig")
    assert csv_text.startswith("Mã nhân sự *,Họ và tên *,Chức vụ,Mã đơn vị *")
