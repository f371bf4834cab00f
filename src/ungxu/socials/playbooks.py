"""Per-type incident checklists: what to do, in order, and within how many hours.

Our own wording, following the Code of Conduct's duty to secure accounts and to notify the
platform and the authorities promptly. Deadlines count from the moment the incident is opened.
"""

from __future__ import annotations

from ungxu.socials.models import IncidentKind

Step = tuple[str, int]  # (title, hours from opening)

PLAYBOOKS: dict[str, tuple[Step, ...]] = {
    IncidentKind.HIJACK: (
        ("Bảo vệ tài khoản của các quản trị viên còn lại: đổi mật khẩu, bật xác thực hai lớp", 2),
        ("Đăng xuất mọi phiên đăng nhập, thu hồi quyền của ứng dụng lạ", 2),
        ("Báo cáo nền tảng qua biểu mẫu khôi phục tài khoản bị chiếm", 4),
        ("Thông báo cơ quan chủ quản và đầu mối điều phối (Văn phòng)", 8),
        ("Cảnh báo người dân trên các kênh chính thức khác", 12),
        ("Rà soát, gỡ các bài đã đăng trong thời gian mất quyền kiểm soát", 48),
        ("Gửi công văn thông báo cơ quan chức năng (nếu có thiệt hại)", 72),
    ),
    IncidentKind.IMPERSONATION: (
        ("Lưu chứng cứ: ảnh chụp trang giả mạo, đường dẫn, thời điểm phát hiện", 4),
        ("Báo cáo nền tảng qua biểu mẫu mạo danh tổ chức", 8),
        ("Cảnh báo người dân trên các kênh chính thức", 12),
        ("Gửi công văn thông báo cơ quan chức năng", 48),
        ("Theo dõi kết quả gỡ bỏ, gửi lại nếu nền tảng từ chối", 168),
    ),
    IncidentKind.UNAUTHORISED_POST: (
        ("Ẩn hoặc gỡ bài đăng trái phép, lưu bản chụp làm chứng cứ", 1),
        ("Xác định ai đã đăng, thu hồi quyền nếu cần", 4),
        ("Đổi mật khẩu, kiểm tra xác thực hai lớp của người đăng", 4),
        ("Đính chính trên trang nếu bài đã lan truyền", 24),
        ("Báo cáo thủ trưởng đơn vị", 24),
    ),
    IncidentKind.DATA_LEAK: (
        ("Gỡ nội dung chứa dữ liệu bị lộ, lưu chứng cứ", 2),
        ("Xác định dữ liệu, số người bị ảnh hưởng và nguyên nhân", 24),
        ("Thông báo cơ quan chức năng về bảo vệ dữ liệu cá nhân", 72),
        ("Thông báo người bị ảnh hưởng khi cần", 72),
        ("Khắc phục nguyên nhân, cập nhật quy trình", 168),
    ),
    IncidentKind.PHISHING: (
        ("Lưu chứng cứ tin nhắn, đường dẫn lừa đảo", 4),
        ("Báo cáo nền tảng và chặn tài khoản gửi", 8),
        ("Cảnh báo người theo dõi trang về hình thức lừa đảo", 12),
        ("Nhắc quản trị viên không mở đường dẫn, không cung cấp mã xác thực", 12),
        ("Thông báo cơ quan chức năng nếu có người bị thiệt hại", 72),
    ),
}
