from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_missing_page_answers_in_vietnamese_inside_the_shell(world):
    response = world.client("head_a").get("/khong-co-trang-nay/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in body
    assert 'aria-label="Điều hướng chính"' in body


def test_a_forbidden_page_answers_in_vietnamese(world):
    response = world.client("staff_a").get("/dang-phat-trien/insights/")
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


def test_the_server_error_page_renders_without_a_request():
    body = render_to_string("500.html")
    assert "Hệ thống gặp sự cố" in body
    assert 'lang="vi"' in body


def test_an_anonymous_404_shows_no_navigation():
    body = Client().get("/khong-co/").content.decode()
    assert "Không tìm thấy trang" in body
    assert "Điều hướng chính" not in body
