from __future__ import annotations

import re

import pytest

from ungxu.dashboard import nav

pytestmark = pytest.mark.django_db


def nav_labels(body: str) -> list[str]:
    sidebar = body.split('id="main-nav"')[1].split("</nav>")[0]
    return re.findall(r'class="nav-link"[^>]*>\s*<span>([^<]+)</span>', sidebar)


def test_every_product_area_is_in_the_coordinators_menu(world):
    labels = nav_labels(world.client("coordinator").get("/").content.decode())
    for label in [
        "Tổng quan",
        "Tổ chức &amp; nhân sự",
        "Phổ biến Bộ quy tắc",
        "Tài khoản mạng xã hội",
        "Kiểm tra nội dung",
        "Hộp kiểm duyệt",
        "Phản ánh",
        "Báo cáo",
        "Nhật ký hệ thống",
        "Nhập dữ liệu",
    ]:
        assert label in labels


@pytest.mark.parametrize(
    ("persona", "hidden"),
    [
        (
            "staff_a",
            {
                "Nhật ký hệ thống",
                "Nhập dữ liệu",
                "Hộp kiểm duyệt",
                "Báo cáo",
                "Tài khoản mạng xã hội",
            },
        ),
        ("moderator_a", {"Nhật ký hệ thống", "Nhập dữ liệu", "Báo cáo"}),
        ("leader", {"Nhật ký hệ thống", "Nhập dữ liệu", "Hộp kiểm duyệt"}),
        ("head_a", {"Nhật ký hệ thống", "Khoá đăng nhập"}),
        ("coordinator", {"Khoá đăng nhập", "Quản trị kỹ thuật"}),
    ],
)
def test_menu_items_are_hidden_from_roles_that_may_not_use_them(world, persona, hidden):
    labels = set(nav_labels(world.client(persona).get("/").content.decode()))
    assert labels & hidden == set()
    assert "Tổng quan" in labels


def test_a_login_without_roles_only_gets_the_home_page(world):
    assert nav_labels(world.client("stranger").get("/").content.decode()) == ["Tổng quan"]


def test_the_technical_admin_link_is_for_django_staff_only(world):
    user = world.user("admin")
    assert "Quản trị kỹ thuật" not in nav_labels(world.client("admin").get("/").content.decode())
    user.is_staff = True
    user.save()
    assert "Quản trị kỹ thuật" in nav_labels(world.client("admin").get("/").content.decode())


def test_the_current_page_is_marked_for_screen_readers(world):
    body = world.client("staff_a").get("/campaigns/").content.decode()
    assert re.search(r'aria-current="page">\s*<span>Phổ biến Bộ quy tắc', body)


def test_areas_not_built_yet_lead_to_a_vietnamese_under_construction_page(world):
    client = world.client("coordinator")
    response = client.get(nav.area_url(nav.AREAS_BY_KEY["reports"]))
    assert response.status_code == 200
    assert "Chức năng đang được phát triển" in response.content.decode()
    assert client.get("/dang-phat-trien/khong-co/").status_code == 404


def test_an_under_construction_page_still_respects_roles(world):
    assert world.client("staff_a").get("/dang-phat-trien/moderation/").status_code == 403


def test_the_user_menu_names_the_person_and_their_highest_role(world):
    body = world.client("staff_a").get("/").content.decode()
    menu = body.split("data-user-menu")[1].split("</details>")[0]
    assert "Nguyễn Văn An" in menu and "Cán bộ, nhân viên" in menu
    for link in ["/account/password/", "/account/two-factor/", "/account/api-token/"]:
        assert link in menu
    assert 'action="/account/logout/"' in menu


def test_the_page_has_a_skip_link_and_a_labelled_main_region(world):
    body = world.client("head_a").get("/").content.decode()
    assert '<a class="skip-link" href="#main">' in body
    assert '<main id="main"' in body


def test_only_the_most_specific_menu_item_is_marked_current(world):
    links = nav.visible_links(world.user("coordinator"), "/moderation/check/")
    assert [link.area.key for link in links if link.current] == ["checker"]
    links = nav.visible_links(world.user("coordinator"), "/moderation/items/1/")
    assert [link.area.key for link in links if link.current] == ["moderation"]
    links = nav.visible_links(world.user("coordinator"), "/people/3/")
    assert [link.area.key for link in links if link.current] == ["orgs"]
