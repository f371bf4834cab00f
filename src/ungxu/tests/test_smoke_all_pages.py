"""Smoke test over every URL of the product, for every persona.

One object of each main model is built in unit A (Phòng A) and in unit B (Phòng B); every URL
pattern found by walking the resolver is requested with GET by every persona and by an anonymous
visitor. A new URL whose path parameter is not mapped below fails the test, so it cannot slip
past unnoticed. All problems are collected and reported in one assertion message.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from ungxu.campaigns import services as campaign_services
from ungxu.campaigns.documents import code_document, current_versions
from ungxu.campaigns.models import (
    Campaign,
    Document,
    DocumentKind,
    DocumentVersion,
    InPersonSession,
    OutreachKind,
    OutreachRecord,
    SessionKind,
)
from ungxu.core.testing import PERSONAS, World
from ungxu.imports.models import ImportJob
from ungxu.moderation import services as moderation_services
from ungxu.moderation.models import CannedAnswer, ImportBatch, KeywordRule, ScreeningModel
from ungxu.moderation.tests.helpers import make_item
from ungxu.orgs.models import Organisation, RoleGrant
from ungxu.socials import evidence as evidence_store
from ungxu.socials import incidents
from ungxu.socials.models import AccountAdmin, IncidentKind
from ungxu.socials.tests.factories import make_account

# Pages a visitor may open without signing in.
PUBLIC_ROUTES = {
    "access:login",
    "access:logout",  # POST only (405 on GET): signing out needs no sign-in
    "access:password_reset",
    "access:password_reset_done",
    "access:password_reset_confirm",
    "access:password_reset_complete",
    ":healthz",
    "api:schema",
    "api:docs",
}

# Which object fills `pk` for each route (objects exist once per unit).
PK_OBJECT = {
    "orgs:organisation_detail": "org",
    "orgs:organisation_edit": "org",
    "orgs:organisation_move": "org",
    "orgs:person_detail": "person",
    "orgs:person_edit": "person",
    "orgs:person_depart": "person",
    "orgs:role_grant": "person",
    "orgs:role_revoke": "person",
    "imports:job": "job",
    "imports:job_status": "job",
    "imports:job_confirm": "job",
    "campaigns:detail": "campaign",
    "campaigns:edit": "campaign",
    "campaigns:launch": "campaign",
    "campaigns:close": "campaign",
    "campaigns:remind": "campaign",
    "campaigns:export": "campaign",
    "campaigns:task": "assignment",
    "campaigns:read": "assignment",
    "campaigns:quiz": "assignment",
    "campaigns:acknowledge": "assignment",
    "campaigns:confirmation": "assignment",
    "campaigns:confirmation_pdf": "assignment",
    "campaigns:document": "document",
    "campaigns:version_file": "version",
    "campaigns:session": "session",
    "campaigns:question": "question",
    "campaigns:question_edit": "question",
    "campaigns:question_toggle": "question",
    "campaigns:session_edit": "session",
    "campaigns:session_delete": "session",
    "campaigns:session_remove_attendee": "session",
    "campaigns:outreach_edit": "outreach",
    "campaigns:outreach_delete": "outreach",
    "socials:account_detail": "account",
    "socials:account_edit": "account",
    "socials:admin_add": "account",
    "socials:admin_remove": "account",
    "socials:review": "account",
    "socials:incident_detail": "incident",
    "socials:step_toggle": "incident",
    "socials:add_note": "incident",
    "socials:assign": "incident",
    "socials:close": "incident",
    "socials:takedown_add": "incident",
    "socials:takedown_update": "incident",
    "socials:evidence_upload": "incident",
    "socials:evidence_download": "incident",
    "socials:evidence_pack": "incident",
    "socials:notice_docx": "incident",
    "socials:notice_pdf": "incident",
    "socials:notice_edit": "incident",
    "moderation:batch": "batch",
    "moderation:item": "item",
    "moderation:item_decide": "item",
    "moderation:item_reply": "item",
    "moderation:reply_decide": "item",
    "moderation:item_note": "item",
    "moderation:item_update": "item",
    "moderation:rule_delete": "rule",
    "moderation:canned_delete": "canned",
    "moderation:model_decide": "model",
    "api:organisation-detail": "org",
    "api:person-detail": "person",
    "api:campaign-detail": "campaign",
    "api:campaign-progress": "campaign",
    "api:social-account-detail": "account",
    "api:social-incident-detail": "incident",
    "api:inbox-item-detail": "item",
}

# Objects shared by the whole agency (no unit): requested once, no scope expectation.
SHARED_KINDS = {"question"}

# Secondary object parameters, whatever the route.
PARAM_OBJECT = {
    "grant_pk": "grant",
    "version_pk": "version",
    "ack_pk": "ack",
    "admin_pk": "admin",
    "step_pk": "step",
    "takedown_pk": "takedown",
    "evidence_pk": "evidence",
    "reply_pk": "reply",
    "person_pk": "person",
}

# Parameters that are not objects.
PLAIN_PARAMS = {
    "name": "people",
    "fmt": "xlsx",
    "kind": "cong_van",
    "key": "reports",
    "uidb64": "MQ",
    "token": "khong-hop-le",
}

# Each persona's organisational reach: objects of the other units are out of scope.
REACH = {
    "admin": {"A", "B"},
    "coordinator": {"A", "B"},
    "leader": {"A", "B"},
    "head_a": {"A"},
    "moderator_a": {"A"},
    "staff_a": {"A"},
    "head_b": {"B"},
    "stranger": set(),
}

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    params: tuple[str, ...]


def _routes(resolver: URLResolver, namespace: str = "") -> Iterator[Route]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith("admin/"):
                continue
            yield from _routes(entry, entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            pattern = entry.pattern
            params = tuple(getattr(pattern, "converters", {}) or pattern.regex.groupindex)
            if "format" in params:  # DRF's ".json" twins of routes already covered
                continue
            yield Route(f"{namespace}:{entry.name}", params)


def all_routes() -> list[Route]:
    return sorted(set(_routes(get_resolver())), key=lambda r: r.name)


def _unit_objects(world: World, unit: Organisation, tag: str) -> dict[str, Any]:
    """One object of each main model inside `unit`, created through the apps' own services."""
    head = world.user("head_a" if tag == "A" else "head_b")
    person = world.person_a if tag == "A" else world.person_b
    today = timezone.localdate()

    campaign = Campaign.objects.create(
        title=f"Đợt phổ biến đơn vị {tag}",
        organisation=unit,
        starts_on=today,
        deadline=today + dt.timedelta(days=10),
    )
    campaign.documents.add(code_document())
    campaign.audience_orgs.set([unit])
    campaign_services.launch(campaign)
    assignment = campaign.assignments.get(person=person)
    for version in current_versions(campaign):
        campaign_services.record_reading(assignment, version)
    ack, _ = campaign_services.acknowledge(assignment, ip="127.0.0.1")

    document = Document.objects.create(
        title=f"Quy chế nội bộ {tag}", kind=DocumentKind.values[-1], organisation=unit
    )
    version = DocumentVersion.objects.create(document=document, number=1, body="Điều 1. Nội dung.")
    session = InPersonSession.objects.create(
        organisation=unit,
        campaign=campaign,
        kind=SessionKind.values[0],
        title=f"Hội nghị quán triệt {tag}",
        held_on=today,
        place="Hội trường",
    )
    session.attendees.add(person)
    outreach = OutreachRecord.objects.create(
        organisation=unit, campaign=campaign, kind=OutreachKind.values[0], held_on=today
    )

    account = make_account(
        unit, name=f"Trang đơn vị {tag}", url=f"https://www.facebook.com/trangdonvi{tag.lower()}"
    )
    admin = AccountAdmin.objects.create(account=account, person=person, has_2fa=True)
    incident = incidents.open_incident(
        organisation=unit, kind=IncidentKind.values[0], title=f"Sự cố {tag}", account=account
    )
    takedown = incidents.request_takedown(incident, target_url="https://facebook.com/gia-mao")
    evidence = evidence_store.store(incident, "anh.png", PNG + tag.encode())

    item = make_item(unit, f"Xin hỏi thủ tục cấp phép ở đơn vị {tag} thế nào?", pid=f"smoke-{tag}")
    reply = moderation_services.write_reply(
        item, head, "Cảm ơn bạn, chúng tôi sẽ trả lời sớm.", needs_approval=True
    )
    batch = ImportBatch.objects.create(
        organisation=unit, account_name="Trang Sở", file_name="a.csv", fmt="csv"
    )
    rule = KeywordRule.objects.create(organisation=unit, term=f"từ cấm {tag}", kind="block")
    canned = CannedAnswer.objects.create(organisation=unit, title="Cảm ơn", text="Cảm ơn bạn.")
    model = ScreeningModel.objects.create(
        organisation=unit, version=f"smoke-{tag}", path="/khong/ton/tai", data_sha256="0" * 64
    )
    job = ImportJob.objects.create(
        importer="people",
        original_name="nhan-su.csv",
        file=ContentFile(b"x", name="nhan-su.csv"),
        created_by=head,
        organisation=unit,
    )
    return {
        "org": unit,
        "person": person,
        "grant": RoleGrant.objects.get(user=head),
        "campaign": campaign,
        "assignment": assignment,
        "ack": ack,
        "document": document,
        "version": version,
        "session": session,
        "outreach": outreach,
        "account": account,
        "admin": admin,
        "incident": incident,
        "step": incident.steps.first(),
        "takedown": takedown,
        "evidence": evidence,
        "item": item,
        "reply": reply,
        "batch": batch,
        "rule": rule,
        "canned": canned,
        "model": model,
        "job": job,
        "question": _first_bank_question(),
    }


