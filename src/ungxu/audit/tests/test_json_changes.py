"""JSON fields (lists, dicts) in the history: stored as JSON, shown readably, never a crash."""

from __future__ import annotations

from ungxu.audit.models import AuditEntry, _display, record
from ungxu.orgs.models import Organisation, Role


def test_a_list_value_is_shown_item_by_item_with_choice_labels():
    choices = dict(Role.choices)
    assert _display(None, ["admin", "staff"], choices) == "Quản trị hệ thống; Cán bộ, nhân viên"
    assert _display(None, [7, 3, 1]) == "7; 3; 1"


def test_an_empty_list_or_dict_reads_as_empty():
    assert _display(None, []) == "(trống)"
    assert _display(None, {}) == "(trống)"


def test_a_dict_value_is_shown_as_key_value_pairs():
    assert _display(None, {"sent": 3, "ok": True}) == "sent: 3; ok: Có"


def test_a_list_next_to_a_field_with_choices_does_not_crash():
    # The field's own choices are looked up with the value as a key: a list is unhashable.
    kind = Organisation._meta.get_field("kind")
    assert _display(kind, ["unit", "x"]) == "Đơn vị; x"


def test_change_rows_of_an_entry_holding_lists_render(world):
    entry = record(
        "update",
        world.unit_a,
        changes={"kind": [["unit"], ["unit", "subunit"]], "gone_field": [None, {"a": [1, 2]}]},
    )
    rows = AuditEntry.objects.get(pk=entry.pk).change_rows()
    assert ("Loại", "Đơn vị", "Đơn vị; Đơn vị trực thuộc") in rows
    assert ("Gone_field", "(trống)", "a: 1; 2") in rows


def test_a_json_list_edited_in_place_is_still_recorded(world):
    from ungxu.campaigns.tests.conftest import make_campaign
    from ungxu.core.views import history_for

    campaign = make_campaign(world, reminder_days=[7])
    campaign.reminder_days.append(1)
    campaign.audience_roles = ["staff"]
    campaign.save()
    rows = history_for(campaign)[0].change_rows()
    assert ("Nhắc trước hạn (ngày)", "7", "7; 1") in rows
    assert ("Vai trò", "(trống)", "Cán bộ, nhân viên") in rows


def test_a_campaign_page_shows_the_history_of_its_list_fields(world):
    from django.urls import reverse

    from ungxu.campaigns.tests.conftest import make_campaign

    campaign = make_campaign(world, reminder_days=[7, 3])
    campaign.audience_categories = ["cong_chuc"]
    campaign.save()
    response = world.client("coordinator").get(reverse("campaigns:detail", args=[campaign.pk]))
    assert response.status_code == 200
    assert "7; 3" in response.content.decode()
    assert "Công chức" in response.content.decode()
