import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ungxu.audit.models import AuditEntry
from ungxu.moderation.models import ImportBatch, InboxItem, Status
from ungxu.moderation_connectors import ConnectorError

from .helpers import SAMPLES, committed, import_sample, run_tasks


@pytest.mark.parametrize(
    ("name", "count", "platform"),
    [
        ("export_comments.csv", 3, "export"),
        ("export_comments.jsonl", 3, "tiktok"),
        ("facebook_feed_page1.json", 4, "facebook"),
        ("youtube_comment_threads_page1.json", None, "youtube"),
        ("zalo_listrecentchat.json", None, "zalo"),
    ],
)
def test_each_sample_file_is_recognised_imported_and_screened(world, name, count, platform):
    batch = import_sample(world.unit_a, world.user("moderator_a"), name)
    run_tasks()
    batch.refresh_from_db()
    items = InboxItem.objects.filter(batch=batch)
    assert batch.state == ImportBatch.State.DONE
    assert platform in {i.platform for i in items}
    if count is not None:
        assert items.count() == count
    assert batch.screened == batch.total == items.count()
    assert not items.filter(verdict="pending").exists()
    assert all(i.engine_versions.get("engine") for i in items)


def test_reimporting_the_same_file_adds_nothing(world):
    import_sample(world.unit_a, world.user("moderator_a"), "export_comments.csv")
    run_tasks()
    second = import_sample(world.unit_a, world.user("moderator_a"), "export_comments.csv")
    run_tasks()
    second.refresh_from_db()
    assert InboxItem.objects.count() == 3
    assert second.total == 0 and second.duplicates == 3


def test_flagged_comments_carry_verdict_categories_and_priority(world):
    import_sample(world.unit_a, world.user("moderator_a"), "export_comments.jsonl")
    run_tasks()
    ads = InboxItem.objects.get(platform_id="j-2")
    assert ads.verdict in {"review", "block"}
    assert "illegal_ads" in ads.category_list
    assert ads.priority >= 2


def test_a_legitimate_complaint_about_a_public_service_is_not_hidden_or_blocked(world):
    import_sample(world.unit_a, world.user("moderator_a"), "export_comments.csv")
    run_tasks()
    complaint = InboxItem.objects.get(platform_id="cmt-001")
    assert complaint.text.startswith("Đề nghị Sở kiểm tra việc xả nước thải")
    assert complaint.verdict == "allow"
    assert complaint.status == Status.NEW
    assert complaint.needs_reply and complaint.due_at is not None


def test_a_file_without_a_text_column_is_refused_with_a_vietnamese_message(world):
    with pytest.raises(ConnectorError, match="không có cột nội dung"):
        from ungxu.moderation import ingest

        ingest.start_import(
            organisation=world.unit_a,
            account_name="Trang",
            file_name="x.csv",
            data=b"id,ten\n1,abc\n",
            fmt="auto",
            user=world.user("moderator_a"),
        )
    assert not ImportBatch.objects.exists()


def test_the_upload_page_imports_and_shows_progress(world):
    client = world.client("moderator_a")
    upload = SimpleUploadedFile("binh-luan.csv", (SAMPLES / "export_comments.csv").read_bytes())
    with committed():
        response = client.post(
            reverse("moderation:upload"),
            {
                "organisation": world.unit_a.pk,
                "account_name": "Trang Sở A",
                "fmt": "auto",
                "file": upload,
            },
        )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "moderation:batch", args=[batch.pk]
    )
    run_tasks()
    page = client.get(reverse("moderation:batch", args=[batch.pk]), HTTP_HX_REQUEST="true")
    assert 'data-state="done"' in page.content.decode()
    assert AuditEntry.objects.filter(action="import").exists()


def test_the_upload_form_shows_the_row_error_of_a_bad_file(world):
    client = world.client("moderator_a")
    bad = SimpleUploadedFile("bad.csv", "id,nội dung,thời gian\n1,Xin chào,hôm qua\n".encode())
    response = client.post(
        reverse("moderation:upload"),
        {"organisation": world.unit_a.pk, "account_name": "Trang", "fmt": "auto", "file": bad},
    )
    assert response.status_code == 200
    assert "Dòng 2" in response.content.decode()


def test_a_moderator_cannot_import_into_another_unit(world):
    client = world.client("moderator_a")
    upload = SimpleUploadedFile("b.csv", (SAMPLES / "export_comments.csv").read_bytes())
    response = client.post(
        reverse("moderation:upload"),
        {"organisation": world.unit_b.pk, "account_name": "Trang", "fmt": "auto", "file": upload},
    )
    assert response.status_code == 200 and not ImportBatch.objects.exists()
