"""A coordinator imports a people list through the browser: a bad row is refused with a
Vietnamese message naming row and column; the fixed file is previewed, confirmed, written by
the background worker, and the new people appear in their unit's page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from ungxu.core.testing import PASSWORD, build_world
from ungxu.imports.testing import (
    clear_rq_queue,
    isolate_rq_per_xdist_worker,
    run_pending_tasks,
    xlsx_bytes,
)
from ungxu.orgs.models import Person

HEADER = [
    "Mã nhân sự",
    "Họ và tên",
    "Chức vụ",
    "Mã đơn vị",
    "Đối tượng",
    "Thư điện tử",
    "Điện thoại",
]
GOOD = [
    [
        "NS9001",
        "Phan Thị Quỳnh",
        "Chuyên viên",
        "PA",
        "Viên chức",
        "quynh.pt@example.gov.vn",
        "0912 111 222",
    ],
    [
        "NS9002",
        "Cao Văn Thắng",
        "Kỹ sư",
        "PA",
        "Công chức",
        "thang.cv@example.gov.vn",
        "+84 913 222 333",
    ],
    ["NS9003", "Đoàn Thị Yến", "Nhân viên", "PA", "Người lao động", "yen.dt@example.gov.vn", ""],
]


def write_sheet(folder: Path, name: str, rows: list[list[str]]) -> Path:
    path = folder / name
    path.write_bytes(xlsx_bytes([HEADER, *rows]))
    return path


@pytest.mark.browser
def test_a_coordinator_fixes_a_bad_row_and_imports_people(
    live_server: Any,
    transactional_db: None,
    page: Any,
    screenshots: Path,
    tmp_path: Path,
    settings: Any,
) -> None:
    settings.DATA_DIR = tmp_path
    isolate_rq_per_xdist_worker(settings)
    clear_rq_queue()
    world = build_world()
    url = live_server.url

    page.goto(url + reverse(settings.LOGIN_URL))
    page.fill("input[name=username]", "coordinator")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda u: "/account/login" not in u)

    page.goto(url + reverse("imports:start", args=["people"]))
    bad = [*GOOD[:1], [*GOOD[1][:5], "thang.cv@@example", GOOD[1][6]], GOOD[2]]
    page.set_input_files("input[name=file]", str(write_sheet(tmp_path, "nhan-su.xlsx", bad)))
    page.click("button:has-text('Kiểm tra tệp')")
    error = page.locator("#import-errors")
    error.wait_for()
    assert (
        "Dòng 3, cột «Thư điện tử»: «thang.cv@@example» không phải địa chỉ thư điện tử hợp lệ"
        in error.inner_text()
    )
    assert page.locator("button:has-text('Xác nhận nhập')").count() == 0
    page.screenshot(path=str(screenshots / "import-errors.png"), full_page=True)
    assert not Person.objects.filter(code__startswith="NS900").exists()

    page.click("text=Tải lên tệp đã sửa")
    page.set_input_files(
        "input[name=file]", str(write_sheet(tmp_path, "nhan-su-da-sua.xlsx", GOOD))
    )
    page.click("button:has-text('Kiểm tra tệp')")
    page.locator("button:has-text('Xác nhận nhập')").wait_for()
    assert page.locator("text=Thêm mới").count() >= 3
    page.screenshot(path=str(screenshots / "import-preview.png"), full_page=True)
    page.click("button:has-text('Xác nhận nhập')")
    page.locator("#job-status[hx-trigger]").wait_for()  # the page polls while the task waits
    job_url = page.url

    # The worker runs here, in the test process (it shares the test database); the page is
    # parked meanwhile so its polling does not race the worker on SQLite's shared connection.
    page.goto("about:blank")
    assert run_pending_tasks() == 1
    page.goto(job_url)
    page.locator(".alert-success", has_text="Đã nhập xong").wait_for()
    assert page.locator("#job-status[hx-trigger]").count() == 0

    page.goto(url + reverse("orgs:organisation_detail", args=[world.unit_a.pk]))
    people = page.locator("#people-title").locator("xpath=..")
    for row in GOOD:
        assert row[1] in people.inner_text()
    assert Person.objects.get(code="NS9002").phone == "0913222333"
    assert settings.TASKS_BACKEND_NAME in ("database", "rq")
