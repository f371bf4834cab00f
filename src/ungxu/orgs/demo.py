"""Demo data: a province, its Department of Agriculture and Environment, its units and staff,
and one login per role. Loading is idempotent (everything is matched on its code or username),
so `ungxu demo` may run on every start.

Names are generated deterministically from our own short lists of common Vietnamese name parts,
so every installation shows the same people.
"""

from __future__ import annotations

import os
import random
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from ungxu.audit.context import audit_context
from ungxu.orgs.models import EmploymentCategory, Organisation, Person, Role, RoleGrant

DEMO_PASSWORD_ENV = "UNGXU_DEMO_PASSWORD"
DEFAULT_DEMO_PASSWORD = "ungxu-demo-2026"
EMAIL_DOMAIN = "snn.ninhbinh.gov.vn"

# (code, name, kind, parent code)
ORGANISATIONS: tuple[tuple[str, str, str, str | None], ...] = (
    ("NB", "Tỉnh Ninh Bình", "province", None),
    ("SNN", "Sở Nông nghiệp và Môi trường", "department", "NB"),
    ("SNN-VP", "Văn phòng Sở", "unit", "SNN"),
    ("SNN-TTRA", "Thanh tra Sở", "unit", "SNN"),
    ("SNN-KHTC", "Phòng Kế hoạch - Tài chính", "unit", "SNN"),
    ("SNN-TTBV", "Chi cục Trồng trọt và Bảo vệ thực vật", "unit", "SNN"),
    ("SNN-TTBV-KT", "Phòng Kỹ thuật trồng trọt", "subunit", "SNN-TTBV"),
    ("SNN-TTBV-BV", "Phòng Bảo vệ thực vật", "subunit", "SNN-TTBV"),
    ("SNN-CNTY", "Chi cục Chăn nuôi và Thú y", "unit", "SNN"),
    ("SNN-CNTY-DT", "Phòng Dịch tễ thú y", "subunit", "SNN-CNTY"),
    ("SNN-TL", "Chi cục Thủy lợi", "unit", "SNN"),
    ("SNN-KL", "Chi cục Kiểm lâm", "unit", "SNN"),
    ("SNN-KL-NQ", "Hạt Kiểm lâm Nho Quan", "subunit", "SNN-KL"),
    ("SNN-KL-TD", "Hạt Kiểm lâm Tam Điệp", "subunit", "SNN-KL"),
    ("SNN-KN", "Trung tâm Khuyến nông", "unit", "SNN"),
    ("SNN-BQLR", "Ban Quản lý rừng phòng hộ, đặc dụng", "unit", "SNN"),
)

SURNAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ",
    "Ngô", "Dương", "Đinh", "Trịnh", "Mai", "Lương", "Phan", "Tạ", "Đoàn", "Cao",
)  # fmt: skip
MIDDLE_MALE = ("Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Công", "Ngọc", "Thanh", "Trọng")
MIDDLE_FEMALE = ("Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Phương", "Minh", "Kim", "Thùy", "Hải")
GIVEN_MALE = (
    "An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Hiếu", "Hoàng", "Hùng", "Khánh",
    "Long", "Mạnh", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Việt",
)  # fmt: skip
GIVEN_FEMALE = (
    "Anh", "Chi", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Loan",
    "Mai", "Nga", "Nhung", "Oanh", "Phượng", "Quỳnh", "Tâm", "Thảo", "Trang", "Yến",
)  # fmt: skip
POSITIONS = ("Chuyên viên", "Chuyên viên", "Chuyên viên chính", "Kỹ sư", "Kế toán", "Nhân viên")
FIELD_POSITIONS = {
    "SNN-KL": "Kiểm lâm viên",
    "SNN-CNTY": "Bác sĩ thú y",
    "SNN-KN": "Khuyến nông viên",
}

# role, username, unit code, the demo person attached to the login (None: no staff record)
LOGINS: tuple[tuple[str, str, str, str | None], ...] = (
    (Role.ADMIN, "quantri", "NB", None),
    (Role.COORDINATOR, "vanphong", "SNN", "SNN-VP"),
    (Role.LEADERSHIP, "lanhdao", "SNN", "SNN"),
    (Role.UNIT_HEAD, "truongdonvi", "SNN-KL", "SNN-KL"),
    (Role.MODERATOR, "quantritrang", "SNN-VP", "SNN-VP"),
    (Role.STAFF, "canbo", "SNN-KL-NQ", "SNN-KL-NQ"),
)


