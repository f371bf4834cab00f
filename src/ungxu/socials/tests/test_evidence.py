"""Evidence files: hashing, type and size checks, private storage, the ZIP pack."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from ungxu.socials import evidence
from ungxu.socials.incidents import open_incident
from ungxu.socials.models import IncidentKind

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(40)
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(60)


@pytest.fixture
def incident(world, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return open_incident(
        organisation=world.unit_a, kind=IncidentKind.IMPERSONATION, title="Trang giả mạo"
    )


def test_an_uploaded_screenshot_is_stored_with_its_sha256(incident, world, tmp_path):
    item = evidence.store(incident, "anh-chup.png", PNG, user=world.user("head_a"))
    assert item.sha256 == hashlib.sha256(PNG).hexdigest()
    assert item.size == len(PNG)
    assert item.content_type == "image/png"
    assert (tmp_path / "evidence" / item.sha256[:2] / item.sha256).read_bytes() == PNG
    assert item.uploaded_by == world.user("head_a")


def test_it_rejects_a_program_disguised_as_a_png(incident):
    with pytest.raises(ValidationError) as caught:
        evidence.store(incident, "anh-chup.png", EXE)
    assert "đổi đuôi hoặc giả dạng" in caught.value.messages[0]
    assert not incident.evidence.exists()


def test_it_rejects_a_text_file_renamed_to_pdf_and_an_unknown_extension(incident):
    with pytest.raises(ValidationError, match="nội dung thực là văn bản thuần"):
        evidence.check_file("bien-ban.pdf", "Biên bản".encode())
    with pytest.raises(ValidationError, match=r"không nhận đuôi «\.exe»"):
        evidence.check_file("cai-dat.exe", EXE)


def test_it_rejects_a_file_over_the_size_limit(incident, monkeypatch):
    monkeypatch.setattr(evidence, "MAX_BYTES", 100)
    with pytest.raises(ValidationError, match="vượt giới hạn"):
        evidence.check_file("anh.png", PNG + bytes(200))


def test_the_evidence_pack_holds_every_file_and_a_manifest_of_hashes(incident):
    first = evidence.store(incident, "anh.png", PNG, description="Ảnh trang giả")
    second = evidence.store(incident, "tin-nhan.txt", "Tin nhắn lừa đảo".encode())
    archive = zipfile.ZipFile(io.BytesIO(evidence.pack(incident)))
    names = archive.namelist()
    assert "chung_cu/001_anh.png" in names and "chung_cu/002_tin-nhan.txt" in names
    rows = list(csv.reader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    assert rows[1][0] == "chung_cu/001_anh.png" and rows[1][1] == first.sha256
    assert rows[2][1] == second.sha256
    for row in rows[1:]:
        assert hashlib.sha256(archive.read(row[0])).hexdigest() == row[1]
    assert first.sha256 in archive.read("manifest.txt").decode()


def test_a_file_changed_on_disk_after_upload_is_refused(incident):
    item = evidence.store(incident, "anh.png", PNG)
    evidence.path_of(item).write_bytes(PNG + b"x")
    with pytest.raises(ValidationError, match="đã bị thay đổi"):
        evidence.read(item)
