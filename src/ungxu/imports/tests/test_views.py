"""Import pages: who may use them, the Vietnamese error list, preview, confirmation, exports."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ungxu.imports.models import ImportJob
from ungxu.imports.readers import read_table
from ungxu.imports.testing import run_pending_tasks, xlsx_bytes
from ungxu.orgs.models import Person

HEADER = ["Mã nhân sự", "Họ và tên", "Mã đơn vị", "Đối tượng", "Thư điện tử"]


def upload(client: Any, rows: list[list[str]], name: str = "ds.xlsx") -> Any:
    data = xlsx_bytes([HEADER, *rows])
    return client.post(
        reverse("imports:start", args=["people"]),
        {"file": SimpleUploadedFile(name, data)},
        follow=True,
    )


def test_staff_and_strangers_cannot_open_import_pages(world: Any) -> None:
    for persona in ("staff_a", "leader", "stranger"):
        client = world.client(persona)
        assert client.get(reverse("imports:start", args=["people"])).status_code == 403
    assert (
        world.client("head_a").get(reverse("imports:start", args=["organisations"])).status_code
        == 403
    )


def test_anonymous_visitors_are_sent_to_sign_in(world: Any) -> None:
    response = world.client(None).get(reverse("imports:start", args=["people"]))
    assert response.status_code == 302


def test_an_upload_with_a_bad_row_shows_row_column_and_problem(world: Any) -> None:
    client = world.client("head_a")
    response = upload(
        client,
        [
            ["NS1", "Hà Văn Một", "PA", "Viên chức", "mot@example.gov.vn"],
            ["NS2", "Hà Văn Hai", "PA", "Viên chức", "hai@@x"],
        ],
    )
    page = response.content.decode()
    assert "Dòng 3, cột «Thư điện tử»: «hai@@x» không phải địa chỉ thư điện tử hợp lệ" in page
    assert "Xác nhận nhập" not in page
    assert not Person.objects.filter(code="NS1").exists()


def test_an_unreadable_file_is_refused_on_the_form(world: Any) -> None:
    response = world.client("head_a").post(
        reverse("imports:start", args=["people"]),
        {"file": SimpleUploadedFile("ds.xlsx", b"not a zip")},
    )
    assert "không phải bảng tính Excel" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_preview_confirm_and_progress_page(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client("head_a")
    response = upload(
        client,
        [
            ["NS1", "Hà Văn Một", "PA-1", "Viên chức", ""],
            ["NSA01", "Nguyễn Văn Ân", "PA", "Công chức", "nsa01@example.gov.vn"],
        ],
    )
    page = response.content.decode()
    assert "Thêm mới" in page and "Cập nhật" in page
    assert "Họ và tên: «Nguyễn Văn An» → «Nguyễn Văn Ân»" in page
    job = ImportJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:job_confirm", args=[job.pk]), follow=True)
    assert 'hx-trigger="every 1s"' in response.content.decode()
    run_pending_tasks()
    status = client.get(reverse("imports:job_status", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert status["HX-Refresh"] == "true"
    assert "Đã nhập xong" in status.content.decode()
    assert Person.objects.get(code="NS1").organisation == world.subunit_a1


def test_another_users_job_is_not_found(world: Any) -> None:
    upload(world.client("head_a"), [["NS1", "Hà Văn Một", "PA", "Viên chức", ""]])
    job = ImportJob.objects.get()
    assert world.client("head_b").get(reverse("imports:job", args=[job.pk])).status_code == 404
    assert world.client("admin").get(reverse("imports:job", args=[job.pk])).status_code == 200
    assert (
        world.client("admin").post(reverse("imports:job_confirm", args=[job.pk])).status_code == 403
    )


def test_exports_are_scoped_and_reimportable(world: Any) -> None:
    response = world.client("head_b").get(reverse("imports:export", args=["people", "xlsx"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    table = read_table("x.xlsx", response.content)
    assert [cells[0] for _, cells in table.rows] == ["NSB01"]


def test_templates_download_in_both_formats(world: Any) -> None:
    client = world.client("head_a")
    csv_response = client.get(reverse("imports:template", args=["people", "csv"]))
    assert csv_response.content.startswith(b"\xef\xbb\xbf")
    assert "attachment" in csv_response["Content-Disposition"]
    assert client.get("/imports/people/mau.exe").status_code == 404