@dataclass
class DemoResult:
    organisations: int = 0
    people: int = 0
    created: int = 0
    password: str = DEFAULT_DEMO_PASSWORD
    logins: list[tuple[str, str, str, str]] = field(default_factory=list)  # role, user, pw, unit


def demo_password() -> str:
    return os.environ.get(DEMO_PASSWORD_ENV) or DEFAULT_DEMO_PASSWORD


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in folded if not unicodedata.combining(c)).lower()


def demo_people(count: int) -> list[dict[str, Any]]:
    """`count` people spread over the units, the same every time."""
    rng = random.Random(874)  # the Code's decision number, as a fixed seed
    units = [
        code for code, _, kind, _ in ORGANISATIONS if kind in ("department", "unit", "subunit")
    ]
    categories = [c.value for c in EmploymentCategory]
    people = []
    for number in range(1, count + 1):
        female = rng.random() < 0.5
        middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
        given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
        surname = rng.choice(SURNAMES)
        unit = units[(number - 1) % len(units)]
        head = (number - 1) < len(units)  # the first person of each unit leads it
        branch = "-".join(unit.split("-")[:2])  # SNN-KL-NQ belongs to SNN-KL
        field_role = FIELD_POSITIONS.get(branch, "Chuyên viên")
        if head:
            position = "Giám đốc" if unit == "SNN" else "Trưởng đơn vị"
        else:
            position = rng.choice((*POSITIONS, field_role))
        initials = _ascii(surname[0] + middle[0])
        people.append(
            {
                "code": f"NS{number:04d}",
                "full_name": f"{surname} {middle} {given}",
                "position": position,
                "organisation": unit,
                "employment_category": categories[1] if head else rng.choice(categories),
                "email": f"{_ascii(given)}.{initials}{number:04d}@{EMAIL_DOMAIN}",
                "phone": f"09{rng.randrange(10**8):08d}",
            }
        )
    return people


def load_demo(people: int = 300) -> DemoResult:
    result = DemoResult(password=demo_password())
    with transaction.atomic(), audit_context(source="demo"):
        orgs: dict[str, Organisation] = {}
        for code, name, kind, parent in ORGANISATIONS:
            org = Organisation.objects.filter(code=code).first()
            if org is None:
                org = Organisation.objects.create(
                    code=code, name=name, kind=kind, parent=orgs[parent] if parent else None
                )
                result.created += 1
            orgs[code] = org
        existing = set(Person.objects.filter(code__startswith="NS").values_list("code", flat=True))
        first_in_unit: dict[str, str] = {}
        for data in demo_people(people):
            first_in_unit.setdefault(data["organisation"], data["code"])
            if data["code"] in existing:
                continue
            Person.objects.create(**{**data, "organisation": orgs[data["organisation"]]})
            result.created += 1
        for role, username, unit, person_unit in LOGINS:
            user = _demo_user(username, result.password, superuser=role == Role.ADMIN)
            RoleGrant.objects.get_or_create(user=user, role=role, organisation=orgs[unit])
            if person_unit and person_unit in first_in_unit:
                person = Person.objects.get(code=first_in_unit[person_unit])
                if person.user_id is None and not Person.objects.filter(user=user).exists():
                    person.user = user
                    person.save()
            result.logins.append((Role(role).label, username, result.password, orgs[unit].name))
    result.organisations = Organisation.objects.filter(
        code__in=[o[0] for o in ORGANISATIONS]
    ).count()
    result.people = Person.objects.filter(organisation__code__startswith="SNN").count()
    return result


def _demo_user(username: str, password: str, *, superuser: bool) -> Any:
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        user = user_model(username=username, is_staff=superuser, is_superuser=superuser)
    elif user.is_active and user.check_password(password):
        return user  # already right: a second run writes nothing
    user.is_active = True
    user.set_password(password)  # reset when it differs, so the printed table is always right
    user.save()
    return user


def print_logins(result: DemoResult) -> None:
    headers = ("Vai trò", "Tên đăng nhập", "Mật khẩu", "Đơn vị")
    rows = [headers, *result.logins]
    widths = [max(len(str(row[i])) for row in rows) for i in range(4)]
    line = "+-" + "-+-".join("-" * w for w in widths) + "-+"
    print("\nTài khoản demo (mỗi vai trò một tài khoản):")
    print(line)
    for index, row in enumerate(rows):
        print(
            "| "
            + " | ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True))
            + " |"
        )
        if index == 0:
            print(line)
    print(line)
    print(f"Mật khẩu chung của các tài khoản demo: {result.password}\n")
