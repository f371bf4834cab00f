"""The acknowledgement confirmation as PDF (reportlab, with the ND30 module's Vietnamese font)."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from ungxu.campaigns.models import Acknowledgement, Assignment
from ungxu.core.nd30 import NATIONAL_TITLE, vietnamese_font


def confirmation_pdf(assignment: Assignment, ack: Acknowledgement) -> bytes:
    fonts = vietnamese_font()
    base = ParagraphStyle("base", fontName=fonts.name(), fontSize=13, leading=18)
    bold = ParagraphStyle("bold", parent=base, fontName=fonts.name(bold=True), alignment=1)
    person = assignment.person
    when = timezone.localtime(ack.acknowledged_at).strftime("%H:%M ngày %d/%m/%Y")
    lines = [
        Paragraph(escape(NATIONAL_TITLE), bold),
        Spacer(1, 8 * mm),
        Paragraph("GIẤY XÁC NHẬN CAM KẾT", bold),
        Paragraph(escape(f"Đợt phổ biến: {assignment.campaign.title}"), bold),
        Spacer(1, 6 * mm),
        Paragraph(escape(f"Họ và tên: {person.full_name} (mã {person.code})"), base),
        Paragraph(escape(f"Đơn vị: {assignment.organisation.name}"), base),
        Paragraph(escape(f"Thời điểm xác nhận: {when}"), base),
        Paragraph(escape(f"Địa chỉ IP: {ack.ip or 'không ghi nhận'}"), base),
    ]
    if ack.quiz_score is not None:
        lines.append(Paragraph(escape(f"Điểm bài kiểm tra: {ack.quiz_score:g}%"), base))
    lines.append(Paragraph("Tài liệu đã đọc:", base))
    lines.extend(
        Paragraph(escape(f"– {v['title']} (phiên bản {v['version']})"), base) for v in ack.versions
    )
    lines += [Spacer(1, 4 * mm), Paragraph(escape(f"Cam kết: {ack.statement}"), base)]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=30 * mm, rightMargin=20 * mm, topMargin=20 * mm
    ).build(lines)
    return buffer.getvalue()