def _first_bank_question() -> Any:
    """The shared quiz bank (seeded by a migration) once the app has it; None before."""
    try:
        from ungxu.campaigns.models import BankQuestion  # type: ignore[attr-defined]
    except ImportError:
        return None
    return BankQuestion.objects.order_by("pk").first()


def _urls_for(route: Route, objects: dict[str, dict[str, Any]]) -> list[tuple[str, str | None]]:
    """(url, unit tag or None) pairs for a route; raises KeyError for an unmapped parameter."""
    object_params = [p for p in route.params if p not in PLAIN_PARAMS]
    plain = {p: PLAIN_PARAMS[p] for p in route.params if p in PLAIN_PARAMS}
    if not object_params:
        return [(reverse(route.name.lstrip(":"), kwargs=plain or None), None)]
    kinds = {PK_OBJECT[route.name] if p == "pk" else PARAM_OBJECT[p] for p in object_params}
    if kinds <= SHARED_KINDS:
        pool = objects["A"]
        kwargs = {**plain, **dict.fromkeys(object_params, pool[PK_OBJECT[route.name]].pk)}
        return [(reverse(route.name.lstrip(":"), kwargs=kwargs), None)]
    urls = []
    for tag, pool in objects.items():
        kwargs = dict(plain)
        for param in object_params:
            kind = PK_OBJECT[route.name] if param == "pk" else PARAM_OBJECT[param]
            kwargs[param] = pool[kind].pk
        urls.append((reverse(route.name.lstrip(":"), kwargs=kwargs), tag))
    return urls


