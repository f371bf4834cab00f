"""The empty account list tells each reader something true for them."""

from __future__ import annotations

from typing import Any

import pytest

from ungxu.socials.tests.factories import make_account

pytestmark = pytest.mark.django_db


def test_a_leader_who_cannot_add_accounts_is_not_told_to_add_one(world: Any) -> None:
    body = world.client("leader").get("/socials/").content.decode()
    assert "Chưa có tài khoản nào" in body
    assert "Thêm tài khoản chính thức của đơn vị" not in body


def test_a_coordinator_with_no_accounts_is_invited_to_add_or_import(world: Any) -> None:
    body = world.client("coordinator").get("/socials/").content.decode()
    assert "Thêm tài khoản chính thức của đơn vị hoặc nhập danh sách" in body


def test_a_search_with_no_match_says_nothing_matched_rather_than_nothing_exists(
    world: Any,
) -> None:
    make_account(world.unit_a)
    body = world.client("coordinator").get("/socials/?q=khong-co-dau").content.decode()
    assert "Không có tài khoản phù hợp" in body
    assert "Chưa có tài khoản nào" not in body
