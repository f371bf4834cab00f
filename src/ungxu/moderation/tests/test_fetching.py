import json

from ungxu.moderation.fetching import fetch_all, fetch_one
from ungxu.moderation.models import FetchSource, ImportBatch, InboxItem
from ungxu.moderation_connectors import MemoryTransport

from .helpers import SAMPLES

PAGE = "104857600123456"
POST = "104857600123456_880011223344001"


def load(name):
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def facebook_transport():
    t = MemoryTransport()
    t.add(f"/v21.0/{PAGE}/feed", load("facebook_feed_page1.json"))
    t.add(f"/v21.0/{PAGE}/feed", load("facebook_feed_page2.json"), query={"after": "QVFIUlBPU1Qy"})
    t.add(f"/v21.0/{POST}/comments", load("facebook_comments_more.json"))
    return t


def source(world, env="UNGXU_TEST_FB_TOKEN"):
    return FetchSource.objects.create(
        organisation=world.unit_a,
        account_name="Trang Phòng A",
        platform="facebook",
        target=PAGE,
        credential_env=env,
    )


def test_a_configured_page_is_fetched_screened_and_not_duplicated(world, monkeypatch):
    monkeypatch.setenv("UNGXU_TEST_FB_TOKEN", "EAAtest")
    src = source(world)
    result = fetch_one(src, facebook_transport())
    assert result.ok
    items = InboxItem.objects.filter(organisation=world.unit_a)
    assert items.count() == 7 and not items.filter(verdict="pending").exists()
    src.refresh_from_db()
    assert src.last_status == "ok" and src.last_count == 7
    fetch_one(src, facebook_transport())
    assert InboxItem.objects.count() == 7
    assert ImportBatch.objects.latest("id").duplicates == 7


def test_a_missing_credential_is_recorded_as_a_clear_status_without_a_call(world, monkeypatch):
    monkeypatch.delenv("UNGXU_TEST_FB_TOKEN", raising=False)
    src = source(world)
    transport = MemoryTransport()
    report = fetch_all(transport)
    src.refresh_from_db()
    assert src.last_status == "missing_credentials"
    assert "Chưa cấu hình" in src.last_message and "Chưa cấu hình" in report
    assert transport.requests == [] and not InboxItem.objects.exists()


def test_a_rejected_token_is_recorded_not_raised(world, monkeypatch):
    monkeypatch.setenv("UNGXU_TEST_FB_TOKEN", "EAAold")
    src = source(world)
    transport = MemoryTransport().add(
        f"/v21.0/{PAGE}/feed", load("facebook_error_190.json"), status=400
    )
    fetch_one(src, transport)
    src.refresh_from_db()
    assert src.last_status == "invalid_credentials"
