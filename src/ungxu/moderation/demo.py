"""Demo moderation inbox on top of `ungxu.orgs.demo` and `ungxu.socials.demo`: about forty
fictional comments on the department's Facebook page, imported through the same batch path as
a real file (`tasks.run_import`, run here in-process) so every one is screened by the engine
exactly as real imports are, plus two canned answers.

Every text below was written for this demo; names, phone numbers and places are invented.
Idempotent: the batch is matched on its file name, the canned answers on their titles.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from ungxu.audit.context import audit_context
from ungxu.moderation.models import CannedAnswer, ImportBatch, InboxItem
from ungxu.moderation.tasks import run_import
from ungxu.moderation_connectors import IncomingItem
from ungxu.orgs.models import Organisation

DEMO_FILE = "binh-luan-mau-trang-so.jsonl"
ACCOUNT_NAME = "Sở Nông nghiệp và Môi trường Ninh Bình"
PAGE_ID = "snnmt.ninhbinh"  # the demo Facebook page's handle (see ungxu.socials.demo)
PERMALINK = "https://www.facebook.com/snnmt.ninhbinh/posts/"

# (group, author, text). Groups: question, complaint, thanks, violation.
COMMENTS: tuple[tuple[str, str, str], ...] = (
    ("question", "Nguyễn Văn Hòa", "Cho em hỏi lịch gieo cấy vụ xuân năm nay ở Nho Quan bắt đầu từ ngày nào ạ?"),
    ("question", "Phạm Thị Lụa", "Xin hỏi thủ tục cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm cho trang trại gà cần những giấy tờ gì?"),
    ("question", "Đinh Công Thành", "Nhà tôi muốn chuyển đổi 2 sào lúa sang trồng sen thì có được hỗ trợ giống không ạ?"),
    ("question", "Lê Thị Mận", "Cho mình hỏi bao giờ thì thôn Đông Thành được tiêm phòng lở mồm long móng đợt 2?"),
    ("question", "Vũ Đức Toàn", "Sở cho hỏi hồ sơ xin cấp phép khai thác nước dưới đất nộp ở đâu, bao lâu thì có kết quả?"),
    ("question", "Hoàng Thị Nhàn", "Lúa nhà em bị vàng lá từ gốc lên, có phải bệnh đạo ôn không ạ? Nên phun thuốc gì?"),
    ("question", "Trịnh Văn Khải", "Xin hỏi chương trình hỗ trợ làm nhà màng trồng rau năm 2026 còn nhận hồ sơ không?"),
    ("question", "Mai Thị Hiền", "Cho em hỏi lớp tập huấn nuôi ong của Trung tâm Khuyến nông tháng này học ở xã nào ạ?"),
    ("question", "Bùi Quang Huy", "Đất rừng sản xuất nhà tôi giáp ranh rừng phòng hộ, muốn trồng keo thì có phải xin phép không?"),
    ("question", "Đặng Thị Yên", "Cho tôi hỏi đăng ký cấp mã số vùng trồng cho bưởi thì liên hệ phòng nào của Sở?"),
    ("question", "Ngô Văn Lợi", "Xin hỏi khi nào có kết quả quan trắc nước sông Hoàng Long tháng này ạ?"),
    ("question", "Cao Thị Thoa", "Đàn lợn nhà em bỏ ăn, sốt cao, cán bộ thú y xã nghỉ rồi thì báo cho ai ạ?"),
    ("question", "Lương Văn Tâm", "Cho hỏi có hỗ trợ tiền khi tiêu hủy gia cầm bị cúm không, mức bao nhiêu một con?"),
    ("question", "Tạ Thị Hằng", "Trạm bơm thôn em hỏng 1 tuần rồi, ruộng đang cạn nước, xin hỏi ai phụ trách sửa ạ?"),
    ("complaint", "Phan Văn Đạt", "Đề nghị Sở kiểm tra lại việc thu gom rác ở xã Gia Sinh, rác tồn cả tuần bốc mùi rất khó chịu."),
    ("complaint", "Đỗ Thị Bích", "Tôi nộp hồ sơ cấp đổi sổ đỏ từ tháng trước mà đến giờ chưa có kết quả, gọi điện không ai nghe máy."),
    ("complaint", "Trần Văn Lực", "Kiến nghị xử lý cơ sở đốt than gần trường học ở thôn Bãi Trữ, khói bụi ảnh hưởng các cháu."),
    ("complaint", "Nguyễn Thị Thủy", "Giống lúa được cấp năm nay nảy mầm kém, nhiều hộ phải gieo lại, đề nghị Sở xem xét."),
    ("complaint", "Hồ Văn Sáng", "Kênh mương nội đồng xóm tôi bồi lắng nặng, năm nào cũng báo mà chưa thấy nạo vét."),
    ("complaint", "Dương Thị Ngát", "Trang web của Sở tra cứu thủ tục hay bị lỗi, bấm vào biểu mẫu không tải về được."),
    ("complaint", "Đoàn Văn Chiến", "Xe chở đất đá đi qua đê tả sông Đáy làm hỏng mặt đê, mong Sở và Chi cục Thủy lợi vào cuộc."),
    ("complaint", "Vũ Thị Xoan", "Cán bộ tiếp dân hôm thứ Hai hướng dẫn không rõ ràng, tôi phải đi lại ba lần mới nộp được hồ sơ."),
    ("complaint", "Lê Văn Hiển", "Khu vực núi đá gần nhà tôi có người chặt phá cây rừng ban đêm, đề nghị kiểm lâm kiểm tra."),
    ("complaint", "Phạm Văn Tuyến", "Thông báo lịch cắt nước tưới đăng muộn quá, bà con không kịp chuẩn bị."),
    ("thanks", "Bùi Thị Duyên", "Cảm ơn cán bộ khuyến nông đã xuống tận ruộng hướng dẫn bà con phòng rầy nâu, rất tận tình."),
    ("thanks", "Nguyễn Văn Quý", "Thủ tục cấp phép lần này nhanh hơn hẳn, chỉ 5 ngày đã có kết quả. Cảm ơn Sở!"),
    ("thanks", "Trịnh Thị Vân", "Bài hướng dẫn ủ phân hữu cơ từ rơm rạ rất dễ hiểu, nhà em làm thử thấy hiệu quả."),
    ("thanks", "Hoàng Văn Bảo", "Cảm ơn anh em kiểm lâm đã trực xuyên đêm dập đám cháy rừng ở Cúc Phương hôm qua."),
    ("thanks", "Đinh Thị Sen", "Đội thú y về tiêm phòng cho đàn trâu bò xóm em rất chu đáo, cảm ơn các anh chị."),
    ("thanks", "Mai Văn Cường", "Thông tin dự báo thời tiết nông vụ của trang rất hữu ích, mong Sở duy trì."),
    ("thanks", "Lê Thị Hương", "Sở trả lời câu hỏi của tôi rất nhanh và rõ ràng, xin cảm ơn."),
    ("thanks", "Phạm Quang Minh", "Mô hình cánh đồng lớn ở Kim Sơn làm rất tốt, bà con phấn khởi."),
    ("violation", "Tài khoản ẩn danh 1", "Bọn cán bộ ngu như bò, ăn hại đái nát, chỉ giỏi ngồi ăn lương."),
    ("violation", "Trần Hữu Phúc", "Đ.m cái sở này, làm ăn như c*t, đồ mất dạy."),
    ("violation", "Tài khoản ẩn danh 2", "Toàn bọn nam kỳ lục tỉnh về đây làm loạn, cút về quê đi."),
    ("violation", "Hỗ Trợ Tài Chính 24h", "Cho vay tiền nóng không thế chấp, giải ngân trong 30 phút, lãi thấp, chỉ cần CCCD. Liên hệ Zalo 0912 345 678."),
    ("violation", "Vay Nhanh Nhà Nông", "Vay vốn nhà nông lãi suất 0%, nhận tiền ngay trong ngày, inbox hoặc gọi 0987.654.321 để được duyệt."),
    ("violation", "Nguyễn Thị Lan", "Ai cần mua phân bón giá rẻ gọi ngay cho em số 0903 111 222 nhé."),
    ("violation", "Tài khoản ẩn danh 3", "Thằng giám đốc sở là đồ chó, tao biết nhà mày ở đâu đấy, liệu hồn."),
    ("violation", "Võ Văn Tặc", "Lũ bắc kỳ ăn hại, đi đâu cũng phá."),
)  # fmt: skip

CANNED_ANSWERS: tuple[tuple[str, str], ...] = (
    (
        "Đã tiếp nhận câu hỏi, sẽ trả lời",
        "Sở Nông nghiệp và Môi trường Ninh Bình cảm ơn anh/chị đã quan tâm. Câu hỏi đã được "
        "chuyển đến phòng chuyên môn; Sở sẽ trả lời trong vòng 3 ngày làm việc. Anh/chị cũng có "
        "thể gọi số đường dây nóng của Sở trong giờ hành chính để được hướng dẫn ngay.",
    ),
    (
        "Hướng dẫn gửi phản ánh kèm thông tin",
        "Để Sở xác minh và xử lý phản ánh, đề nghị anh/chị nhắn tin cho trang kèm địa điểm cụ "
        "thể, thời gian xảy ra và hình ảnh (nếu có). Thông tin cá nhân của người phản ánh được "
        "giữ bí mật theo quy định.",
    ),
)


@dataclass
class DemoInboxResult:
    items: int = 0
    created: int = 0  # rows added by this run (batch, items, canned answers)


def demo_comments(now: dt.datetime) -> list[IncomingItem]:
    """The comments spread over the last four days, three posts, the newest first."""
    items = []
    for index, (_, author, text) in enumerate(COMMENTS):
        post = f"{PAGE_ID}_post{index % 3 + 1}"
        items.append(
            IncomingItem(
                platform="facebook",
                platform_id=f"{post}_demo{index + 1:03d}",
                text=text,
                kind="comment",
                created_at=now - dt.timedelta(hours=2 + index * 2.3),
                parent_id=post,
                thread_id=post,
                account_id=PAGE_ID,
                author_name=author,
                author_id=f"demo-user-{index + 1:03d}",
                permalink=f"{PERMALINK}{index % 3 + 1}?comment_id={index + 1}",
            )
        )
    return items


def load_demo_inbox(root_code: str = "SNN") -> DemoInboxResult:
    result = DemoInboxResult()
    root = Organisation.objects.filter(code=root_code).first()
    if root is None:
        return result
    with audit_context(source="demo"), transaction.atomic():
        for title, text in CANNED_ANSWERS:
            _, made = CannedAnswer.objects.get_or_create(
                organisation=root, title=title, defaults={"text": text}
            )
            result.created += int(made)
    if not ImportBatch.objects.filter(organisation=root, file_name=DEMO_FILE).exists():
        incoming = demo_comments(timezone.now())
        batch = ImportBatch.objects.create(
            organisation=root,
            account_name=ACCOUNT_NAME,
            file_name=DEMO_FILE,
            fmt="jsonl",
            total=len(incoming),
        )
        run_import(batch.pk, incoming)  # the task's body, in-process: same insert + screening
        batch.refresh_from_db()
        result.created += 1 + batch.total
    result.items = InboxItem.objects.filter(batch__file_name=DEMO_FILE).count()
    return result
