"""Security posture of an official social account: named checks, a score and a grade.

Pure functions over plain dataclasses; the Django app builds an ``AccountSnapshot`` from its
models (admins cross-checked against the people registry) and stores the result.

Each check ends ``pass``, ``fail`` or ``unknown`` (the information is missing, e.g. nobody has
attested whether an admin uses two-factor authentication). Score = weighted share of the checks,
where an unknown check earns half its weight: missing information is neither rewarded nor
punished as hard as a known hole. Grade A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F; a failed
*critical* check (an admin without 2FA, an admin who has left) caps the grade at D whatever
the score, because either one alone is enough to lose the account.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

__all__ = [
    "DEFAULT_WEIGHTS",
    "GRADES",
    "AccountSnapshot",
    "Admin",
    "AgencyContact",
    "CheckResult",
    "Posture",
    "PostureParams",
    "UnitSummary",
    "evaluate",
    "grade_for",
    "normalise_phone",
    "rollup_by_unit",
    "summarise",
]

Status = Literal["pass", "fail", "unknown"]
GRADES = ("A", "B", "C", "D", "F")

DEFAULT_WEIGHTS: Mapping[str, int] = {
    "admins_2fa": 20,
    "admins_current_staff": 20,
    "admin_count": 10,
    "no_external_admins": 5,
    "recovery_email_agency": 10,
    "recovery_phone_agency": 10,
    "password_review": 8,
    "admin_review": 7,
    "connected_apps_review": 5,
    "public_contact": 3,
    "responsible_person": 2,
}
CRITICAL = frozenset({"admins_2fa", "admins_current_staff"})

# Free mailbox providers: a recovery address there belongs to a person, not the agency.
_PERSONAL_MAIL = frozenset(
    {
        "gmail.com",
        "yahoo.com",
        "yahoo.com.vn",
        "outlook.com",
        "hotmail.com",
        "icloud.com",
        "live.com",
        "mail.ru",
        "proton.me",
        "protonmail.com",
        "zoho.com",
    }
)
_EMAIL = re.compile(r"^[^@\s]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)$")


@dataclass(frozen=True)
class Admin:
    name: str
    has_2fa: bool | None = None  # None: not attested
    is_current_staff: bool | None = None  # from the people registry; None: not matched
    is_external: bool = False  # a named person outside the agency (contractor, press office…)


@dataclass(frozen=True)
class AccountSnapshot:
    admins: tuple[Admin, ...] = ()
    recovery_email: str = ""
    recovery_phone: str = ""
    last_password_review: date | None = None
    last_admin_review: date | None = None
    connected_apps_reviewed: date | None = None
    public_contact_published: bool | None = None
    responsible_person_published: bool | None = None


@dataclass(frozen=True)
class AgencyContact:
    """What belongs to the agency: its mail domains (besides any .gov.vn) and phone numbers."""

    domains: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()


@dataclass(frozen=True)
class PostureParams:
    min_admins: int = 2
    max_admins: int = 5
    review_days: int = 90
    weights: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))

    def __post_init__(self) -> None:
        if self.min_admins < 1 or self.max_admins < self.min_admins:
            raise ValueError("Số quản trị viên tối thiểu phải ≥ 1 và không lớn hơn số tối đa.")
        if self.review_days < 1:
            raise ValueError("Chu kỳ rà soát phải từ 1 ngày trở lên.")
        unknown = set(self.weights) - set(DEFAULT_WEIGHTS)
        if unknown:
            raise ValueError(f"Không có tiêu chí: {', '.join(sorted(unknown))}.")


@dataclass(frozen=True)
class CheckResult:
    id: str
    title: str
    status: Status
    weight: int
    explanation: str
    fix: str = ""  # empty when the check passes
    critical: bool = False


@dataclass(frozen=True)
class Posture:
    checks: tuple[CheckResult, ...]
    score: int
    grade: str

    @property
    def failed(self) -> tuple[CheckResult, ...]:
        return tuple(c for c in self.checks if c.status == "fail")

    def check(self, check_id: str) -> CheckResult:
        return next(c for c in self.checks if c.id == check_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "grade": self.grade,
            "checks": [
                {
                    "id": c.id,
                    "title": c.title,
                    "status": c.status,
                    "weight": c.weight,
                    "explanation": c.explanation,
                    "fix": c.fix,
                    "critical": c.critical,
                }
                for c in self.checks
            ],
        }


# ---------------------------------------------------------------------------------- checks


def _names(admins: Iterable[Admin]) -> str:
    return ", ".join(a.name for a in admins)


def _check_2fa(snap: AccountSnapshot) -> tuple[Status, str, str]:
    without = [a for a in snap.admins if a.has_2fa is False]
    unknown = [a for a in snap.admins if a.has_2fa is None]
    if without:
        return (
            "fail",
            f"Quản trị viên chưa bật xác thực hai yếu tố: {_names(without)}.",
            "Yêu cầu từng người bật xác thực hai yếu tố (ứng dụng xác thực hoặc khóa bảo "
            "mật) ngay; ai không bật thì gỡ quyền quản trị.",
        )
    if unknown or not snap.admins:
        who = _names(unknown) if unknown else "chưa khai báo quản trị viên"
        return (
            "unknown",
            f"Chưa xác nhận xác thực hai yếu tố: {who}.",
            "Đề nghị từng quản trị viên xác nhận đã bật xác thực hai yếu tố.",
        )
    return "pass", "Mọi quản trị viên đã bật xác thực hai yếu tố.", ""


def _check_current_staff(snap: AccountSnapshot) -> tuple[Status, str, str]:
    staff = [a for a in snap.admins if not a.is_external]
    departed = [a for a in staff if a.is_current_staff is False]
    unmatched = [a for a in staff if a.is_current_staff is None]
    if departed:
        return (
            "fail",
            f"Người đã nghỉ việc hoặc chuyển công tác vẫn còn quyền quản trị: {_names(departed)}.",
            "Gỡ quyền quản trị của những người này ngay, đổi mật khẩu trang và kiểm tra "
            "các bài đăng gần đây.",
        )
    if unmatched:
        return (
            "unknown",
            f"Không đối chiếu được với danh sách cán bộ: {_names(unmatched)}.",
            "Liên kết quản trị viên với hồ sơ nhân sự, hoặc đánh dấu là người ngoài cơ quan.",
        )
    if not staff:
        return (
            "unknown",
            "Chưa có quản trị viên nào là cán bộ của cơ quan.",
            "Giao ít nhất một cán bộ đang công tác làm quản trị viên.",
        )
    return "pass", "Mọi quản trị viên là cán bộ đang công tác.", ""


def _check_admin_count(snap: AccountSnapshot, params: PostureParams) -> tuple[Status, str, str]:
    count = len(snap.admins)
    if count < params.min_admins:
        return (
            "fail",
            f"Chỉ có {count} quản trị viên (cần ít nhất {params.min_admins}): nếu một "
            "tài khoản bị mất, cơ quan mất luôn quyền quản lý trang.",
            f"Bổ sung quản trị viên dự phòng cho đủ {params.min_admins} người.",
        )
    if count > params.max_admins:
        return (
            "fail",
            f"Có {count} quản trị viên (tối đa {params.max_admins}): càng nhiều người giữ "
            "quyền, càng nhiều chỗ để kẻ gian chiếm trang.",
            f"Rà soát và gỡ bớt quyền, giữ không quá {params.max_admins} quản trị viên.",
        )
    return "pass", f"Có {count} quản trị viên, trong giới hạn cho phép.", ""


def _check_external(snap: AccountSnapshot) -> tuple[Status, str, str]:
    external = [a for a in snap.admins if a.is_external]
    if external:
        return (
            "fail",
            f"Người ngoài cơ quan có quyền quản trị: {_names(external)}.",
            "Chỉ giao quyền biên tập có thời hạn cho người ngoài; quyền quản trị để cán bộ "
            "của cơ quan giữ.",
        )
    return "pass", "Không có người ngoài cơ quan giữ quyền quản trị.", ""


def _domain_belongs(domain: str, agency: AgencyContact) -> bool:
    domain = domain.lower()
    owned = ("gov.vn", *(d.lower().lstrip("@.") for d in agency.domains))
    return any(domain == d or domain.endswith("." + d) for d in owned)


def _check_recovery_email(snap: AccountSnapshot, agency: AgencyContact) -> tuple[Status, str, str]:
    email = snap.recovery_email.strip()
    fix = "Đổi email khôi phục sang hộp thư công vụ của cơ quan (tên miền .gov.vn)."
    if not email:
        return (
            "unknown",
            "Chưa khai báo email khôi phục của tài khoản.",
            "Khai báo email khôi phục.",
        )
    match = _EMAIL.match(email)
    if match is None:
        return "fail", f"Email khôi phục '{email}' không hợp lệ.", fix
    domain = match.group(1).lower()
    if _domain_belongs(domain, agency):
        return "pass", f"Email khôi phục thuộc tên miền của cơ quan ({domain}).", ""
    kind = "hộp thư cá nhân" if domain in _PERSONAL_MAIL else "tên miền không thuộc cơ quan"
    return (
        "fail",
        f"Email khôi phục '{email}' là {kind}: khi người giữ hộp thư nghỉ việc, cơ quan "
        "không lấy lại được tài khoản.",
        fix,
    )


def normalise_phone(phone: str) -> str:
    """Vietnamese phone number as local digits: '+84 912 345 678' → '0912345678'."""
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("84") and len(digits) in (11, 12):  # +84 mobile or landline
        digits = "0" + digits[2:]
    return digits


def _check_recovery_phone(snap: AccountSnapshot, agency: AgencyContact) -> tuple[Status, str, str]:
    phone = normalise_phone(snap.recovery_phone)
    if not phone:
        return (
            "unknown",
            "Chưa khai báo số điện thoại khôi phục.",
            "Khai báo số điện thoại khôi phục của cơ quan.",
        )
    if not agency.phones:
        return (
            "unknown",
            "Cơ quan chưa khai báo danh sách số điện thoại của mình để đối chiếu.",
            "Khai báo các số điện thoại của cơ quan trong phần cấu hình.",
        )
    if phone in {normalise_phone(p) for p in agency.phones}:
        return "pass", "Số điện thoại khôi phục thuộc cơ quan.", ""
    return (
        "fail",
        f"Số điện thoại khôi phục {phone} không nằm trong danh sách số của cơ quan (có thể là "
        "số cá nhân).",
        "Đổi số điện thoại khôi phục sang số do cơ quan quản lý.",
    )


def _check_review(
    when: date | None, today: date, params: PostureParams, what: str
) -> tuple[Status, str, str]:
    fix = f"Rà soát {what} và ghi nhận ngày rà soát (chu kỳ {params.review_days} ngày)."
    if when is None:
        return "fail", f"Chưa ghi nhận lần rà soát {what} nào.", fix
    if when > today:
        return "fail", f"Ngày rà soát {what} ({when:%d/%m/%Y}) ở tương lai, cần kiểm tra lại.", fix
    age = (today - when).days
    if age > params.review_days:
        return (
            "fail",
            f"Lần rà soát {what} gần nhất là {when:%d/%m/%Y}, đã {age} ngày "
            f"(quá {params.review_days} ngày).",
            fix,
        )
    return "pass", f"Đã rà soát {what} ngày {when:%d/%m/%Y} ({age} ngày trước).", ""


def _check_flag(
    value: bool | None, yes: str, no: str, fix: str, unknown: str
) -> tuple[Status, str, str]:
    if value is None:
        return "unknown", unknown, fix
    return ("pass", yes, "") if value else ("fail", no, fix)


_TITLES = {
    "admins_2fa": "Mọi quản trị viên bật xác thực hai yếu tố",
    "admins_current_staff": "Mọi quản trị viên là cán bộ đang công tác",
    "admin_count": "Số quản trị viên hợp lý",
    "no_external_admins": "Không có người ngoài cơ quan giữ quyền quản trị",
    "recovery_email_agency": "Email khôi phục thuộc cơ quan",
    "recovery_phone_agency": "Số điện thoại khôi phục thuộc cơ quan",
    "password_review": "Rà soát mật khẩu định kỳ",
    "admin_review": "Rà soát danh sách quản trị viên định kỳ",
    "connected_apps_review": "Rà soát ứng dụng được cấp quyền",
    "public_contact": "Công khai thông tin liên hệ",
    "responsible_person": "Công khai người chịu trách nhiệm",
}


def evaluate(
    snapshot: AccountSnapshot,
    *,
    today: date,
    agency: AgencyContact | None = None,
    params: PostureParams | None = None,
) -> Posture:
    """Run every check on ``snapshot`` as of ``today``."""
    agency = agency or AgencyContact()
    params = params or PostureParams()
    outcomes: dict[str, tuple[Status, str, str]] = {
        "admins_2fa": _check_2fa(snapshot),
        "admins_current_staff": _check_current_staff(snapshot),
        "admin_count": _check_admin_count(snapshot, params),
        "no_external_admins": _check_external(snapshot),
        "recovery_email_agency": _check_recovery_email(snapshot, agency),
        "recovery_phone_agency": _check_recovery_phone(snapshot, agency),
        "password_review": _check_review(snapshot.last_password_review, today, params, "mật khẩu"),
        "admin_review": _check_review(
            snapshot.last_admin_review, today, params, "danh sách quản trị viên"
        ),
        "connected_apps_review": _check_review(
            snapshot.connected_apps_reviewed, today, params, "ứng dụng được cấp quyền"
        ),
        "public_contact": _check_flag(
            snapshot.public_contact_published,
            "Trang đã công khai địa chỉ, số điện thoại, email liên hệ của cơ quan.",
            "Trang chưa công khai thông tin liên hệ của cơ quan.",
            "Bổ sung địa chỉ, điện thoại, email liên hệ vào phần giới thiệu của trang.",
            "Chưa xác nhận trang đã công khai thông tin liên hệ hay chưa.",
        ),
        "responsible_person": _check_flag(
            snapshot.responsible_person_published,
            "Trang đã công khai người (bộ phận) chịu trách nhiệm nội dung.",
            "Trang chưa công khai người (bộ phận) chịu trách nhiệm nội dung.",
            "Ghi rõ người hoặc bộ phận chịu trách nhiệm nội dung trong phần giới thiệu.",
            "Chưa xác nhận trang đã công khai người chịu trách nhiệm hay chưa.",
        ),
    }
    checks = tuple(
        CheckResult(
            id=check_id,
            title=_TITLES[check_id],
            status=status,
            weight=params.weights.get(check_id, DEFAULT_WEIGHTS[check_id]),
            explanation=explanation,
            fix=fix if status != "pass" else "",
            critical=check_id in CRITICAL,
        )
        for check_id, (status, explanation, fix) in outcomes.items()
    )
    total = sum(c.weight for c in checks)
    earned = sum(c.weight for c in checks if c.status == "pass")
    earned_half = sum(c.weight for c in checks if c.status == "unknown")
    score = round(100 * (earned + earned_half / 2) / total) if total else 0
    grade = grade_for(score)
    if any(c.critical and c.status == "fail" for c in checks) and grade in ("A", "B", "C"):
        grade = "D"
    return Posture(checks=checks, score=score, grade=grade)


def grade_for(score: int) -> str:
    for grade, floor in (("A", 90), ("B", 80), ("C", 70), ("D", 60)):
        if score >= floor:
            return grade
    return "F"


# -------------------------------------------------------------------------------- roll-up


@dataclass(frozen=True)
class UnitSummary:
    count: int
    mean_score: float | None
    worst_score: int | None
    by_grade: Mapping[str, int]
    failing: Mapping[str, int]  # check id -> number of accounts failing it

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "mean_score": self.mean_score,
            "worst_score": self.worst_score,
            "by_grade": dict(self.by_grade),
            "failing": dict(self.failing),
        }


def summarise(postures: Iterable[Posture]) -> UnitSummary:
    items = list(postures)
    grades = Counter(p.grade for p in items)
    failing = Counter(c.id for p in items for c in p.failed)
    return UnitSummary(
        count=len(items),
        mean_score=round(sum(p.score for p in items) / len(items), 1) if items else None,
        worst_score=min((p.score for p in items), default=None),
        by_grade={g: grades.get(g, 0) for g in GRADES},
        failing=dict(sorted(failing.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def rollup_by_unit(items: Iterable[tuple[str, Posture]]) -> dict[str, UnitSummary]:
    """Summaries per unit key from (unit, posture) pairs; units in first-seen order."""
    groups: dict[str, list[Posture]] = {}
    for unit, posture in items:
        groups.setdefault(unit, []).append(posture)
    return {unit: summarise(postures) for unit, postures in groups.items()}
