"""Evidence files: content-type check by magic bytes, size limit, SHA-256, private storage and a
ZIP evidence pack with a manifest of hashes.

Files live under `DATA_DIR/evidence/<first two hex>/<sha256>` (never under MEDIA_ROOT, so no URL
serves them); the only way out is the scoped download view or the pack.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from ungxu.audit.models import Action, record
from ungxu.core.vndate import vn_datetime
from ungxu.socials.models import Evidence, Incident

MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    label: str
    mime: str
    extensions: tuple[str, ...]


KINDS: dict[str, FileKind] = {
    "png": FileKind("ảnh PNG", "image/png", (".png",)),
    "jpeg": FileKind("ảnh JPEG", "image/jpeg", (".jpg", ".jpeg")),
    "gif": FileKind("ảnh GIF", "image/gif", (".gif",)),
    "webp": FileKind("ảnh WebP", "image/webp", (".webp",)),
    "pdf": FileKind("tệp PDF", "application/pdf", (".pdf",)),
    "mp4": FileKind("video MP4", "video/mp4", (".mp4", ".mov", ".m4v")),
    "zip": FileKind(
        "tài liệu Office (DOCX/XLSX)",
        "application/zip",
        (".docx", ".xlsx", ".zip"),
    ),
    "text": FileKind("văn bản thuần", "text/plain", (".txt", ".csv", ".json", ".html", ".eml")),
}
ALLOWED_EXTENSIONS = sorted({ext for kind in KINDS.values() for ext in kind.extensions})


def sniff(head: bytes) -> str | None:
    """What the first bytes say the file is; None when it is nothing we accept."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the end of the sample is still text.
            if error.start < len(head) - 3:
                return None
        return "text"
    return None


def check_file(name: str, data: bytes) -> FileKind:
    """The file's kind, or a Vietnamese ValidationError naming the file and the problem."""
    if not data:
        raise ValidationError(f"Tệp «{name}» rỗng.")
    if len(data) > MAX_BYTES:
        raise ValidationError(
            f"Tệp «{name}» dung lượng {len(data) / 1024 / 1024:.1f} MB, vượt giới hạn "
            f"{MAX_BYTES // 1024 // 1024} MB."
        )
    extension = Path(name).suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            f"Tệp «{name}»: không nhận đuôi «{extension or '(không có)'}». Chỉ nhận: "
            + ", ".join(ALLOWED_EXTENSIONS)
            + "."
        )
    kind_id = sniff(data[:512])
    kind = KINDS.get(kind_id or "")
    if kind is None or extension not in kind.extensions:
        found = kind.label if kind else "không xác định được"
        raise ValidationError(
            f"Tệp «{name}» có đuôi «{extension}» nhưng nội dung thực là {found}: "
            "tệp bị đổi đuôi hoặc giả dạng, không được nhận."
        )
    return kind


def storage_dir() -> Path:
    return Path(settings.DATA_DIR) / "evidence"


def path_of(evidence: Evidence) -> Path:
    return storage_dir() / evidence.stored_name


def store(
    incident: Incident, name: str, data: bytes, user: Any = None, description: str = ""
) -> Evidence:
    kind = check_file(name, data)
    digest = hashlib.sha256(data).hexdigest()
    stored_name = f"{digest[:2]}/{digest}"
    target = storage_dir() / stored_name
    if not target.exists():  # identical content is stored once
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".part")
        tmp.write_bytes(data)
        tmp.replace(target)
    return Evidence.objects.create(
        incident=incident,
        original_name=Path(name).name[:255],
        description=description[:255],
        content_type=kind.mime,
        size=len(data),
        sha256=digest,
        stored_name=stored_name,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )


def read(evidence: Evidence) -> bytes:
    """The stored bytes, refusing a file whose hash no longer matches (tampering, corruption)."""
    data = path_of(evidence).read_bytes()
    if hashlib.sha256(data).hexdigest() != evidence.sha256:
        raise ValidationError(f"Tệp «{evidence.original_name}» đã bị thay đổi sau khi lưu.")
    return data


def pack(incident: Incident, user: Any = None) -> bytes:
    """A ZIP of every evidence file plus manifest.csv (hashes) and a readable manifest.txt."""
    items = list(incident.evidence.select_related("uploaded_by"))
    buffer = io.BytesIO()
    rows: list[list[str]] = []
    used: set[str] = set()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for index, item in enumerate(items, start=1):
            arcname = f"{index:03d}_{item.original_name}"
            while arcname in used:
                arcname = "_" + arcname
            used.add(arcname)
            archive.writestr(f"chung_cu/{arcname}", read(item))
            uploader = item.uploaded_by.get_username() if item.uploaded_by else ""
            rows.append(
                [
                    f"chung_cu/{arcname}",
                    item.sha256,
                    str(item.size),
                    item.content_type,
                    vn_datetime(item.uploaded_at),
                    uploader,
                    item.description,
                ]
            )
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            [
                "Tệp",
                "SHA-256",
                "Dung lượng (byte)",
                "Loại",
                "Thời điểm tải lên",
                "Người tải lên",
                "Mô tả",
            ]
        )
        writer.writerows(rows)
        archive.writestr("manifest.csv", "\ufeff" + out.getvalue())
        lines = [
            f"GÓI CHỨNG CỨ SỰ CỐ: {incident.title}",
            f"Đơn vị: {incident.organisation.name}",
            f"Loại sự cố: {incident.get_kind_display()}",
            f"Lập lúc: {vn_datetime(timezone.now())}",
            f"Số tệp: {len(items)}",
            "",
            "Kiểm tra: mã SHA-256 của từng tệp phải trùng với mã ghi dưới đây.",
            "",
        ]
        lines += [f"{row[1]}  {row[0]}" for row in rows]
        archive.writestr("manifest.txt", "\n".join(lines) + "\n")
    record(
        Action.EXPORT,
        incident,
        message=f"Tải gói chứng cứ ({len(items)} tệp).",
        actor=user if getattr(user, "is_authenticated", False) else None,
    )
    return buffer.getvalue()
