"""Manager pages: creating a campaign, documents and versions, sessions, outreach, export."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from ungxu.campaigns.documents import code_document
from ungxu.campaigns.models import Campaign, Document, InPersonSession, OutreachRecord
from ungxu.imports.testing import xlsx_bytes


def campaign_form(world, **overrides):
    data = {
        "title": "Quán triệt Bộ quy tắc",
        "organisation": world.unit_a.pk,
        "documents": [code_document().pk],
        "audience_orgs": [world.unit_a.pk],
        "starts_on": "2026-12-01",
        "deadline": "2026-12-20",
        "quiz_questions": 5,
        "pass_percent": 80,
        "max_attempts": 3,
        "reminder_days_text": "3, 7, 3",
        "people_codes": "",
    }
    data.update(overrides)
    return data


def test_a_unit_head_launches_a_campaign_for_their_own_unit(world):
    client = world.client("head_a")
    response = client.post(reverse("campaigns:create"), campaign_form(world))
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert campaign.reminder_days == [7, 3]
    client.post(reverse("campaigns:launch", args=[campaign.pk]))
    assert campaign.assignments.count() == 2


def test_the_form_names_each_problem_in_vietnamese(world):
    response = world.client("coordinator").post(
        reverse("campaigns:create"),
        campaign_form(
            world,
            deadline="2026-11-01",
            quiz_questions=500,
            reminder_days_text="ba",
            people_codes="KHONGCO",
            audience_orgs=[],
        ),
    )
    errors = response.context["form"].errors
    assert "Hạn hoàn thành phải sau ngày bắt đầu." in errors["deadline"]
    assert "Ngân hàng chỉ có" in errors["quiz_questions"][0]
    assert "“ba” không phải số ngày hợp lệ" in errors["reminder_days_text"][0]
    assert "KHONGCO" in errors["people_codes"][0]


def test_the_export_holds_units_and_people_of_the_users_subtree(world, campaign):
    response = world.client("head_a").get(reverse("campaigns:export", args=[campaign.pk]))
    workbook = load_workbook(io.BytesIO(response.content))
    units = [r[0] for r in workbook["Theo đơn vị"].iter_rows(min_row=2, values_only=True)]
    people = [r[0] for r in workbook["Danh sách"].iter_rows(min_row=2, values_only=True)]
    assert units == ["PA", "PA-1"]
    assert sorted(people) == ["NSA01", "NSA11"]


def test_a_new_document_version_from_the_page_reopens_acknowledgement(world, campaign):
    client = world.client("coordinator")
    client.post(
        reverse("campaigns:document_create"),
        {
            "title": "Quy chế đăng tin",
            "kind": "internal_rules",
            "organisation": world.root.pk,
            "body": "Điều 1. Nội dung.",
        },
    )
    rules = Document.objects.get(title="Quy chế đăng tin")
    campaign.documents.add(rules)
    upload = SimpleUploadedFile("quy-che.pdf", b"%PDF-1.4 sua doi", "application/pdf")
    client.post(
        reverse("campaigns:document", args=[rules.pk]), {"note": "Sửa đổi", "upload": upload}
    )
    campaign.refresh_from_db()
    assert campaign.round == 2
    assert rules.versions.count() == 2
    version = rules.versions.get(number=2)
    download = world.client("staff_a").get(reverse("campaigns:version_file", args=[version.pk]))
    assert download.content == b"%PDF-1.4 sua doi"


def test_attendance_is_imported_all_or_nothing_with_row_numbers(world):
    session = InPersonSession.objects.create(
        organisation=world.unit_a,
        kind="training",
        title="Tập huấn",
        held_on="2026-12-02",
        place="Hội trường",
    )
    client = world.client("head_a")
    url = reverse("campaigns:session", args=[session.pk])
    bad = xlsx_bytes([["Mã nhân sự", "Họ và tên"], ["NSA01", "An"], ["NSB01", "Cường"], ["", "x"]])
    page = client.post(url, {"sheet": SimpleUploadedFile("ds.xlsx", bad)}).content.decode()
    assert "Dòng 3, cột «Mã nhân sự»: không có nhân sự mã «NSB01»" in page
    assert "Dòng 4, cột «Mã nhân sự»: để trống." in page
    assert session.attendees.count() == 0
    good = xlsx_bytes([["Mã nhân sự"], ["nsa01"], ["NSA11"]])
    client.post(url, {"sheet": SimpleUploadedFile("ds.xlsx", good)})
    assert sorted(session.attendees.values_list("code", flat=True)) == ["NSA01", "NSA11"]


def test_outreach_counts_vulnerable_groups_and_refuses_impossible_numbers(world):
    client = world.client("coordinator")
    data = {
        "kind": "loudspeaker",
        "held_on": "2026-12-03",
        "place": "Thôn 2",
        "organisation": world.unit_b.pk,
        "audience": 120,
        "children": 30,
        "ethnic_minorities": 200,
        "disabilities": 2,
        "poor": 10,
        "notes": "",
    }
    response = client.post(reverse("campaigns:outreach_create"), data)
    assert "Không thể lớn hơn tổng số người" in response.content.decode()
    data["ethnic_minorities"] = 40
    client.post(reverse("campaigns:outreach_create"), data)
    record = OutreachRecord.objects.get()
    assert record.vulnerable_total == 82
    page = world.client("leader").get(reverse("campaigns:outreach")).content.decode()
    assert "Loa truyền thanh" in page
    assert (
        world.client("head_a").get(reverse("campaigns:outreach")).content.decode().count("Thôn 2")
        == 0
    )


def test_adding_a_document_to_a_running_campaign_asks_everyone_again(world, campaign):
    rules = Document.objects.create(title="Quy chế", kind="internal_rules", organisation=world.root)
    from ungxu.campaigns.documents import add_version

    add_version(rules, body="Điều 1.")
    data = campaign_form(
        world,
        title=campaign.title,
        organisation=world.root.pk,
        documents=[code_document().pk, rules.pk],
        audience_orgs=[world.root.pk],
        quiz_questions=0,
    )
    response = world.client("coordinator").post(reverse("campaigns:edit", args=[campaign.pk]), data)
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.round == 2
