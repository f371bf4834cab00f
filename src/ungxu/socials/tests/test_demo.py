"""`ungxu demo` official accounts: posture computed by the app, flags visible, loaded once."""

from __future__ import annotations

import pytest

from ungxu.orgs.demo import load_demo
from ungxu.socials.demo import IMPOSTOR_NAME, load_demo_accounts
from ungxu.socials.models import AccountAdmin, Incident, IncidentKind, OfficialAccount

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    load_demo(people=40)
    return load_demo_accounts()


def test_a_second_load_creates_nothing_and_reports_the_same_counts(loaded):
    counts = (
        OfficialAccount.objects.count(),
        AccountAdmin.objects.count(),
        Incident.objects.count(),
    )
    again = load_demo_accounts()
    assert loaded.created > 0 and again.created == 0
    assert (again.accounts, again.incidents) == (loaded.accounts, loaded.incidents) == (6, 1)
    assert counts == (
        OfficialAccount.objects.count(),
        AccountAdmin.objects.count(),
        Incident.objects.count(),
    )


def test_the_forest_page_is_flagged_for_an_administrator_who_has_left(loaded):
    flagged = [a.name for a in OfficialAccount.objects.all() if a.has_departed_admin]
    assert flagged == ["Chi cục Kiểm lâm Ninh Bình"]


def test_posture_is_computed_healthy_pages_pass_and_missing_2fa_fails(loaded):
    accounts = {a.name: a for a in OfficialAccount.objects.all()}
    assert all(a.posture_at is not None for a in accounts.values())
    main = accounts["Sở Nông nghiệp và Môi trường Ninh Bình"]
    assert main.failed_checks == [] and main.posture_grade == "A"
    zalo = accounts["Sở NN&MT Ninh Bình"]
    assert [c["id"] for c in zalo.failed_checks] == ["admins_2fa"]


def test_an_open_impersonation_incident_has_its_checklist_with_one_step_done(loaded):
    incident = Incident.objects.get(impostor_name=IMPOSTOR_NAME)
    assert incident.kind == IncidentKind.IMPERSONATION and incident.status == "open"
    assert incident.account is not None and incident.account.platform == "facebook_page"
    steps = list(incident.steps.all())
    assert len(steps) >= 2
    assert sum(step.done_at is not None for step in steps) == 1


def test_nothing_is_loaded_without_the_demo_department():
    result = load_demo_accounts()
    assert (result.accounts, result.created) == (0, 0)
    assert not OfficialAccount.objects.exists()
