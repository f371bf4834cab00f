"""The organisation importer: parents by code in any order, cycles, scope, moves."""

from __future__ import annotations

from typing import Any

from ungxu.imports.readers import read_table
from ungxu.imports.testing import csv_bytes
from ungxu.orgs.importers import OrganisationImporter
from ungxu.orgs.models import Organisation

HEADER = ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Mã đơn vị cấp trên", "Đang hoạt động"]


def table(rows: list[list[str]]) -> Any:
    return read_table("don-vi.csv", csv_bytes([HEADER, *rows]))


def test_children_may_come_before_their_parents_in_the_file(world: Any) -> None:
    rows = [
        ["PA-2-X", "Nhóm X", "Đơn vị trực thuộc", "PA-2", ""],
        ["PA-2", "Tổ A2", "Đơn vị trực thuộc", "PA", "Có"],
    ]
    plan = OrganisationImporter(world.user("coordinator")).commit(table(rows))
    assert plan.counts["create"] == 2
    x = Organisation.objects.get(code="PA-2-X")
    assert x.parent.code == "PA-2"
    assert x.path.startswith(world.unit_a.path)


def test_it_reports_unknown_parents_and_cycles(world: Any) -> None:
    rows = [
        ["C1", "Một", "Đơn vị", "C2", ""],
        ["C2", "Hai", "Đơn vị", "C1", ""],
        ["C3", "Ba", "Đơn vị", "KHONG", ""],
        ["C4", "Bốn", "Đơn vị", "C4", ""],
    ]
    plan = OrganisationImporter(world.user("admin")).plan(table(rows))
    assert [str(e) for e in plan.errors] == [
        "Dòng 2, cột «Mã đơn vị cấp trên»: các đơn vị trong tệp làm cấp trên của nhau thành vòng",
        "Dòng 3, cột «Mã đơn vị cấp trên»: các đơn vị trong tệp làm cấp trên của nhau thành vòng",
        "Dòng 4, cột «Mã đơn vị cấp trên»: không có đơn vị mã «KHONG» trong hệ thống hoặc trong tệp",
        "Dòng 5, cột «Mã đơn vị cấp trên»: đơn vị không thể là cấp trên của chính nó",
    ]


def test_a_unit_head_cannot_change_organisations(world: Any) -> None:
    rows = [["PA-9", "Tổ mới", "Đơn vị trực thuộc", "PA", ""]]
    plan = OrganisationImporter(world.user("head_a")).plan(table(rows))
    assert [str(e) for e in plan.errors] == [
        "Dòng 2, cột «Mã đơn vị cấp trên»: đơn vị «PA» nằm ngoài phạm vi bạn được quản lý"
    ]


def test_a_coordinator_cannot_add_a_new_root(world: Any) -> None:
    plan = OrganisationImporter(world.user("coordinator")).plan(
        table([["TINH", "Tỉnh", "Tỉnh, thành phố", "", ""]])
    )
    assert [str(e) for e in plan.errors] == [
        "Dòng 2, cột «Mã đơn vị cấp trên»: chỉ quản trị hệ thống được thêm hoặc chuyển đơn vị lên cấp gốc"
    ]


def test_a_coordinator_cannot_move_a_unit_out_of_their_tree(world: Any) -> None:
    from ungxu.core.testing import make_org

    make_org("Sở khác", "SK", kind="department")
    plan = OrganisationImporter(world.user("coordinator")).plan(
        table([["PA", "Phòng A", "Đơn vị", "SK", "Có"]])
    )
    assert [str(e) for e in plan.errors] == [
        "Dòng 2, cột «Mã đơn vị cấp trên»: đơn vị «SK» nằm ngoài phạm vi bạn được quản lý"
    ]


def test_changing_the_parent_moves_the_subtree_and_reimport_is_a_no_op(world: Any) -> None:
    rows = [["PA-1", "Tổ A1", "Đơn vị trực thuộc", "PB", "Có"]]
    importer = OrganisationImporter(world.user("coordinator"))
    plan = importer.commit(table(rows))
    assert plan.counts["update"] == 1
    moved = Organisation.objects.get(code="PA-1")
    assert moved.path.startswith(world.unit_b.path)
    assert importer.commit(table(rows)).counts == {"create": 0, "update": 0, "unchanged": 1}


def test_an_organisation_export_reimports_without_any_change(world: Any) -> None:
    from ungxu.imports import writers

    importer = OrganisationImporter(world.user("coordinator"))
    for fmt in ("xlsx", "csv"):
        data = writers.export(importer, importer.export_queryset(), fmt)
        plan = importer.plan(read_table(f"don-vi.{fmt}", data))
        assert plan.ok, [str(e) for e in plan.errors]
        assert plan.counts == {"create": 0, "update": 0, "unchanged": 4}
