import datetime as dt

from django.core import mail

from ungxu.moderation import services
from ungxu.moderation.alerts import send_deadline_alerts

from .helpers import VN, make_item


def test_overdue_and_due_soon_questions_are_mailed_once(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.UNGXU_REPLY_WORKING_DAYS = 2
    moderator = world.user("moderator_a")
    moderator.email = "mod@example.gov.vn"
    moderator.save()
    old = make_item(
        world.unit_a, "Cho hỏi lịch tiêm?", created_at=dt.datetime(2026, 3, 2, 9, tzinfo=VN)
    )
    fresh = make_item(
        world.unit_a, "Xin hỏi thủ tục?", created_at=dt.datetime(2026, 3, 6, 8, tzinfo=VN)
    )
    services.assign(fresh, moderator)
    now = dt.datetime(2026, 3, 6, 9, 0, tzinfo=VN)  # old was due 4/3; fresh is due 10/3
    result = send_deadline_alerts(now)
    assert result == {"overdue": 1, "soon": 0, "mails": 1}
    assert "[Quá hạn]" in mail.outbox[0].body and f"#{old.pk}" in mail.outbox[0].body
    assert send_deadline_alerts(now)["mails"] == 0  # not twice
    monday = dt.datetime(2026, 3, 9, 9, 0, tzinfo=VN)
    assert send_deadline_alerts(monday) == {"overdue": 0, "soon": 1, "mails": 1}
    assert mail.outbox[-1].to == ["mod@example.gov.vn"]


def test_answered_questions_raise_no_alert(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    item = make_item(
        world.unit_a, "Cho hỏi lịch tiêm?", created_at=dt.datetime(2026, 3, 2, 9, tzinfo=VN)
    )
    reply = services.write_reply(
        item,
        world.user("moderator_a"),
        "Cảm ơn bạn, lịch đã đăng trên trang.",
        needs_approval=False,
    )
    assert reply.state == "sent"
    assert send_deadline_alerts(dt.datetime(2026, 4, 1, tzinfo=VN))["overdue"] == 0
