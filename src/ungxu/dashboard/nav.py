"""The product's navigation: which areas exist, who may open them, where they live.

One table (`AREAS`) drives the sidebar, the dashboard's area cards and the "đang phát triển"
pages, so adding a workflow means adding (or updating) one line here. An area whose app is not
built yet has no URL name that resolves: it links to the under-construction page instead, and the
link switches to the real page as soon as the app registers its URL name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse

from ungxu.core import scoping

ALL_ROLES = frozenset({"admin", "coordinator", "leadership", "unit_head", "moderator", "staff"})
MANAGERS = frozenset({"admin", "coordinator", "unit_head"})

ROLE_LABELS = {
    "admin": "Quản trị hệ thống",
    "coordinator": "Văn phòng, đầu mối điều phối",
    "leadership": "Lãnh đạo",
    "unit_head": "Thủ trưởng đơn vị",
    "moderator": "Quản trị viên trang",
    "staff": "Cán bộ, nhân viên",
}
# Most powerful first: the user menu names the highest role a person holds.
ROLE_ORDER = ("admin", "coordinator", "leadership", "unit_head", "moderator", "staff")


@dataclass(frozen=True)
class Area:
    key: str
    label: str
    description: str
    group: str
    roles: frozenset[str]
    url_names: tuple[str, ...] = ()  # first one that resolves wins
    built: bool = True  # False: shows the "đang phát triển" badge and page
    staff_only: bool = False  # Django admin: needs is_staff rather than a role
    also_under: tuple[str, ...] = ()  # other URL prefixes that belong to this area


AREAS: tuple[Area, ...] = (
    Area(
        "home",
        "Tổng quan",
        "Số liệu chính và lối tắt đến các chức năng.",
        "Chung",
        ALL_ROLES,
        ("dashboard:home",),
    ),
    Area(
        "orgs",
        "Tổ chức & nhân sự",
        "Cây đơn vị, danh sách cán bộ, công chức, viên chức, người lao động.",
        "Chung",
        ALL_ROLES,
        ("orgs:organisation_list", "orgs:person_list"),
        also_under=("/people/",),
    ),
    Area(
        "campaigns",
        "Phổ biến Bộ quy tắc",
        "Đợt phổ biến, xác nhận đã đọc, bài kiểm tra hiểu biết.",
        "Nghiệp vụ",
        ALL_ROLES,
        ("campaigns:index",),
        built=False,
    ),
    Area(
        "socials",
        "Tài khoản mạng xã hội",
        "Trang, kênh chính thức của đơn vị; an toàn tài khoản; sự cố mạo danh.",
        "Nghiệp vụ",
        frozenset({"admin", "coordinator", "leadership", "unit_head", "moderator"}),
        ("socials:index",),
        built=False,
    ),
    Area(
        "checker",
        "Kiểm tra nội dung",
        "Kiểm tra bài viết trước khi đăng theo Bộ quy tắc và pháp luật.",
        "Nghiệp vụ",
        ALL_ROLES,
        ("moderation:checker",),
        built=False,
    ),
    Area(
        "moderation",
        "Hộp kiểm duyệt",
        "Bình luận, tin nhắn trên trang chính thức cần xem xét.",
        "Nghiệp vụ",
        frozenset({"admin", "coordinator", "unit_head", "moderator"}),
        ("moderation:inbox",),
        built=False,
    ),
    Area(
        "reports",
        "Phản ánh",
        "Tiếp nhận, xử lý phản ánh về thông tin vi phạm.",
        "Nghiệp vụ",
        ALL_ROLES,
        ("reports:index",),
        built=False,
    ),
    Area(
        "insights",
        "Báo cáo",
        "Biểu đồ và báo cáo định kỳ kết quả thực hiện.",
        "Nghiệp vụ",
        frozenset({"admin", "coordinator", "leadership", "unit_head"}),
        ("insights:index",),
        built=False,
    ),
    Area(
        "imports",
        "Nhập dữ liệu",
        "Nhập danh sách đơn vị, nhân sự từ tệp CSV hoặc Excel.",
        "Quản trị",
        MANAGERS,
        ("imports:index",),
    ),
    Area(
        "audit",
        "Nhật ký hệ thống",
        "Ai đã thay đổi gì, khi nào, từ đâu.",
        "Quản trị",
        frozenset({"admin", "coordinator"}),
        ("audit:list",),
    ),
    Area(
        "lockouts",
        "Khoá đăng nhập",
        "Tài khoản đang bị tạm khoá do nhập sai mật khẩu; mở khoá.",
        "Quản trị",
        frozenset({"admin"}),
        ("access:lockouts",),
    ),
    Area(
        "admin",
        "Quản trị kỹ thuật",
        "Trang quản trị Django dành cho quản trị viên hệ thống.",
        "Quản trị",
        frozenset(),
        ("admin:index",),
        staff_only=True,
    ),
)
AREAS_BY_KEY = {area.key: area for area in AREAS}


def roles_of(user: Any) -> frozenset[str]:
    """The roles a user holds anywhere in the tree (a superuser counts as admin).

    Delegates to core.scoping, which caches the grants on the user for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    return frozenset(str(role) for role in scoping.roles(user))


def main_role_label(user: Any) -> str:
    roles = roles_of(user)
    for role in ROLE_ORDER:
        if role in roles:
            return ROLE_LABELS[role]
    return "Chưa được phân quyền"


def may_open(user: Any, area: Area) -> bool:
    if area.staff_only:
        return bool(getattr(user, "is_staff", False) and user.is_active)
    if area.key == "home":
        return bool(getattr(user, "is_authenticated", False))
    return bool(roles_of(user) & area.roles)


def area_url(area: Area) -> str:
    for name in area.url_names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return reverse("dashboard:under_construction", args=[area.key])


def is_built(area: Area) -> bool:
    """Built when declared so, or when a later app has registered one of its URL names."""
    if area.built:
        return True
    for name in area.url_names:
        try:
            reverse(name)
        except NoReverseMatch:
            continue
        return True
    return False


@dataclass(frozen=True)
class NavLink:
    area: Area
    url: str
    current: bool
    built: bool


def visible_links(user: Any, path: str = "") -> list[NavLink]:
    found = []
    for area in AREAS:
        if not may_open(user, area):
            continue
        url = area_url(area)
        if area.key == "home":
            match = len(url) if path == url else 0
        else:
            prefixes = (url, *area.also_under)
            match = max((len(p) for p in prefixes if path and path.startswith(p)), default=0)
        found.append((area, url, match))
    # One area is current: the longest matching prefix wins, so /moderation/check/ lights
    # "Kiểm tra nội dung" and not also "Hộp kiểm duyệt" (/moderation/).
    best = max((match for _, _, match in found), default=0)
    return [
        NavLink(area, url, best > 0 and match == best, is_built(area)) for area, url, match in found
    ]


def grouped_links(user: Any, path: str = "") -> list[tuple[str, list[NavLink]]]:
    groups: dict[str, list[NavLink]] = {}
    for link in visible_links(user, path):
        groups.setdefault(link.area.group, []).append(link)
    return list(groups.items())
