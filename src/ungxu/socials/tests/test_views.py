"""The main paths through the web pages, as a unit head of Phòng A does them."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ungxu.socials.models import Incident, IncidentKind, OfficialAccount
from ungxu.socials.tests.factories import make_account


@pytest.fixture
def client(world, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return world.client("head_a")


def test_registering_an_account_normalises_the_pasted_address(world, client):
    response = client.post(
        reverse("socials:account_create"),
        {
            "organisation": world.unit_a.pk,
            "platform": "facebook_page",
            "name": "Phòng A Sở Thử nghiệm",
            "url": "m.facebook.com/PhongAThuNghiem/?ref=bookmarks",
            "status": "active",
            "trust_label": "none",
        },
    )
    account = OfficialAccount.objects.get()
    assert response.status_code == 302
    assert account.url == "https://www.facebook.com/phongathunghiem"
    assert account.posture_grade  # posture computed at once


def test_a_bad_address_is_refused_with_a_vietnamese_message_on_the_field(world, client):
    response = client.post(
        reverse("socials:account_create"),
        {
            "organisation": world.unit_a.pk,
            "platform": "youtube",
            "name": "Kênh A",
            "url": "https://www.facebook.com/phongathunghiem",
            "status": "active",
            "trust_label": "none",
        },
    )
    assert response.status_code == 200
    assert not OfficialAccount.objects.exists()
    assert response.context["form"].errors["url"]


def test_a_unit_head_cannot_register_an_account_for_another_unit(world, client):
    response = client.post(
        reverse("socials:account_create"),
        {
            "organisation": world.unit_b.pk,
            "platform": "facebook_page",
            "name": "Phòng B",
            "url": "https://facebook.com/phongbthunghiem",
            "status": "active",
            "trust_label": "none",
        },
    )
    assert response.status_code == 200  # unit B is not among the choices
    assert not OfficialAccount.objects.exists()


def test_an_impostor_found_on_the_detection_page_becomes_an_incident_in_one_click(world, client):
    official = make_account(
        world.unit_a, name="Phòng A Sở Thử nghiệm", url="https://facebook.com/phongathunghiem"
    )
    page = client.post(
        reverse("socials:detect"),
        {
            "candidates": "Phong A So Thu Nghiem Chính Thức | https://facebook.com/phonga.official\n"
            "Hội nông dân xã Yên Thành",
        },
    )
    findings = page.context["findings"]
    assert len(findings) == 1 and findings[0].official == official
    assert findings[0].match.reasons
    match = findings[0].match
    response = client.post(
        reverse("socials:open_from_detection"),
        {
            "official": official.pk,
            "name": match.candidate.name,
            "handle": match.candidate.handle,
            "score": match.score,
            "reason": list(match.reasons),
        },
    )
    incident = Incident.objects.get()
    assert response.url == reverse("socials:incident_detail", args=[incident.pk])
    assert incident.kind == IncidentKind.IMPERSONATION
    assert incident.steps.count() >= 4 and all(s.due_at for s in incident.steps.all())


def test_an_incident_runs_from_evidence_and_notice_to_closure(world, client):
    official = make_account(world.unit_a)
    client.post(
        reverse("socials:incident_create"),
        {
            "organisation": world.unit_a.pk,
            "account": official.pk,
            "kind": "hijack",
            "severity": "high",
            "title": "Mất quyền quản trị trang",
            "description": "",
        },
    )
    incident = Incident.objects.get()
    official.refresh_from_db()
    assert official.status == "compromised"
    detail = reverse("socials:incident_detail", args=[incident.pk])

    disguised = SimpleUploadedFile("anh.png", b"MZ\x90\x00" + bytes(60))
    client.post(reverse("socials:evidence_upload", args=[incident.pk]), {"file": disguised})
    assert not incident.evidence.exists()
    real = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + bytes(40))
    client.post(reverse("socials:evidence_upload", args=[incident.pk]), {"file": real})
    assert incident.evidence.count() == 1
    pack = client.get(reverse("socials:evidence_pack", args=[incident.pk]))
    assert "manifest.csv" in zipfile.ZipFile(io.BytesIO(pack.content)).namelist()

    edit = reverse("socials:notice_edit", args=[incident.pk, "cong_van"])
    form = client.get(edit).context["form"]
    data = {name: (form.initial.get(name) or "") for name in form.fields}
    data.update(place="Ninh Bình", signer_name="Lê Văn Sơn", signer_title="Trưởng phòng")
    client.post(edit, data)
    download = client.get(reverse("socials:notice_docx", args=[incident.pk]))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "Lê Văn Sơn" in "\n".join(
        c.text
        for t in docx.Document(io.BytesIO(download.content)).tables
        for r in t.rows
        for c in r.cells
    )

    step = incident.steps.first()
    client.post(reverse("socials:step_toggle", args=[incident.pk, step.pk]), {"done": "1"})
    step.refresh_from_db()
    assert step.done_at is not None

    client.post(reverse("socials:close", args=[incident.pk]), {"lessons_learned": "ngắn"})
    incident.refresh_from_db()
    assert incident.is_open  # lessons learned are required
    client.post(
        reverse("socials:close", args=[incident.pk]),
        {"lessons_learned": "Bật xác thực hai lớp cho mọi quản trị viên."},
    )
    incident.refresh_from_db()
    assert not incident.is_open
    assert "Đóng sự cố" in client.get(detail).content.decode()
    after = client.post(reverse("socials:add_note", args=[incident.pk]), {"text": "x"})
    assert after.status_code == 403  # a closed incident no longer changes


def test_takedown_tracking_measures_time_to_takedown(world, client):
    incident = Incident.objects.create(organisation=world.unit_a, kind="impersonation", title="x")
    client.post(
        reverse("socials:takedown_add", args=[incident.pk]),
        {"target_url": "https://facebook.com/gia.mao", "channel": "Biểu mẫu"},
    )
    takedown = incident.takedowns.get()
    client.post(
        reverse("socials:takedown_update", args=[incident.pk, takedown.pk]), {"status": "removed"}
    )
    takedown.refresh_from_db()
    assert takedown.time_to_takedown is not None
    assert takedown.acknowledged_at is not None
    assert "Thời gian gỡ" in incident.timeline.last().text


def test_candidates_can_come_from_an_uploaded_sheet(world, client):
    from ungxu.imports.testing import xlsx_bytes

    make_account(
        world.unit_a, name="Phòng A Sở Thử nghiệm", url="https://facebook.com/phongathunghiem"
    )
    sheet = xlsx_bytes(
        [
            ["STT", "Tên", "Đường dẫn"],
            ["1", "Phòng A Sở Thử Nghiệm 24h", ""],
            ["2", "Tiệm bánh Hương Thảo", "https://facebook.com/banhhuongthao"],
        ]
    )
    page = client.post(
        reverse("socials:detect"), {"file": SimpleUploadedFile("nghi-van.xlsx", sheet)}
    )
    assert page.context["checked"] == 2
    assert [f.match.candidate.name for f in page.context["findings"]] == [
        "Phòng A Sở Thử Nghiệm 24h"
    ]


def test_an_empty_detection_request_is_refused_in_vietnamese(world, client):
    page = client.post(reverse("socials:detect"), {"candidates": "  "})
    assert "Nhập ít nhất một tên" in page.content.decode()


def test_the_incident_list_reports_the_median_time_to_takedown(world, client):
    import datetime as dt

    from django.utils import timezone

    from ungxu.socials.models import TakedownRequest

    incident = Incident.objects.create(organisation=world.unit_a, kind="impersonation", title="x")
    now = timezone.now()
    for hours, status in ((2, "removed"), (6, "removed"), (30, "removed"), (1, "refused")):
        TakedownRequest.objects.create(
            incident=incident,
            target_url="https://facebook.com/gia",
            status=status,
            requested_at=now - dt.timedelta(hours=hours),
            resolved_at=now,
        )
    page = client.get(reverse("socials:incident_list"))
    stats = page.context["takedown_stats"]
    assert (stats.requested, stats.removed, stats.refused) == (4, 3, 1)
    assert stats.median == dt.timedelta(hours=6)
    assert "6 giờ 0 phút" in page.content.decode()
    hidden = world.client("head_b").get(reverse("socials:incident_list"))
    assert hidden.context["takedown_stats"].requested == 0


def test_assigning_an_incident_tells_the_assignee_by_mail(world, client, mailoutbox):
    moderator = world.user("moderator_a")
    moderator.email = "kiemduyet@sothunghiem.gov.vn"
    moderator.save()
    incident = Incident.objects.create(
        organisation=world.unit_a, kind="phishing", title="Tin nhắn lừa"
    )
    client.post(reverse("socials:assign", args=[incident.pk]), {"assignee": moderator.pk})
    incident.refresh_from_db()
    assert incident.assignee == moderator
    assert mailoutbox[0].to == [moderator.email] and "Tin nhắn lừa" in mailoutbox[0].subject
    outsider = world.user("head_b")
    client.post(reverse("socials:assign", args=[incident.pk]), {"assignee": outsider.pk})
    incident.refresh_from_db()
    assert incident.assignee == moderator  # only people with a role on the unit or above


def test_an_evidence_file_with_a_vietnamese_name_downloads_intact(world, client):
    incident = Incident.objects.create(organisation=world.unit_a, kind="phishing", title="x")
    data = "Tin nhắn: «chuyển khoản ngay»".encode()
    client.post(
        reverse("socials:evidence_upload", args=[incident.pk]),
        {"file": SimpleUploadedFile('tin nhắn "lừa".txt', data)},
    )
    item = incident.evidence.get()
    response = client.get(reverse("socials:evidence_download", args=[incident.pk, item.pk]))
    assert response.content == data
    assert "filename*=utf-8''" in response["Content-Disposition"]


def test_overdue_steps_are_mailed_once_to_the_assignee(world, client, mailoutbox):
    import datetime as dt

    from django.utils import timezone

    from ungxu.socials.incidents import open_incident, remind_overdue_steps

    head = world.user("head_a")
    head.email = "truongphong@sothunghiem.gov.vn"
    head.save()
    incident = open_incident(organisation=world.unit_a, kind="hijack", title="Mất trang", user=head)
    later = timezone.now() + dt.timedelta(hours=5)  # the 2- and 4-hour steps are now late
    assert remind_overdue_steps(later) == 1
    assert remind_overdue_steps(later) == 0
    assert mailoutbox[0].to == [head.email]
    assert mailoutbox[0].body.count("\n- ") + mailoutbox[0].body.startswith("- ") >= 3
    assert incident.steps.filter(reminded_at__isnull=False).count() == 3


def test_an_other_platform_account_needs_a_full_address(world, client):
    response = client.post(
        reverse("socials:account_create"),
        {
            "organisation": world.unit_a.pk,
            "platform": "other",
            "name": "Trang ABC",
            "url": "Trang ABC",
            "status": "active",
            "trust_label": "none",
        },
    )
    assert "https://" in " ".join(response.context["form"].errors["url"])
    assert not OfficialAccount.objects.exists()
