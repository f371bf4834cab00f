"""Campaign documents: the built-in Code (from the engine's data), uploads and new versions.

A new version of a document used by an active campaign opens a new acknowledgement round in
that campaign (see models.Campaign.round); earlier acknowledgements keep their snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max

from ungxu.audit.models import Action, record
from ungxu.campaigns.models import Campaign, CampaignStatus, Document, DocumentKind, DocumentVersion
from ungxu.screening.data_loading import PACKAGE_DATA, read_toml

CODE_KEY = "code-of-conduct"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ALLOWED_UPLOADS = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
GROUP_TITLES = {
    "chung": "Quy tắc ứng xử chung",
    "to_chuc_ca_nhan": "Quy tắc ứng xử cho tổ chức, cá nhân",
    "can_bo_cong_chuc": "Quy tắc ứng xử cho cán bộ, công chức, viên chức, người lao động",
    "co_quan_nha_nuoc": "Quy tắc ứng xử cho cơ quan nhà nước",
    "nha_cung_cap": "Quy tắc ứng xử cho nhà cung cấp dịch vụ mạng xã hội",
}


@dataclass(frozen=True)
class Clause:
    key: str
    group: str
    article: str
    title: str
    summary: str


@dataclass(frozen=True)
class ClauseGroup:
    key: str
    title: str
    clauses: tuple[Clause, ...]


@cache
def code_data() -> dict[str, Any]:
    # The shipped Code, read by the engine's own TOML reader (same file, same errors).
    return read_toml(PACKAGE_DATA / "code_of_conduct.toml")


def code_groups() -> list[ClauseGroup]:
    """The Code clause by clause, grouped in the order the data lists them."""
    groups: dict[str, list[Clause]] = {}
    for raw in code_data().get("clauses", []):
        clause = Clause(
            key=str(raw["key"]),
            group=str(raw.get("group", "")),
            article=str(raw.get("article", "")),
            title=str(raw.get("title", "")),
            summary=str(raw.get("summary", "")),
        )
        groups.setdefault(clause.group, []).append(clause)
    return [
        ClauseGroup(key, GROUP_TITLES.get(key, key), tuple(clauses))
        for key, clauses in groups.items()
    ]


def code_body() -> str:
    meta = code_data().get("document", {})
    lines = [str(meta.get("title", "")), str(meta.get("decision", "")), ""]
    for group in code_groups():
        lines.append(group.title.upper())
        lines.extend(f"- {c.key} {c.title}: {c.summary}" for c in group.clauses)
        lines.append("")
    return "\n".join(lines).strip()


def code_document() -> Document:
    """The built-in Code document (created on first use, shared by every unit)."""
    document = Document.objects.filter(builtin_key=CODE_KEY).first()
    if document is not None:
        return document
    title = str(code_data().get("document", {}).get("title", "Bộ Quy tắc ứng xử trên mạng xã hội"))
    try:
        with transaction.atomic():
            document = Document.objects.create(
                title=title, kind=DocumentKind.CODE, builtin_key=CODE_KEY
            )
            DocumentVersion.objects.create(document=document, number=1, body=code_body())
    except IntegrityError:  # created at the same moment by another request
        document = Document.objects.get(builtin_key=CODE_KEY)
    return document


def check_upload(name: str, data: bytes) -> str:
    """The content type of an acceptable upload; a Vietnamese ValidationError otherwise."""
    lower = name.lower()
    suffix = lower[lower.rfind(".") :] if "." in lower else ""
    if suffix not in ALLOWED_UPLOADS:
        raise ValidationError("Chỉ nhận tệp PDF hoặc DOCX.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(f"Tệp quá lớn; tối đa {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
    magic = b"%PDF" if suffix == ".pdf" else b"PK"
    if not data.startswith(magic):
        raise ValidationError("Nội dung tệp không đúng định dạng PDF/DOCX như tên tệp.")
    return ALLOWED_UPLOADS[suffix]


def add_version(
    document: Document,
    *,
    body: str = "",
    note: str = "",
    file_name: str = "",
    file_data: bytes | None = None,
) -> DocumentVersion:
    """Write the next version and re-open acknowledgement in the active campaigns using it."""
    if not body.strip() and not file_data:
        raise ValidationError("Cần nhập nội dung hoặc tải lên tệp PDF/DOCX.")
    file_type = check_upload(file_name, file_data) if file_data else ""
    with transaction.atomic():
        # Lock the document row so two editors cannot both write "version 3".
        Document.objects.select_for_update().filter(pk=document.pk).first()
        last = document.versions.aggregate(n=Max("number"))["n"] or 0
        version = DocumentVersion.objects.create(
            document=document,
            number=last + 1,
            body=body.strip(),
            note=note.strip(),
            file_name=file_name if file_data else "",
            file_type=file_type,
            file_data=file_data,
        )
        if last:
            reopen_campaigns(document)
    return version


def reopen_campaigns(document: Document) -> int:
    """Start a new acknowledgement round in every active campaign that uses the document."""
    campaigns = list(Campaign.objects.filter(documents=document, status=CampaignStatus.ACTIVE))
    message = f"Tài liệu “{document.title}” có phiên bản mới: mọi người cần xác nhận lại."
    for campaign in campaigns:
        reopen_round(campaign, message)
    return len(campaigns)


def reopen_round(campaign: Campaign, message: str) -> None:
    """Start the next acknowledgement round; earlier acknowledgements stay as they are."""
    # F() so two editors adding versions at once both count; no save() of a stale object.
    Campaign.objects.filter(pk=campaign.pk).update(round=F("round") + 1)
    before = campaign.round
    campaign.refresh_from_db(fields=["round"])
    record(Action.UPDATE, campaign, changes={"round": [before, campaign.round]}, message=message)


def current_versions(campaign: Campaign) -> list[DocumentVersion]:
    """The latest version of each of the campaign's documents, in display order."""
    versions = []
    for document in campaign.documents.order_by("kind", "title"):
        version = document.current_version()
        if version is not None:
            versions.append(version)
    return versions
