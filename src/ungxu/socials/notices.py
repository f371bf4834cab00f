"""Notices drafted from an incident: a công văn (ND30 DOCX), a report to the platform and a
public warning post screened by the engine. Drafts are stored and edited before use."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from ungxu.core.nd30 import (
    DocumentError,
    FontUnavailableError,
    OfficialDocument,
    Paragraph,
    Signer,
    render_docx,
    render_pdf,
)
from ungxu.core.vndate import vn_short_date
from ungxu.orgs.models import Organisation
from ungxu.socials.models import (
    AccountStatus,
    Incident,
    IncidentKind,
    Notice,
    NoticeKind,
    OfficialAccount,
)

CODE_SUFFIX = "VP"


def _account_line(incident: Incident) -> str:
    account = incident.account
    if account is None:
        return ""
    return f"tài khoản {account.get_platform_display()} «{account.name}» ({account.url})"


def _what_happened(incident: Incident) -> str:
    account = _account_line(incident) or "tài khoản chính thức của cơ quan"
    found = vn_short_date(incident.opened_at)
    if incident.kind == IncidentKind.IMPERSONATION:
        impostor = incident.impostor_name or "một tài khoản"
        where = f" (địa chỉ {incident.impostor_url})" if incident.impostor_url else ""
        return (
            f"Ngày {found}, {incident.organisation.name} phát hiện tài khoản mang tên "
            f"«{impostor}»{where} có tên gọi, hình thức giống {account}, có dấu hiệu giả mạo "
            "cơ quan để đưa thông tin sai lệch hoặc lừa đảo người dân."
        )
    if incident.kind == IncidentKind.HIJACK:
        return (
            f"Ngày {found}, {incident.organisation.name} bị mất quyền kiểm soát {account}. "
            "Mọi nội dung đăng trên tài khoản này từ thời điểm trên không phải của cơ quan."
        )
    return f"Ngày {found}, {incident.organisation.name} ghi nhận sự cố: {incident.title}. " + (
        incident.description.strip().splitlines()[0] if incident.description.strip() else ""
    )


def default_notice(incident: Incident, kind: str) -> dict[str, Any]:
    """Field values of a fresh draft of `kind` for the incident."""
    org = incident.organisation
    happened = _what_happened(incident)
    if kind == NoticeKind.CONG_VAN:
        subject = (
            "thông báo tài khoản mạng xã hội giả mạo"
            if incident.kind == IncidentKind.IMPERSONATION
            else f"thông báo sự cố {incident.get_kind_display().lower()}"
        )
        return {
            "summary": f"{subject} {org.name}",
            "body": "\n".join(
                [
                    happened,
                    f"{org.name} khẳng định đây không phải hoạt động của cơ quan; đã báo cáo "
                    "nền tảng và cảnh báo người dân trên các kênh chính thức. Đề nghị các cơ "
                    "quan phối hợp xác minh, xử lý theo quy định của pháp luật.",
                    "Trân trọng./.",
                ]
            ),
            "recipients": "Công an tỉnh (Phòng An ninh mạng và phòng, chống tội phạm sử dụng "
            "công nghệ cao)\nSở Văn hóa, Thể thao và Du lịch",
            "distribution": "Như trên\nLãnh đạo cơ quan (để b/c)",
            "code": f"{org.code}-{CODE_SUFFIX}",
            "signer_title": "Thủ trưởng đơn vị",
            "place": _last_place(org),
        }
    if kind == NoticeKind.PLATFORM_REPORT:
        target = incident.impostor_url or (incident.account.url if incident.account else "")
        reason = (
            "mạo danh cơ quan nhà nước (impersonation of a government organisation)"
            if incident.kind == IncidentKind.IMPERSONATION
            else "tài khoản của cơ quan bị chiếm quyền (hacked account)"
        )
        return {
            "summary": f"Báo cáo {reason}",
            "body": "\n".join(
                [
                    f"Cơ quan báo cáo: {org.name}.",
                    f"Tài khoản chính thức: {_account_line(incident) or '(chưa gắn)'}.",
                    f"Tài khoản/nội dung cần xử lý: {target or '(bổ sung đường dẫn)'}.",
                    f"Lý do: {reason}.",
                    happened,
                    "Đề nghị nền tảng xem xét, gỡ bỏ hoặc khôi phục quyền quản trị cho cơ quan. "
                    "Chứng cứ (ảnh chụp, mã băm SHA-256) được gửi kèm theo.",
                ]
            ),
        }
    return {
        "summary": "Cảnh báo tài khoản giả mạo"
        if incident.kind == IncidentKind.IMPERSONATION
        else "Thông báo về sự cố tài khoản",
        "body": "\n".join(
            [
                f"[CẢNH BÁO] {happened}",
                f"Thông tin chính thức của {org.name} chỉ được đăng trên {_channels(incident)}. "
                "Người dân không cung cấp thông tin cá nhân, mã OTP, không chuyển tiền theo yêu "
                "cầu của các tài khoản không chính thức.",
                "Khi phát hiện tài khoản đáng ngờ, vui lòng báo cho cơ quan qua các kênh trên.",
            ]
        ),
    }


def _channels(incident: Incident) -> str:
    """Where people should look instead: the unit's other active official accounts. A hijacked
    account is never among them, since whoever holds it now can post anything there."""
    accounts = OfficialAccount.objects.filter(
        organisation=incident.organisation, status=AccountStatus.ACTIVE
    )
    if incident.kind == IncidentKind.HIJACK and incident.account_id:
        accounts = accounts.exclude(pk=incident.account_id)
    urls = list(accounts.order_by("name").values_list("url", flat=True)[:5])
    if not urls:
        return "các kênh chính thức đã công bố của cơ quan"
    return "các kênh chính thức: " + ", ".join(urls)


def _last_place(org: Organisation) -> str:
    """The place name of the unit's latest công văn, so it is typed only once; before the first
    one, the agency's place (`default_place`). The field stays editable on the form."""
    previous = (
        Notice.objects.filter(incident__organisation=org, kind=NoticeKind.CONG_VAN)
        .exclude(place="")
        .order_by("-updated_at")
        .first()
    )
    return previous.place if previous else default_place(org)


