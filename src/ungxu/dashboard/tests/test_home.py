from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from ungxu.core.testing import make_person
from ungxu.dashboard.services import build_dashboard
from ungxu.orgs.models import EmploymentCategory

pytestmark = pytest.mark.django_db


def stat(body: str, label: str) -> int:
    match = re.search(rf'stat-label">{label}</div>\s*<div class="stat-value">(\d+)<', body)
    assert match, label
    return int(match.group(1))


def test_anonymous_visitors_are_sent_to_the_login_page():
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/"


def test_a_unit_head_counts_only_their_own_unit(world):
    body = world.client("head_a").get("/").content.decode()
    assert stat(body, "Đơn vị") == 2  # Phòng A and Tổ A1
    assert stat(body, "Nhân sự đang làm việc") == 2
    assert "Lê Văn Cường" not in body and "Phòng B" not in body


def test_the_other_unit_head_counts_only_theirs(world):
    data = build_dashboard(world.user("head_b"))
    assert (data.organisations, data.people_active) == (1, 1)


def test_the_coordinator_counts_the_whole_department_and_departures(world):
    make_person(
        "NSB02", "Phạm Thị Dung", world.unit_b, left_on=timezone.localdate() - dt.timedelta(days=3)
    )
    data = build_dashboard(world.user("coordinator"))
    assert data.organisations == 4
    assert data.people_active == 3
    assert data.people_departed == 1


def test_counts_by_employment_category_cover_active_people_only(world):
    make_person(
        "NSA02", "Đỗ Văn Em", world.unit_a, employment_category=EmploymentCategory.VIEN_CHUC
    )
    make_person(
        "NSA03",
        "Hồ Thị Gấm",
        world.unit_a,
        employment_category=EmploymentCategory.VIEN_CHUC,
        left_on=timezone.localdate(),
    )
    categories = {c.label: c.count for c in build_dashboard(world.user("head_a")).categories}
    assert categories == {"Cán bộ": 0, "Công chức": 2, "Viên chức": 1, "Người lao động": 0}


def test_the_chart_groups_people_under_the_units_of_the_department(world):
    data = build_dashboard(world.user("coordinator"))
    bars = {unit.organisation.code: (unit.active, unit.departed) for unit in data.units}
    assert bars == {"PA": (2, 0), "PB": (1, 0)}  # Tổ A1's person counts under Phòng A


def test_the_chart_is_drawn_as_inline_svg_with_a_table_of_the_same_numbers(world):
    body = world.client("coordinator").get("/").content.decode()
    assert '<svg class="chart"' in body
    assert "Phòng A: 2 đang làm việc, 0 đã nghỉ" in body
    assert "Xem số liệu dạng bảng" in body


def test_coordinators_see_recent_audit_entries_and_unit_heads_do_not(world):
    assert "Hoạt động gần đây" in world.client("coordinator").get("/").content.decode()
    assert "Hoạt động gần đây" not in world.client("head_a").get("/").content.decode()
    entries = build_dashboard(world.user("coordinator")).recent_audit
    assert entries and all(e.organisation is not None for e in entries)


def test_staff_see_their_own_profile_and_unit(world):
    body = world.client("staff_a").get("/").content.decode()
    assert "Thông tin của tôi" in body
    assert "Nguyễn Văn An" in body and "NSA01" in body and "0912345678" in body


def test_a_login_without_any_role_sees_an_explanation_and_no_numbers(world):
    body = world.client("stranger").get("/").content.decode()
    assert "chưa được phân quyền" in body
    assert "stat-value" not in body


def test_the_home_page_keeps_a_small_fixed_number_of_queries(world, django_assert_max_num_queries):
    client = world.client("coordinator")
    for code in range(20):
        make_person(f"NSX{code:02d}", f"Người thử {code}", world.subunit_a1)
    with django_assert_max_num_queries(16):
        client.get("/")
