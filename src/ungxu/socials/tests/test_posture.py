"""Posture rules on real accounts: registry cross-check, departures, reviews, roll-up."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ungxu.orgs.services import depart, return_to_work
from ungxu.socials import services
from ungxu.socials.models import OfficialAccount, PostureReview, ReviewStatus
from ungxu.socials.tests.factories import make_account

TODAY = timezone.localdate()


def _secure(account: OfficialAccount) -> None:
    account.recovery_email = "vanphong@sothunghiem.gov.vn"
    account.last_password_review = TODAY
    account.last_admin_review = TODAY
    account.connected_apps_reviewed = TODAY
    account.public_contact_published = True
    account.responsible_person_published = True
    account.save()


def test_a_well_kept_account_with_two_current_admins_scores_an_a(world):
    account = make_account(world.unit_a)
    _secure(account)
    services.add_admin(account, person=world.person_a, has_2fa=True)
    services.add_admin(account, person=world.person_a1, has_2fa=True)
    account.refresh_from_db()
    assert account.posture_grade == "A"
    assert not account.failed_checks


def test_a_departed_admin_is_flagged_the_moment_the_departure_is_recorded(world):
    account = make_account(world.unit_a)
    _secure(account)
    services.add_admin(account, person=world.person_a, has_2fa=True)
    services.add_admin(account, person=world.person_a1, has_2fa=True)

    depart(world.person_a1, on=TODAY)

    account.refresh_from_db()
    assert account.has_departed_admin
    assert account.posture_grade == "D"  # critical failure caps the grade
    failing = {c["id"]: c["explanation"] for c in account.failed_checks}
    assert "Trần Thị Bình" in failing["admins_current_staff"]


def test_returning_to_work_clears_the_departed_admin_flag(world):
    account = make_account(world.unit_a)
    services.add_admin(account, person=world.person_a1, has_2fa=True)
    depart(world.person_a1, on=TODAY)
    return_to_work(world.person_a1)
    account.refresh_from_db()
    assert not account.has_departed_admin


def test_a_future_departure_is_not_flagged_before_its_date(world):
    account = make_account(world.unit_a)
    services.add_admin(account, person=world.person_a1, has_2fa=True)
    depart(world.person_a1, on=TODAY + dt.timedelta(days=10))
    account.refresh_from_db()
    assert not account.has_departed_admin
    services.refresh_all(today=TODAY + dt.timedelta(days=11))
    account.refresh_from_db()
    assert account.has_departed_admin


def test_a_recovery_phone_that_is_a_staff_members_own_number_fails(world):
    account = make_account(world.unit_a, recovery_phone="0912345678")  # person_a's phone
    posture = services.refresh_posture(account)
    assert posture.check("recovery_phone_agency").status == "fail"
    account.recovery_phone = "02293871234"
    assert services.refresh_posture(account).check("recovery_phone_agency").status == "pass"


def test_an_external_admin_and_a_gmail_recovery_address_are_failures(world):
    account = make_account(world.unit_a, recovery_email="trangso@gmail.com")
    services.add_admin(account, external_name="Công ty truyền thông X", has_2fa=True)
    posture = services.evaluate_account(account)
    assert posture.check("no_external_admins").status == "fail"
    assert posture.check("recovery_email_agency").status == "fail"


def test_an_attested_review_records_who_confirmed_what_and_raises_the_score(world):
    account = make_account(world.unit_a, responsible_person=world.person_a)
    services.add_admin(account, person=world.person_a, has_2fa=None)
    before = account.posture_score
    review = services.open_review(account)
    assert review.assignee == world.person_a
    services.attest_review(review, world.user("head_a"), ["password", "admins", "two_factor"])
    review.refresh_from_db()
    account.refresh_from_db()
    assert review.status == ReviewStatus.DONE
    assert review.attested_by == world.user("head_a")
    assert review.attestations["password"]["confirmed"] is True
    assert review.attestations["apps"]["confirmed"] is False
    assert account.last_password_review == TODAY
    assert account.admins.get().has_2fa is True
    assert account.posture_score > before


def test_reviews_are_scheduled_for_stale_accounts_and_reminders_mailed_once_a_day(
    world, mailoutbox
):
    stale = make_account(world.unit_a, responsible_person=world.person_a)
    fresh = make_account(world.unit_b, name="Phòng B", url="https://facebook.com/phongbthunghiem")
    fresh.last_admin_review = TODAY
    fresh.save()
    assert services.schedule_reviews(TODAY) == 1
    assert services.schedule_reviews(TODAY) == 0  # an open review is not duplicated
    review = PostureReview.objects.get()
    assert review.account == stale
    assert services.send_reminders(TODAY) == 1
    assert services.send_reminders(TODAY) == 0
    assert mailoutbox[0].to == [world.person_a.email]
    assert "rà soát" in mailoutbox[0].subject


def test_the_unit_rollup_groups_accounts_by_unit_with_mean_and_worst(world):
    good = make_account(world.unit_a)
    _secure(good)
    services.add_admin(good, person=world.person_a, has_2fa=True)
    services.add_admin(good, person=world.person_a1, has_2fa=True)
    bad = make_account(
        world.unit_a,
        name="Kênh A",
        url="https://www.youtube.com/@kenhathunghiem",
        platform="youtube",
    )
    services.refresh_posture(bad)
    other = make_account(world.unit_b, name="Phòng B", url="https://facebook.com/phongbthunghiem")
    services.refresh_posture(other)
    rows = services.unit_rollup(OfficialAccount.objects.select_related("organisation"))
    assert [row.organisation for row in rows] == [world.unit_a, world.unit_b]
    good.refresh_from_db()
    bad.refresh_from_db()
    assert rows[0].summary.count == 2
    assert rows[0].summary.worst_score == min(good.posture_score, bad.posture_score)
    assert rows[0].summary.mean_score == (good.posture_score + bad.posture_score) / 2
    assert rows[1].summary.count == 1
    title, count = rows[0].top_failures[0]
    assert count >= 1 and " " in title  # a readable title, not a check id


def test_the_daily_task_runs_through_the_configured_backend(transactional_db, world, mailoutbox):
    # The database worker closes its connection when done: fine outside a test transaction.
    from ungxu.imports.testing import run_pending_tasks
    from ungxu.socials.tasks import daily_upkeep

    make_account(world.unit_a, responsible_person=world.person_a)
    daily_upkeep.enqueue()
    run_pending_tasks()
    assert PostureReview.objects.filter(status=ReviewStatus.OPEN).count() == 1
    assert len(mailoutbox) == 1


def test_the_daily_command_runs_now_and_says_what_it_did(world, mailoutbox):
    import io

    from django.core.management import call_command

    make_account(world.unit_a, responsible_person=world.person_a)
    out = io.StringIO()
    call_command("socials_daily", "--now", stdout=out)
    assert "mở 1 phiên rà soát, gửi 1 thư nhắc" in out.getvalue()
