"""Two complete, fictional documents: an implementation report with an annex and a công văn.

Used by the tests, by demos and as a model for the workflows that will fill these structures from
the database (implementation reports, incident notices). All names and figures are invented.
"""

from __future__ import annotations

import datetime as dt

from .document import Annex, Heading, OfficialDocument, Paragraph, Signer, Table

PARENT = "UBND TỈNH NINH BÌNH"
BODY = "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"


def sample_report() -> OfficialDocument:
    return OfficialDocument(
        parent_body=PARENT,
        issuing_body=BODY,
        number=5,
        code="BC-SNN",
        place="Ninh Bình",
        date=dt.date(2026, 1, 5),
        doc_type="BÁO CÁO",
        summary="Kết quả thực hiện Bộ Quy tắc ứng xử trên mạng xã hội năm 2025",
        body=[
            Paragraph(
                "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về triển khai Bộ Quy tắc ứng xử trên "
                "mạng xã hội ban hành kèm theo Quyết định số 874/QĐ-BTTTT ngày 17/6/2021, Sở Nông "
                "nghiệp và Môi trường báo cáo kết quả thực hiện năm 2025 như sau:"
            ),
            Heading("CÔNG TÁC CHỈ ĐẠO, PHỔ BIẾN"),
            Paragraph(
                "Sở đã ban hành văn bản chỉ đạo các phòng, đơn vị trực thuộc tổ chức phổ biến Bộ "
                "Quy tắc tới toàn thể cán bộ, công chức, viên chức và người lao động; lồng ghép "
                "nội dung vào hội nghị cán bộ và sinh hoạt chi bộ định kỳ."
            ),
            Heading("KẾT QUẢ THỰC HIỆN"),
            Heading("Phổ biến và xác nhận đã đọc", level=2),
            Paragraph(
                "Đến ngày 31/12/2025 có 412/430 người (95,8%) đã xác nhận đọc và cam kết thực "
                "hiện; 18 người chưa xác nhận đang được các đơn vị nhắc nhở."
            ),
            Heading("Quản lý tài khoản mạng xã hội của cơ quan", level=2),
            Heading(
                "Số tài khoản: 7 trang và kênh chính thức, đều có người chịu trách nhiệm.", level=3
            ),
            Heading("An toàn tài khoản: 6/7 tài khoản đạt yêu cầu xác thực hai lớp.", level=3),
            Heading("Tiếp nhận và xử lý thông tin vi phạm", level=2),
            Paragraph(
                "Các trang của Sở tiếp nhận 1.284 bình luận và tin nhắn; 37 mục được ẩn do quảng "
                "cáo cho vay trái phép, 12 mục chuyển cơ quan chức năng. Chi tiết tại Phụ lục."
            ),
            Heading("TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"),
            Paragraph(
                "Một số đơn vị cấp cơ sở chưa bố trí người theo dõi trang thường xuyên; việc trả "
                "lời ý kiến của người dân có lúc còn chậm so với thời hạn."
            ),
            Heading("NHIỆM VỤ TRỌNG TÂM NĂM 2026"),
            Paragraph(
                "Tiếp tục phổ biến Bộ Quy tắc tới người mới tuyển dụng; rà soát quyền quản "
                "trị các trang định kỳ hằng quý.",
                indent=True,
            ),
            Heading("ĐỀ XUẤT, KIẾN NGHỊ"),
            Paragraph("Đề nghị tổ chức tập huấn kỹ năng nhận diện tin giả cho cán bộ cấp xã."),
            Paragraph("Sở Nông nghiệp và Môi trường trân trọng báo cáo./."),
        ],
        signer=Signer(
            name="Nguyễn Văn Thành",
            title="Phó Giám đốc",
            authority="KT.",
            on_behalf_of="Giám đốc",
            placeholder="(Đã ký)",
        ),
        distribution=[
            "UBND tỉnh (để b/c)",
            "Sở Văn hóa, Thể thao và Du lịch",
            "Giám đốc Sở",
            "Các phòng, đơn vị thuộc Sở",
            "Trang TTĐT Sở",
        ],
        archive="VT, VP",
        annexes=[
            Annex(
                title="Số liệu thực hiện Bộ Quy tắc ứng xử năm 2025",
                blocks=[
                    Table(
                        title="Biểu 1. Thông tin vi phạm theo loại",
                        headers=["STT", "Loại vi phạm", "Số mục", "Đã xử lý"],
                        rows=[
                            ["1", "Quảng cáo, kinh doanh trái phép", "37", "37"],
                            ["2", "Tin giả, tin sai sự thật", "9", "8"],
                            ["3", "Xúc phạm danh dự, nhân phẩm", "6", "6"],
                            ["4", "Lộ lọt dữ liệu cá nhân", "3", "3"],
                        ],
                        widths=[0.8, 5, 1.6, 1.6],
                        note="Ghi chú: số liệu từ ngày 01/01/2025 đến ngày 31/12/2025.",
                    )
                ],
            )
        ],
    )


def sample_cong_van() -> OfficialDocument:
    return OfficialDocument(
        parent_body=PARENT,
        issuing_body=BODY,
        number=12,
        code="SNN-VP",
        place="Ninh Bình",
        date=dt.date(2026, 3, 9),
        doc_type="CÔNG VĂN",
        summary="thông báo trang mạng xã hội giả mạo Sở",
        recipients=["Công an tỉnh (Phòng An ninh mạng)", "Sở Văn hóa, Thể thao và Du lịch"],
        body=[
            Paragraph(
                "Ngày 08/3/2026, Sở Nông nghiệp và Môi trường phát hiện trang Facebook mang tên "
                "“Sở Nông Nghiệp Ninh Bình - Hỗ trợ bà con” sử dụng biểu trưng của Sở, đăng tin "
                "mời nhận hỗ trợ giống cây trồng và yêu cầu chuyển khoản phí."
            ),
            Paragraph(
                "Sở khẳng định đây không phải trang chính thức của Sở. Sở đã gửi yêu cầu gỡ bỏ "
                "tới nền tảng và cảnh báo người dân trên các kênh chính thức. Sở đề nghị các cơ "
                "quan phối hợp xác minh, xử lý theo quy định."
            ),
            Paragraph("Trân trọng./."),
        ],
        signer=Signer(name="Trần Thị Hương", title="Giám đốc"),
        distribution=["Như trên", "UBND tỉnh (để b/c)", "Trang TTĐT Sở"],
        archive="VT, VP",
    )
