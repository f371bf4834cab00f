import datetime as dt

from ungxu.moderation import deadlines

from .helpers import VN, make_item


def test_a_question_gets_a_deadline_in_working_days_across_the_tet_holiday(world, settings):
    settings.UNGXU_REPLY_WORKING_DAYS = 3
    friday = dt.datetime(2026, 2, 13, 10, 0, tzinfo=VN)
    item = make_item(world.unit_a, "Cho hỏi khi nào xã có nước sạch?", created_at=friday)
    # Receipt Friday 13/2; Tết 16–20/2 and the weekend are skipped: 23, 24, 25/2.
    assert item.due_at == dt.datetime(2026, 2, 25, 17, 0, tzinfo=VN)
    notes = deadlines.calendar_note(item.created_at, item.due_at)
    assert any("Tết" in n for n in notes)


def test_a_swapped_working_saturday_counts_and_a_late_evening_moves_receipt(world, settings):
    settings.UNGXU_REPLY_WORKING_DAYS = 2
    thursday_evening = dt.datetime(2026, 1, 8, 18, 30, tzinfo=VN)
    item = make_item(world.unit_a, "Xin hỏi thủ tục cấp phép?", created_at=thursday_evening)
    # Received Friday 9/1 (after hours on Thursday); Saturday 10/1 is a làm bù day; then Monday.
    assert item.due_at == dt.datetime(2026, 1, 12, 17, 0, tzinfo=VN)


def test_deadline_states_warn_before_and_alert_after():
    due = dt.datetime(2026, 3, 4, 17, 0, tzinfo=VN)
    assert deadlines.state(due, None, now=dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN)) == "ok"
    assert deadlines.state(due, None, now=dt.datetime(2026, 3, 4, 9, 0, tzinfo=VN)) == "soon"
    assert deadlines.state(due, None, now=dt.datetime(2026, 3, 5, 9, 0, tzinfo=VN)) == "overdue"
    assert deadlines.state(due, due - dt.timedelta(hours=1)) == "met"
    assert deadlines.state(due, due + dt.timedelta(hours=1)) == "late"


def test_statements_without_a_question_need_no_reply(world):
    item = make_item(world.unit_a, "Cảm ơn Sở đã thông tin kịp thời.")
    assert not item.needs_reply and item.due_at is None
