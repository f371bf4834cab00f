"""The account inventory through the import framework: row-level errors, commit, re-import."""

from __future__ import annotations

import pytest

from ungxu.imports.importer import ImportFailed
from ungxu.imports.readers import read_table
from ungxu.imports.testing import xlsx_bytes
from ungxu.socials.importers import OfficialAccountImporter
from ungxu.socials.models import OfficialAccount

HEADER = [
    "Đường dẫn",
    "Nền tảng",
    "Tên tài khoản",
    "Mã đơn vị",
    "Mã người chịu trách nhiệm",
    "Quản trị viên",
    "Email khôi phục",
]


def table(*rows):
    return read_table("tk.xlsx", xlsx_bytes([HEADER, *rows]))


GOOD = [
    [
        "fb.com/PhongAThuNghiem",
        "Trang Facebook",
        "Phòng A",
        "PA",
        "NSA01",
        "NSA01; NSA11; Ngoài: Công ty Truyền thông Sao",
        "pa@sothunghiem.gov.vn",
    ],
    ["https://www.youtube.com/@kenhphongb", "Kênh YouTube", "Kênh Phòng B", "PB", "", "NSB01", ""],
]


def test_a_good_file_creates_accounts_with_registry_and_external_admins(world):
    OfficialAccountImporter(world.user("coordinator")).commit(table(*GOOD))
    account = OfficialAccount.objects.get(handle="phongathunghiem")
    assert account.url == "https://www.facebook.com/phongathunghiem"
    assert account.responsible_person == world.person_a
    names = sorted(a.display_name for a in account.admins.all())
    assert names == ["Công ty Truyền thông Sao", "Nguyễn Văn An", "Trần Thị Bình"]
    assert account.posture_grade


def test_reimporting_the_same_file_changes_nothing(world):
    importer = OfficialAccountImporter(world.user("coordinator"))
    importer.commit(table(*GOOD))
    plan = importer.plan(table(*GOOD))
    assert plan.ok and plan.counts == {"create": 0, "update": 0, "unchanged": 2}


def test_bad_rows_are_named_with_row_column_and_problem_and_nothing_is_written(world):
    bad = [
        ["https://www.facebook.com/groups/", "Trang Facebook", "Lỗi", "PA", "", "", ""],
        ["fb.com/PhongAThuNghiem", "Trang Facebook", "Phòng A", "PA", "", "NSX99", ""],
        ["fb.com/phongbthunghiem", "Trang Facebook", "Phòng B", "ZZ", "", "", ""],
    ]
    plan = OfficialAccountImporter(world.user("coordinator")).plan(table(*bad))
    messages = [str(e) for e in plan.errors]
    assert any(m.startswith("Dòng 2, cột «Đường dẫn»") for m in messages)
    assert any("Dòng 3, cột «Quản trị viên»" in m and "NSX99" in m for m in messages)
    assert any("Dòng 4, cột «Mã đơn vị»" in m and "ZZ" in m for m in messages)
    with pytest.raises(ImportFailed):
        OfficialAccountImporter(world.user("coordinator")).commit(table(*bad))
    assert not OfficialAccount.objects.exists()


def test_a_unit_head_cannot_import_accounts_for_another_unit(world):
    plan = OfficialAccountImporter(world.user("head_a")).plan(table(*GOOD))
    assert [e.row for e in plan.errors] == [3]
    assert "ngoài phạm vi" in plan.errors[0].message
