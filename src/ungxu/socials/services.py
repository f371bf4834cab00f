"""Account inventory and security posture: snapshot building, scoring, roll-up, reviews.

The scoring rules live in `ungxu.socials_core.posture` (pure); this module feeds them from the
database (administrators cross-checked against the people registry) and stores the result on
the account, so lists and the unit roll-up read stored numbers instead of recomputing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ungxu.audit.models import Action, record
from ungxu.orgs.models import Person
from ungxu.socials.models import (
    AccountAdmin,
    AccountStatus,
    OfficialAccount,
    PostureReview,
    ReviewStatus,
)
from ungxu.socials_core.posture import (
    AccountSnapshot,
    Admin,
    AgencyContact,
    CheckResult,
    Posture,
    PostureParams,
    UnitSummary,
    evaluate,
    normalise_phone,
    rollup_by_unit,
)

# A phone that cannot match any number: makes the recovery-phone check fail when the number on
# file is a person's own phone from the registry (see `_agency_contact`).
_NO_AGENCY_PHONE = "x"
REMIND_BEFORE_DAYS = 7
SCHEDULE_BEFORE_DAYS = 14


def posture_params() -> PostureParams:
    return PostureParams(
        min_admins=int(getattr(settings, "UNGXU_SOCIALS_MIN_ADMINS", 2)),
        max_admins=int(getattr(settings, "UNGXU_SOCIALS_MAX_ADMINS", 5)),
        review_days=int(getattr(settings, "UNGXU_SOCIALS_REVIEW_DAYS", 90)),
    )


def _agency_contact(account: OfficialAccount) -> AgencyContact:
    """Mail domains besides .gov.vn come from settings. We keep no list of the agency's phone
    numbers, so a recovery phone counts as the agency's unless it is the personal phone of
    someone in the people registry — then the check fails and names the problem."""
    domains = tuple(getattr(settings, "UNGXU_AGENCY_MAIL_DOMAINS", ()))
    phone = normalise_phone(account.recovery_phone)
    if not phone:
        return AgencyContact(domains=domains)
    # The registry stores phones normalised the same way (leading 0, digits only).
    personal = Person.objects.filter(phone=phone).exists()
    phones = (_NO_AGENCY_PHONE,) if personal else (phone,)
    return AgencyContact(domains=domains, phones=phones)


def snapshot_of(account: OfficialAccount, today: dt.date) -> AccountSnapshot:
    admins = []
    for admin in account.admins.select_related("person"):
        person = admin.person
        admins.append(
            Admin(
                name=admin.display_name,
                has_2fa=admin.has_2fa,
                is_current_staff=None
                if person is None
                else not (person.left_on is not None and person.left_on <= today),
                is_external=person is None,
            )
        )
    return AccountSnapshot(
        admins=tuple(admins),
        recovery_email=account.recovery_email,
        recovery_phone=account.recovery_phone,
        last_password_review=account.last_password_review,
        last_admin_review=account.last_admin_review,
        connected_apps_reviewed=account.connected_apps_reviewed,
        public_contact_published=account.public_contact_published,
        responsible_person_published=account.responsible_person_published,
    )


def evaluate_account(account: OfficialAccount, today: dt.date | None = None) -> Posture:
    today = today or timezone.localdate()
    return evaluate(
        snapshot_of(account, today),
        today=today,
        agency=_agency_contact(account),
        params=posture_params(),
    )


def refresh_posture(account: OfficialAccount, today: dt.date | None = None) -> Posture:
    """Recompute and store the account's posture; logs grade changes in the audit trail."""
    posture = evaluate_account(account, today)
    account.posture_score = posture.score
    account.posture_grade = posture.grade
    account.posture_checks = posture.to_dict()["checks"]
    account.posture_at = timezone.now()
    account.save()
    return posture


def refresh_for_person(person: Person) -> list[OfficialAccount]:
    """Recompute every account the person administers (called when they depart or return)."""
    accounts = list(OfficialAccount.objects.filter(admins__person=person).distinct())
    for account in accounts:
        posture = refresh_posture(account)
        if person.is_departed and posture.check("admins_current_staff").status == "fail":
            record(
                Action.OTHER,
                account,
                message=f"Cảnh báo: {person.full_name} đã nghỉ việc nhưng vẫn là quản trị viên.",
            )
    return accounts


def refresh_all(today: dt.date | None = None) -> int:
    """Daily: dates move on (review ages, departures dated in the future)."""
    count = 0
    for account in OfficialAccount.objects.exclude(status=AccountStatus.CLOSED):
        refresh_posture(account, today)
        count += 1
    return count


@dataclass(frozen=True)
class UnitRow:
    organisation: Any
    summary: UnitSummary
    top_failures: list[tuple[str, int]]  # (check title, accounts failing it), worst first


def unit_rollup(accounts: Iterable[OfficialAccount], top: int = 3) -> list[UnitRow]:
    """Per-unit summaries of the given accounts, units in tree order."""
    items = [a for a in accounts if a.posture_grade]
    by_code = {a.organisation.code: a.organisation for a in items}
    titles = {c["id"]: c["title"] for a in items for c in a.posture_checks or []}
    postures = [(a.organisation.code, _stored_posture(a)) for a in items]
    summary = rollup_by_unit(sorted(postures, key=lambda p: by_code[p[0]].path))
    return [
        UnitRow(
            organisation=by_code[code],
            summary=unit,
            top_failures=[(titles.get(k, k), n) for k, n in list(unit.failing.items())[:top]],
        )
        for code, unit in summary.items()
    ]