# Prefixes of a province's own name ("Tỉnh Ninh Bình", "UBND tỉnh Ninh Bình"); the địa danh on a
# công văn is the bare name. Compared casefolded.
PROVINCE_PREFIXES = ("ubnd ", "ủy ban nhân dân ", "uỷ ban nhân dân ")
PROVINCE_KINDS = ("tỉnh ", "thành phố ")


def default_place(org: Organisation) -> str:
    """`settings.UNGXU_AGENCY_PLACE` when set, else the province named by the root
    organisation ("Tỉnh Ninh Bình" → "Ninh Bình"), else blank (the drafter types it)."""
    configured = str(getattr(settings, "UNGXU_AGENCY_PLACE", "") or "").strip()
    if configured:
        return configured[:100]
    root = org.ancestors().first() or org
    name = " ".join(root.name.split())
    for prefix in PROVINCE_PREFIXES:
        if name.casefold().startswith(prefix):
            name = name[len(prefix) :]
            break
    for kind in PROVINCE_KINDS:
        if name.casefold().startswith(kind) and len(name) > len(kind):
            return name[len(kind) :][:100]
    return ""


def get_or_draft(incident: Incident, kind: str) -> Notice:
    notice = incident.notices.filter(kind=kind).first()
    if notice is None:
        notice = Notice.objects.create(
            incident=incident, kind=kind, **default_notice(incident, kind)
        )
        screen_if_post(notice)
    return notice


def screen_if_post(notice: Notice) -> None:
    """The public post goes through the screening engine; its verdict is kept on the draft."""
    if notice.kind != NoticeKind.PUBLIC_POST:
        return
    try:
        from ungxu.screening import screen
    except ImportError:
        notice.screening = {"error": "Bộ máy sàng lọc chưa được cài đặt."}
    else:
        verdict = screen(f"{notice.summary}\n{notice.body}")
        notice.screening = verdict.to_dict()
    notice.save(update_fields=["screening", "updated_at"])


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def cong_van(notice: Notice) -> OfficialDocument:
    """The công văn as an ND30 document; a ValidationError (Vietnamese) if a part is missing."""
    incident = notice.incident
    org = incident.organisation
    problems = []
    if not notice.place.strip():
        problems.append("Chưa nhập địa danh (ví dụ: Ninh Bình).")
    if not notice.signer_name.strip():
        problems.append("Chưa nhập họ tên người ký.")
    if problems:
        raise ValidationError(" ".join(problems))
    try:
        return OfficialDocument(
            parent_body=org.parent.name.upper() if org.parent else None,
            issuing_body=org.name.upper(),
            number=notice.number,
            code=notice.code.strip().upper() or f"{org.code}-{CODE_SUFFIX}",
            place=notice.place.strip(),
            date=timezone.localdate() if notice.number else None,
            doc_type="CÔNG VĂN",
            summary=notice.summary,
            recipients=_lines(notice.recipients),
            body=[Paragraph(line) for line in _lines(notice.body)],
            signer=Signer(name=notice.signer_name.strip(), title=notice.signer_title.strip()),
            distribution=_lines(notice.distribution),
            archive=f"VT, {CODE_SUFFIX}",
        )
    except DocumentError as error:
        raise ValidationError(str(error)) from error


def cong_van_docx(notice: Notice) -> bytes:
    return render_docx(cong_van(notice))


def cong_van_pdf(notice: Notice) -> bytes:
    """The same công văn as PDF; a ValidationError when no Vietnamese font is installed."""
    try:
        return render_pdf(cong_van(notice))
    except FontUnavailableError as error:
        raise ValidationError(
            "Máy chủ chưa có phông chữ tiếng Việt để tạo PDF; hãy dùng bản DOCX."
        ) from error