def _plan(
    objects: dict[str, dict[str, Any]], problems: list[str]
) -> list[tuple[Route, str, str | None]]:
    """Every route with its URLs; a route whose parameter has no test object is a problem."""
    plan: list[tuple[Route, str, str | None]] = []
    for route in all_routes():
        try:
            plan.extend((route, url, tag) for url, tag in _urls_for(route, objects))
        except KeyError as missing:
            problems.append(f"{route.name}: tham số {missing} chưa được gán đối tượng thử")
    return plan


def _check_anonymous(route: Route, url: str, client: Client) -> str | None:
    response = client.get(url)
    code = response.status_code
    if code >= 500:
        return f"{url} ẩn danh → {code}"
    if route.name in PUBLIC_ROUTES:
        return None
    if route.name.startswith("api:"):
        # An API answers 401/403 instead of sending a program to an HTML sign-in page.
        return None if code in (401, 403) else f"{url} ẩn danh → {code} (cần 401/403)"
    location = response.get("Location", "")
    if code == 302 and location.startswith(reverse("access:login")):
        return None
    return f"{url} ẩn danh → {code} {location} (cần chuyển tới trang đăng nhập)"


@pytest.mark.slow
@pytest.mark.django_db
def test_every_page_answers_every_persona_without_error_or_leak(world: World) -> None:
    objects = {
        "A": _unit_objects(world, world.unit_a, "A"),
        "B": _unit_objects(world, world.unit_b, "B"),
    }
    problems: list[str] = []
    plan = _plan(objects, problems)

    # 403/404 tracebacks logged two thousand times would cost more than the requests.
    logging.disable(logging.WARNING)
    try:
        _visit_all(world, plan, problems)
    finally:
        logging.disable(logging.NOTSET)

    assert len(plan) > 150, "the resolver walk found too few URLs"
    assert not problems, "\n".join(problems)


