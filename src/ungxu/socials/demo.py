"""Demo official accounts on top of `ungxu.orgs.demo`: six fictional accounts of the demo
department and its units, built through the app's own services so their security posture is
computed exactly as for real ones — one healthy, one with an administrator who has left, one
with an administrator lacking two-factor sign-in — and one open impersonation incident.

Idempotent: accounts are matched on (platform, handle), the departed employee on his code and
the incident on its impostor name, so `ungxu demo` may call `load_demo_accounts()` every start.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from ungxu.audit.context import audit_context
from ungxu.orgs.models import Organisation, Person
from ungxu.socials import incidents, services
from ungxu.socials.models import Incident, OfficialAccount, TrustLabel
from ungxu.socials_core import normalise_handle

DEPARTED_CODE = "NV-NGHI-01"  # a former employee who still holds admin rights on one page
IMPOSTOR_NAME = "Sở Nông Nghiệp Ninh Bình - Hỗ trợ vay vốn nhà nông"
IMPOSTOR_URL = "https://www.facebook.com/sonongnghiep.ninhbinh.hotro"
MAIN_PAGE_URL = "https://www.facebook.com/snnmt.ninhbinh"


@dataclass(frozen=True)
class DemoAccount:
    unit: str
    platform: str
    name: str
    url: str
    purpose: str
    # "healthy": every check passes; "departed": one admin has left; "no_2fa": one admin
    # without two-factor sign-in; "stale": reviews long overdue.
    shape: str


ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        "SNN",
        "facebook_page",
        "Sở Nông nghiệp và Môi trường Ninh Bình",
        MAIN_PAGE_URL,
        "Trang thông tin chính thức của Sở: tin hoạt động, lịch thời vụ, giải đáp thủ tục.",
        "healthy",
    ),
    DemoAccount(
        "SNN-VP",
        "zalo_oa",
        "Sở NN&MT Ninh Bình",
        "https://zalo.me/snnmtninhbinh",
        "Tiếp nhận câu hỏi, phản ánh của người dân và doanh nghiệp qua Zalo.",
        "no_2fa",
    ),
    DemoAccount(
        "SNN-KL",
        "facebook_page",
        "Chi cục Kiểm lâm Ninh Bình",
        "https://www.facebook.com/kiemlam.ninhbinh",
        "Cảnh báo cháy rừng, tuyên truyền bảo vệ rừng và động vật hoang dã.",
        "departed",
    ),
    DemoAccount(
        "SNN-KN",
        "youtube",
        "Khuyến nông Ninh Bình",
        "https://www.youtube.com/@khuyennongninhbinh",
        "Video hướng dẫn kỹ thuật trồng trọt, chăn nuôi cho bà con.",
        "stale",
    ),
    DemoAccount(
        "SNN",
        "website",
        "Cổng thông tin điện tử Sở Nông nghiệp và Môi trường",
        "https://snnmt.ninhbinh.gov.vn",
        "Cổng thông tin chính thức: văn bản, thủ tục hành chính, tin tức.",
        "healthy",
    ),
    DemoAccount(
        "SNN-CNTY",
        "facebook_page",
        "Chi cục Chăn nuôi và Thú y Ninh Bình",
        "https://www.facebook.com/thuy.ninhbinh",
        "Thông báo dịch bệnh gia súc, gia cầm và lịch tiêm phòng.",
        "no_2fa",
    ),
)


@dataclass
class DemoAccountsResult:
    accounts: int = 0
    incidents: int = 0
    created: int = 0  # rows added by this run (accounts, admins, people, incidents)
    people: int = 0  # registry people added (the departed administrator)


def _staff(unit: Organisation, count: int) -> list[Person]:
    return list(Person.objects.active().filter(organisation=unit).order_by("code")[:count])


def _departed_person(unit: Organisation, result: DemoAccountsResult) -> Person:
    person = Person.objects.filter(code=DEPARTED_CODE).first()
    if person is None:
        today = timezone.localdate()
        person = Person.objects.create(
            code=DEPARTED_CODE,
            full_name="Trần Quang Vinh",
            position="Chuyên viên (đã nghỉ việc)",
            organisation=unit,
            joined_on=today - dt.timedelta(days=5 * 365),
            left_on=today - dt.timedelta(days=75),
        )
        result.created += 1
        result.people += 1
    return person


def _create_account(spec: DemoAccount, unit: Organisation, result: DemoAccountsResult) -> None:
    today = timezone.localdate()
    address = normalise_handle(spec.platform, spec.url)
    staff = _staff(unit, 3)
    healthy = spec.shape == "healthy"
    review_age = dt.timedelta(days=200 if spec.shape == "stale" else 20)
    account = OfficialAccount.objects.create(
        organisation=unit,
        platform=spec.platform,
        name=spec.name,
        url=address.url,
        handle=address.handle,
        purpose=spec.purpose,
        responsible_person=staff[0] if staff else None,
        verified_badge=healthy and spec.platform == "facebook_page",
        trust_label=TrustLabel.GRANTED if healthy else TrustLabel.NONE,
        created_on=today - dt.timedelta(days=3 * 365),
        recovery_email="vanphong@snnmt.ninhbinh.gov.vn" if spec.shape != "stale" else "",
        last_password_review=today - review_age,
        last_admin_review=today - review_age,
        connected_apps_reviewed=today - review_age,
        public_contact_published=True,
        responsible_person_published=spec.shape != "stale",
    )
    result.created += 1
    for index, person in enumerate(staff[:2]):
        lacks_2fa = spec.shape == "no_2fa" and index == 1
        services.add_admin(account, person=person, has_2fa=not lacks_2fa)
        result.created += 1
    if spec.shape == "departed":
        services.add_admin(account, person=_departed_person(unit, result), has_2fa=True)
        result.created += 1
    services.refresh_posture(account)


def _open_incident(result: DemoAccountsResult) -> None:
    if Incident.objects.filter(impostor_name=IMPOSTOR_NAME).exists():
        return
    official = OfficialAccount.objects.filter(
        platform="facebook_page", handle=normalise_handle("facebook_page", MAIN_PAGE_URL).handle
    ).first()
    if official is None:
        return
    incident = incidents.open_impersonation(
        official=official,
        impostor_name=IMPOSTOR_NAME,
        impostor_url=IMPOSTOR_URL,
        score=0.91,
        reasons=["tên gần trùng", "dùng lại ảnh đại diện của Sở", "mời vay vốn qua tin nhắn"],
    )
    first = incident.steps.order_by("position").first()
    if first is not None:
        incidents.set_step(first, True)
    result.created += 1


def load_demo_accounts(root_code: str = "SNN") -> DemoAccountsResult:
    """Create what is missing of the demo accounts under `root_code`; nothing when absent."""
    result = DemoAccountsResult()
    units: dict[str, Any] = {
        org.code: org
        for org in Organisation.objects.filter(code__in={spec.unit for spec in ACCOUNTS})
    }
    if root_code not in units:
        return result
    with audit_context(source="demo"), transaction.atomic():
        for spec in ACCOUNTS:
            unit = units.get(spec.unit)
            if unit is None:
                continue
            handle = normalise_handle(spec.platform, spec.url).handle
            if not OfficialAccount.objects.filter(platform=spec.platform, handle=handle).exists():
                _create_account(spec, unit, result)
            result.accounts += 1
        _open_incident(result)
    result.incidents = Incident.objects.filter(impostor_name=IMPOSTOR_NAME, status="open").count()
    return result
