"""REST API for organisations and people: token auth, scoping like the HTML views, writes."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ungxu.audit.models import AuditEntry
from ungxu.orgs.models import Organisation, Person


def api(world: Any, persona: str | None) -> APIClient:
    client = APIClient()
    if persona is not None:
        token = Token.objects.create(user=world.user(persona))
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def codes(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return sorted(item["code"] for item in response.json()["results"])


def test_without_a_token_the_api_answers_401_in_vietnamese(world: Any) -> None:
    response = APIClient().get("/api/v1/people/")
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Chưa đăng nhập")
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Token khong-dung")
    assert bad.get("/api/v1/people/").json()["detail"].startswith("Mã truy cập API không hợp lệ")


def test_a_session_works_as_well_as_a_token(world: Any) -> None:
    assert world.client("head_a").get("/api/v1/people/").status_code == 200


@pytest.mark.parametrize(
    ("persona", "people", "orgs"),
    [
        ("admin", ["NSA01", "NSA11", "NSB01"], ["PA", "PA-1", "PB", "SO"]),
        ("coordinator", ["NSA01", "NSA11", "NSB01"], ["PA", "PA-1", "PB", "SO"]),
        ("head_a", ["NSA01", "NSA11"], ["PA", "PA-1"]),
        ("head_b", ["NSB01"], ["PB"]),
        ("staff_a", ["NSA01", "NSA11"], ["PA", "PA-1"]),
        ("stranger", [], []),
    ],
)
def test_lists_hold_only_what_the_persona_may_see(
    world: Any, persona: str, people: list[str], orgs: list[str]
) -> None:
    client = api(world, persona)
    assert codes(client.get("/api/v1/people/")) == people
    assert codes(client.get("/api/v1/organisations/")) == orgs


def test_a_unit_head_cannot_read_or_change_another_units_people(world: Any) -> None:
    client = api(world, "head_a")
    other = world.person_b
    assert client.get(f"/api/v1/people/{other.pk}/").status_code == 404
    response = client.patch(f"/api/v1/people/{other.pk}/", {"full_name": "X"}, format="json")
    assert response.status_code == 404
    assert response.json()["detail"] == "Không tìm thấy hoặc bạn không có quyền xem."
    created = client.post(
        "/api/v1/people/",
        {
            "code": "NS9",
            "full_name": "Ai Đó",
            "organisation": "PB",
            "employment_category": "vien_chuc",
        },
        format="json",
    )
    assert created.status_code == 400
    assert created.json()["organisation"] == ["Không có đơn vị mã «PB» (hoặc bạn không được xem)."]
    Person.objects.get(pk=other.pk, full_name="Lê Văn Cường")


def test_staff_may_read_but_not_change_their_units_people(world: Any) -> None:
    client = api(world, "staff_a")
    person = world.person_a
    assert client.get(f"/api/v1/people/{person.pk}/").status_code == 200
    response = client.patch(f"/api/v1/people/{person.pk}/", {"full_name": "X"}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "Bạn không có quyền thay đổi dữ liệu này."


def test_a_unit_head_creates_and_updates_people_with_an_audit_trail(world: Any) -> None:
    client = api(world, "head_a")
    response = client.post(
        "/api/v1/people/",
        {
            "code": "ns200",
            "full_name": "Đinh Thị Thu",
            "organisation": "PA-1",
            "employment_category": "nguoi_lao_dong",
            "phone": "+84 913 111 222",
            "joined_on": "2026-01-05",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["code"], body["phone"], body["organisation_name"]) == (
        "NS200",
        "0913111222",
        "Tổ A1",
    )
    entry = AuditEntry.objects.filter(
        object_id=str(body["id"]), object_label__startswith="Đinh"
    ).get()
    assert (entry.actor, entry.source) == (world.user("head_a"), "api")

    moved = client.patch(f"/api/v1/people/{body['id']}/", {"organisation": "PA"}, format="json")
    assert moved.json()["organisation"] == "PA"


def test_validation_errors_are_vietnamese(world: Any) -> None:
    response = api(world, "coordinator").post(
        "/api/v1/people/",
        {
            "code": "NSA01",
            "organisation": "PA",
            "employment_category": "khac",
            "email": "x@",
            "phone": "123",
            "joined_on": "05/01/2026",
        },
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()
    assert errors["full_name"] == ["Trường này là bắt buộc."]
    assert errors["code"] == ["Giá trị này đã được dùng."]
    assert errors["employment_category"] == ["«khac» không phải lựa chọn hợp lệ."]
    assert errors["email"] == ["Nhập một địa chỉ email hợp lệ."]
    assert errors["phone"][0].startswith("«123» không phải số điện thoại Việt Nam hợp lệ")
    assert errors["joined_on"][0].startswith("Ngày không hợp lệ")


def test_people_filters(world: Any) -> None:
    client = api(world, "coordinator")
    assert codes(client.get("/api/v1/people/?organisation=PA")) == ["NSA01", "NSA11"]
    assert codes(client.get("/api/v1/people/?q=bình")) == ["NSA11"] or codes(
        client.get("/api/v1/people/?q=Bình")
    ) == ["NSA11"]
    world.person_b.left_on = world.person_b.created_at.date().replace(year=2020)
    world.person_b.save()
    assert codes(client.get("/api/v1/people/?active=false")) == ["NSB01"]
    assert codes(client.get("/api/v1/people/?active=true")) == ["NSA01", "NSA11"]


def test_organisations_are_created_under_a_parent_in_scope_only(world: Any) -> None:
    coordinator = api(world, "coordinator")
    response = coordinator.post(
        "/api/v1/organisations/", {"code": "pc", "name": "Phòng C", "parent": "SO"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert Organisation.objects.get(code="PC").parent == world.root
    root = coordinator.post(
        "/api/v1/organisations/", {"code": "X", "name": "Gốc mới"}, format="json"
    )
    assert root.status_code == 403
    head = api(world, "head_a")
    assert (
        head.patch(
            f"/api/v1/organisations/{world.unit_a.pk}/", {"name": "A"}, format="json"
        ).status_code
        == 403
    )
    assert coordinator.delete(f"/api/v1/organisations/{world.unit_a.pk}/").status_code == 405
