from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from ungxu.campaigns import reminders, services
from ungxu.campaigns.models import Reminder, ReminderKind, ReminderStatus
from ungxu.campaigns.tests.helpers import read_all


@pytest.fixture(autouse=True)
def _locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_the_latest_due_slot_is_chosen(world, campaign):
    campaign.reminder_days = [7, 3, 1]
    deadline = campaign.deadline
    assert reminders.due_slot(campaign, deadline - dt.timedelta(days=8)) is None
    assert reminders.due_slot(campaign, deadline - dt.timedelta(days=5)) == "D-7"
    assert reminders.due_slot(campaign, deadline - dt.timedelta(days=2)) == "D-3"
    assert reminders.due_slot(campaign, deadline) == "D-1"
    assert reminders.due_slot(campaign, deadline + dt.timedelta(days=1)) is None


def test_people_who_have_not_finished_and_their_heads_are_reminded_once(world, campaign):
    world.user("head_a").email = "head_a@example.gov.vn"
    world.user("head_a").save()
    done = campaign.assignments.get(person=world.person_b)
    read_all(done)
    services.acknowledge(done)
    campaign.reminder_days = [3]
    campaign.save()
    today = campaign.deadline - dt.timedelta(days=2)

    first = reminders.run_due(today)
    # 2 people of Phòng A + head_a's digest; Phòng B is done, so head_b gets nothing
    assert (first.sent, first.skipped) == (3, 0)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["head_a@example.gov.vn", "nsa01@example.gov.vn", "nsa11@example.gov.vn"]

    again = reminders.run_due(today)  # a restarted worker, or cron firing twice
    assert (again.sent, again.already) == (0, 3)
    assert len(mail.outbox) == 3
    assert Reminder.objects.filter(kind=ReminderKind.DIGEST).count() == 1


def test_a_reminder_claimed_by_a_crashed_worker_is_not_sent_again(world, campaign):
    campaign.reminder_days = [3]
    campaign.save()
    today = campaign.deadline - dt.timedelta(days=1)
    Reminder.objects.create(
        campaign=campaign,
        kind=ReminderKind.PERSON,
        slot="D-3",
        recipient_key=f"person:{world.person_a.pk}",
        recipient=world.person_a.full_name,
        organisation=world.unit_a,
        status=ReminderStatus.CLAIMED,
    )
    reminders.run_due(today)
    assert "nsa01@example.gov.vn" not in [m.to[0] for m in mail.outbox]


def test_a_failing_mail_server_is_recorded_and_does_not_stop_the_run(world, campaign, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    campaign.reminder_days = [3]
    campaign.save()
    summary = reminders.run_due(campaign.deadline - dt.timedelta(days=1))
    assert summary.failed == 3
    assert Reminder.objects.filter(status=ReminderStatus.FAILED).count() == 3


def test_the_background_task_sends_due_reminders(transactional_db, world, campaign):
    # transactional: the database worker closes its connection when it finishes, which a
    # test wrapped in one transaction would not survive on PostgreSQL.
    from ungxu.campaigns.tasks import send_due_reminders
    from ungxu.imports.testing import run_pending_tasks

    campaign.reminder_days = [30]
    campaign.save()
    send_due_reminders.enqueue()
    run_pending_tasks()
    assert len(mail.outbox) == 3


def test_the_cron_command_sends_now_and_reports_in_vietnamese(world, campaign):
    from io import StringIO

    from django.core.management import call_command

    campaign.reminder_days = [30]
    campaign.save()
    out = StringIO()
    call_command("campaign_reminders", "--now", stdout=out)
    call_command("campaign_reminders", "--now", stdout=out)
    assert "Đã gửi 3, bỏ qua 2" in out.getvalue()  # two unit heads have no email
    assert "Đã gửi 0, bỏ qua 0, lỗi 0, đã gửi trước đó 5" in out.getvalue()
    assert len(mail.outbox) == 3


def test_a_unit_head_reminds_their_own_people_at_most_once_a_day(world, campaign):
    from django.urls import reverse

    client = world.client("head_a")
    client.post(reverse("campaigns:remind", args=[campaign.pk]))
    client.post(reverse("campaigns:remind", args=[campaign.pk]))
    assert sorted(m.to[0] for m in mail.outbox) == ["nsa01@example.gov.vn", "nsa11@example.gov.vn"]
    page = client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert "Lịch sử nhắc việc" in page and "NGAY-" in page
    assert (
        world.client("staff_a").post(reverse("campaigns:remind", args=[campaign.pk])).status_code
        == 404
    )