def _visit_all(
    world: World, plan: list[tuple[Route, str, str | None]], problems: list[str]
) -> None:
    anonymous = Client()
    for route, url, _tag in plan:
        if problem := _check_anonymous(route, url, anonymous):
            problems.append(problem)

    for persona in PERSONAS:
        client = world.client(persona)
        for _route, url, tag in plan:
            code = client.get(url).status_code
            if code >= 500:
                problems.append(f"{url} [{persona}] → {code}")
            elif tag is not None and tag not in REACH[persona] and code == 200:
                problems.append(f"{url} [{persona}] → 200 với đối tượng ngoài phạm vi {tag}")


def test_the_route_walk_sees_every_app_and_skips_the_admin() -> None:
    names = {route.name for route in all_routes()}
    for expected in (
        "orgs:person_detail",
        "campaigns:detail",
        "socials:incident_detail",
        "moderation:item",
        "imports:template",
        "api:inbox-item-detail",
        ":healthz",
        "dashboard:home",
    ):
        assert expected in names
    assert not any(name.startswith("admin:") for name in names)


# Query strings a hand-edited or stale link may carry: out-of-range pages, junk numbers,
# quotes and markup in the search box, another unit's id where a form pre-fills a unit.
ODD_QUERIES = (
    "?page=999999&q=%27%22%3Cb%3E&days=abc&status=zzz&organisation=abc",
    "?page=-1&parent=999999&organisation=999999&verdict=nope&grade=Z",
)


@pytest.mark.django_db
def test_list_and_form_pages_survive_odd_query_strings_and_htmx_requests(world: World) -> None:
    other_unit = world.unit_b.pk
    queries = (*ODD_QUERIES, f"?parent={other_unit}&organisation={other_unit}&campaign=999999")
    plain = [route for route in all_routes() if not route.params]
    problems = []
    logging.disable(logging.WARNING)
    try:
        for persona in ("admin", "head_a"):
            client = world.client(persona)
            for route in plain:
                url = reverse(route.name.lstrip(":"))
                for query, headers in (
                    *((q, {}) for q in queries),
                    (queries[0], {"HX-Request": "true"}),  # htmx gets the results partial
                ):
                    code = client.get(url + query, headers=headers).status_code
                    if code >= 500:
                        problems.append(f"{url}{query} [{persona}] {headers} → {code}")
    finally:
        logging.disable(logging.NOTSET)
    assert not problems, "\n".join(problems)


@pytest.mark.slow
@pytest.mark.django_db
def test_an_empty_or_junk_form_post_to_any_page_is_never_a_server_error(world: World) -> None:
    """Every form handler must answer a POST without its fields (a double click, an expired
    page, a hand-made request) with a message or a refusal, never a 500. Runs last in its own
    world because a POST may change things (launch, close, revoke)."""
    objects = {
        "A": _unit_objects(world, world.unit_a, "A"),
        "B": _unit_objects(world, world.unit_b, "B"),
    }
    problems: list[str] = []
    plan = _plan(objects, problems)
    junk = {"q": "x", "page": "abc", "items": ["abc", "999999"], "organisation": "abc", "pk": "-1"}
    logging.disable(logging.WARNING)
    try:
        for persona in ("staff_a", "head_b", "head_a", "admin"):
            client = world.client(persona)
            for _route, url, _tag in plan:
                if url == reverse("access:logout"):
                    continue
                for data in ({}, junk):
                    code = client.post(url, data).status_code
                    if code >= 500:
                        problems.append(f"POST {url} [{persona}] {sorted(data)} → {code}")
    finally:
        logging.disable(logging.NOTSET)
    assert not problems, "\n".join(problems)
