import pytest
from django.urls import reverse

from ungxu.audit.context import audit_context
from ungxu.audit.models import AppendOnlyError, AuditEntry, record
from ungxu.core.testing import make_org, make_person
from ungxu.core.views import history_for


def test_creating_a_person_records_the_initial_values(world):
    with audit_context(user=world.user("admin"), ip="10.0.0.7", source="import"):
        person = make_person("NSZ01", "Đỗ Văn Em", world.unit_b)
    entry = AuditEntry.objects.filter(
        content_type__model="person", object_id=str(person.pk), action="create"
    ).get()
    assert entry.actor == world.user("admin")
    assert entry.actor_label == "admin"
    assert entry.ip == "10.0.0.7"
    assert entry.source == "import"
    assert entry.organisation == world.unit_b
    assert entry.changes["full_name"] == [None, "Đỗ Văn Em"]
    assert entry.changes["organisation"] == [None, "Phòng B"]


def test_an_update_records_only_changed_fields_with_before_and_after(world):
    person = type(world.person_a).objects.get(pk=world.person_a.pk)
    person.position = "Trưởng phòng"
    person.organisation = world.unit_b
    person.save()
    entry = history_for(person)[0]
    assert entry.action == "update"
    assert entry.changes == {
        "position": ["", "Trưởng phòng"],
        "organisation": ["Phòng A", "Phòng B"],
    }


def test_saving_without_changes_writes_no_entry(world):
    before = AuditEntry.objects.count()
    world.person_a.save()
    assert AuditEntry.objects.count() == before


def test_deleting_records_the_last_values(world):
    org = make_org("Tạm", "TAM", world.unit_b)
    pk = org.pk
    org.delete()
    entry = AuditEntry.objects.filter(
        content_type__model="organisation", object_id=str(pk), action="delete"
    ).get()
    assert entry.object_label == "Tạm"
    assert entry.changes["code"] == ["TAM", None]
    assert entry.organisation == world.unit_b  # an org's own entry goes to its parent


def test_audit_entries_cannot_be_changed_or_deleted(world):
    entry = AuditEntry.objects.first()
    entry.message = "sửa lén"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(message="x")


def test_the_admin_site_offers_no_way_to_change_the_log(world, django_user_model, client):
    client.force_login(django_user_model.objects.create_superuser("root", password="x-Y-z-123"))
    admin_client = client
    entry = AuditEntry.objects.first()
    assert admin_client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    delete_url = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_a_web_request_records_the_signed_in_user_and_client_ip(world):
    client = world.client("head_a")
    client.post(
        reverse("orgs:person_edit", args=[world.person_a.pk]),
        {
            "code": "NSA01",
            "full_name": "Nguyễn Văn An",
            "position": "Phó phòng",
            "organisation": world.unit_a.pk,
            "employment_category": "cong_chuc",
        },
        REMOTE_ADDR="192.0.2.44",
    )
    entry = history_for(world.person_a)[0]
    assert entry.changes["position"] == ["", "Phó phòng"]
    assert entry.actor == world.user("head_a")
    assert entry.ip == "192.0.2.44"
    assert entry.source == "web"


def test_record_writes_events_that_are_not_model_saves(world):
    with audit_context(user=world.user("coordinator"), source="web"):
        entry = record("export", organisation=world.unit_a, message="Xuất danh sách nhân sự")
    assert entry.actor == world.user("coordinator")
    assert entry.object_label == ""
    assert entry.organisation == world.unit_a


def test_outside_any_context_entries_are_written_without_an_actor(db):
    org = make_org("Không ngữ cảnh", "KNC")
    [entry] = history_for(org)
    assert entry.actor is None
    assert entry.source == "system"


def _ids(response):
    return {entry.pk for entry in response.context["entries"]}


def test_the_log_view_filters_by_action_object_type_unit_actor_text_and_date(world):
    from django.contrib.contenttypes.models import ContentType

    with audit_context(user=world.user("head_a")):
        world.person_a.position = "Chuyên viên chính"
        world.person_a.save()
    target = AuditEntry.objects.latest("id")
    client = world.client("coordinator")
    url = reverse("audit:list")
    person_type = ContentType.objects.get(app_label="orgs", model="person")
    assert target.pk in _ids(client.get(url, {"action": "update"}))
    assert _ids(client.get(url, {"action": "delete"})) == set()
    assert target.pk in _ids(client.get(url, {"object_type": person_type.pk}))
    assert target.pk in _ids(client.get(url, {"organisation": world.unit_a.pk}))
    assert target.pk not in _ids(client.get(url, {"organisation": world.unit_b.pk}))
    assert _ids(client.get(url, {"actor": "head_a"})) == {target.pk}
    assert target.pk in _ids(client.get(url, {"q": "Nguyễn Văn An"}))
    day = target.created_at.astimezone().date().isoformat()
    assert target.pk in _ids(client.get(url, {"date_from": day, "date_to": day}))
    assert _ids(client.get(url, {"date_to": "2000-01-01"})) == set()


def test_the_log_view_rejects_a_reversed_date_range_in_vietnamese(world):
    response = world.client("coordinator").get(
        reverse("audit:list"), {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    )
    assert "“Đến ngày” phải sau hoặc bằng “Từ ngày”" in response.content.decode()


def test_the_log_view_paginates(world):
    for number in range(60):
        record("other", organisation=world.unit_a, message=f"sự kiện {number}")
    response = world.client("coordinator").get(reverse("audit:list"))
    assert len(response.context["entries"]) == 50
    assert response.context["page_obj"].paginator.num_pages >= 2


def test_changes_are_shown_with_vietnamese_field_names_and_choice_labels(world):
    org = type(world.unit_a).objects.get(pk=world.unit_a.pk)
    org.kind = "subunit"
    org.is_active = False
    org.save()
    rows = history_for(org)[0].change_rows()
    assert ("Loại", "Đơn vị", "Đơn vị trực thuộc") in rows
    assert ("Đang hoạt động", "Có", "Không") in rows


def test_dates_in_changes_are_shown_day_first(world):
    import datetime as dt

    from ungxu.orgs.services import depart

    depart(world.person_b, dt.date(2026, 1, 5))
    rows = history_for(world.person_b)[0].change_rows()
    assert rows == [("Ngày nghỉ việc", "(trống)", "05/01/2026")]
