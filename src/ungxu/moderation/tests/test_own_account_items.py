from ungxu.moderation import ingest, services
from ungxu.moderation.models import InboxItem

from .helpers import committed, import_sample, make_item, run_tasks


def test_the_pages_own_reply_in_the_csv_sample_needs_no_reply_and_has_no_deadline(world):
    import_sample(world.unit_a, world.user("moderator_a"), "export_comments.csv")
    run_tasks()
    own = InboxItem.objects.get(platform_id="cmt-003")
    assert "phản ánh" in own.text and own.author_name == "Quản trị trang"
    assert own.needs_reply is False and own.due_at is None
    citizen = InboxItem.objects.get(platform_id="cmt-001")
    assert citizen.needs_reply is True and citizen.due_at is not None


def test_an_item_whose_author_id_is_the_page_itself_never_needs_a_reply(world):
    item = make_item(world.unit_a, "Xin hỏi bà con phản ánh ở đâu?", author_id="page-1")
    assert item.needs_reply is False and item.due_at is None


def test_an_item_written_under_the_account_name_never_needs_a_reply(world):
    item = make_item(
        world.unit_a, "Đề nghị bà con phản ánh qua đường dây nóng.", author_name="trang  sở"
    )
    assert item.needs_reply is False and item.due_at is None


def test_marking_the_pages_own_item_as_needing_a_reply_is_refused(world):
    item = make_item(world.unit_a, "Cảm ơn anh đã góp ý.", author_id="page-1")
    services.set_needs_reply(item, True)
    item.refresh_from_db()
    assert item.needs_reply is False and item.due_at is None


def test_a_citizens_question_still_needs_a_reply_with_a_deadline(world):
    item = make_item(world.unit_a, "Cho hỏi khi nào xã có nước sạch?", author_name="Lê Văn Hùng")
    assert item.needs_reply is True and item.due_at is not None


def test_the_pages_own_question_imported_from_a_file_gets_no_deadline(world):
    # Imports insert in bulk (no save()): the manager applies the own-account rule there.
    csv = (
        "id,nội dung,thời gian,tác giả,bài viết,loại,url\n"
        'own-1,"Bà con còn vướng mắc gì về thủ tục không ạ?",05/01/2026 10:00,Quản trị trang,'
        "post-01,bình luận,\n"
        'cit-1,"Cho hỏi khi nào có kết quả hồ sơ?",05/01/2026 10:05,Lê Thị Hoa,post-01,bình luận,\n'
    ).encode()
    with committed():
        ingest.start_import(
            organisation=world.unit_a,
            account_name="Trang Sở",
            file_name="own.csv",
            data=csv,
            fmt="auto",
            user=world.user("moderator_a"),
        )
    run_tasks()
    own = InboxItem.objects.get(platform_id="own-1")
    assert own.needs_reply is False and own.due_at is None and own.priority < 2
    citizen = InboxItem.objects.get(platform_id="cit-1")
    assert citizen.needs_reply is True and citizen.due_at is not None