def _stored_posture(account: OfficialAccount) -> Posture:
    checks = tuple(
        CheckResult(
            id=c["id"],
            title=c["title"],
            status=c["status"],
            weight=c["weight"],
            explanation=c["explanation"],
            fix=c.get("fix", ""),
            critical=c.get("critical", False),
        )
        for c in account.posture_checks or []
    )
    return Posture(checks=checks, score=account.posture_score or 0, grade=account.posture_grade)


# ------------------------------------------------------------------------------- admins


def add_admin(
    account: OfficialAccount,
    *,
    person: Person | None = None,
    external_name: str = "",
    has_2fa: bool | None = None,
) -> AccountAdmin:
    with transaction.atomic():
        admin = AccountAdmin.objects.create(
            account=account, person=person, external_name=external_name, has_2fa=has_2fa
        )
        refresh_posture(account)
    return admin


def remove_admin(admin: AccountAdmin) -> None:
    account = admin.account
    with transaction.atomic():
        admin.delete()
        refresh_posture(account)


# ------------------------------------------------------------------------------- reviews

ATTESTATION_ITEMS: dict[str, str] = {
    "password": "Đã đổi hoặc kiểm tra mật khẩu tài khoản",
    "admins": "Đã rà soát danh sách quản trị viên, gỡ người không còn nhiệm vụ",
    "apps": "Đã rà soát ứng dụng, dịch vụ được cấp quyền truy cập",
    "two_factor": "Mọi quản trị viên còn lại đã bật xác thực hai lớp",
    "contact": "Trang đã công khai thông tin liên hệ của cơ quan",
    "responsible": "Trang đã công khai người chịu trách nhiệm nội dung",
}


def open_review(account: OfficialAccount, due_on: dt.date | None = None) -> PostureReview:
    """The account's open review, created (assigned to its responsible person) if none."""
    existing = account.reviews.filter(status=ReviewStatus.OPEN).first()
    if existing is not None:
        return existing
    due_on = due_on or timezone.localdate() + dt.timedelta(days=SCHEDULE_BEFORE_DAYS)
    return PostureReview.objects.create(
        account=account, assignee=account.responsible_person, due_on=due_on
    )


def attest_review(
    review: PostureReview, user: Any, confirmed: Iterable[str], note: str = ""
) -> PostureReview:
    """Record who attested which items; confirmed items update the account and its posture."""
    confirmed = [item for item in confirmed if item in ATTESTATION_ITEMS]
    today = timezone.localdate()
    account = review.account
    with transaction.atomic():
        if "password" in confirmed:
            account.last_password_review = today
        if "admins" in confirmed:
            account.last_admin_review = today
        if "apps" in confirmed:
            account.connected_apps_reviewed = today
        if "contact" in confirmed:
            account.public_contact_published = True
        if "responsible" in confirmed:
            account.responsible_person_published = True
        if "two_factor" in confirmed:
            for admin in account.admins.all():
                if admin.has_2fa is not True:
                    admin.has_2fa = True
                    admin.save()
        account.save()
        refresh_posture(account)
        review.status = ReviewStatus.DONE
        review.attested_by = user
        review.attested_at = timezone.now()
        review.attestations = {
            item: {"label": label, "confirmed": item in confirmed}
            for item, label in ATTESTATION_ITEMS.items()
        }
        review.note = note
        review.save()
    return review


def schedule_reviews(today: dt.date | None = None) -> int:
    """Create a review for every active account whose last admin review is getting old."""
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=posture_params().review_days - SCHEDULE_BEFORE_DAYS)
    created = 0
    accounts = OfficialAccount.objects.filter(status=AccountStatus.ACTIVE).exclude(
        reviews__status=ReviewStatus.OPEN
    )
    for account in accounts:
        last = account.last_admin_review
        if last is None or last <= cutoff:
            base = last + dt.timedelta(days=posture_params().review_days) if last else today
            open_review(account, due_on=max(base, today + dt.timedelta(days=3)))
            created += 1
    return created


def due_reviews(today: dt.date | None = None) -> QuerySet[PostureReview]:
    today = today or timezone.localdate()
    return PostureReview.objects.filter(
        status=ReviewStatus.OPEN, due_on__lte=today + dt.timedelta(days=REMIND_BEFORE_DAYS)
    ).select_related("account", "assignee")


def send_reminders(today: dt.date | None = None) -> int:
    """Mail the assignee of each review due within a week (or overdue), at most once a day."""
    today = today or timezone.localdate()
    sent = 0
    for review in due_reviews(today):
        person = review.assignee
        if person is None or not person.email or person.is_departed:
            continue
        if review.reminded_at is not None and timezone.localdate(review.reminded_at) >= today:
            continue
        late = review.due_on < today
        subject = (
            f"{'Quá hạn' if late else 'Nhắc'} rà soát an toàn tài khoản «{review.account.name}»"
        )
        body = (
            f"Kính gửi {person.full_name},\n\n"
            f"Tài khoản «{review.account.name}» ({review.account.url}) cần được rà soát an toàn "
            f"(mật khẩu, quản trị viên, ứng dụng kết nối, xác thực hai lớp) "
            f"{'đã quá hạn từ' if late else 'trước'} ngày {review.due_on:%d/%m/%Y}.\n"
            "Sau khi rà soát, vui lòng xác nhận trên hệ thống.\n"
        )
        send_mail(subject, body, None, [person.email])
        review.reminded_at = timezone.now()
        review.reminders_sent += 1
        review.save()
        sent += 1
    return sent
