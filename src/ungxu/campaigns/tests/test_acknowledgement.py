from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ungxu.campaigns import services
from ungxu.campaigns.documents import add_version, code_document
from ungxu.campaigns.models import Acknowledgement, Document, DocumentKind
from ungxu.campaigns.tests.helpers import read_all


def test_a_person_cannot_acknowledge_before_reading_every_document(world, campaign):
    assignment = campaign.assignments.get(person=world.person_a)
    with pytest.raises(ValidationError, match="đọc hết các tài liệu"):
        services.acknowledge(assignment)
    assert not Acknowledgement.objects.exists()


def test_acknowledging_twice_keeps_the_first_acknowledgement(world, campaign):
    assignment = campaign.assignments.get(person=world.person_a)
    read_all(assignment)
    first, created = services.acknowledge(assignment, ip="10.0.0.5")
    again, created_again = services.acknowledge(assignment, ip="10.0.0.9")
    assert (created, created_again) == (True, False)
    assert first.pk == again.pk
    assert Acknowledgement.objects.count() == 1
    assert again.ip == "10.0.0.5"


def test_an_acknowledgement_snapshots_versions_time_and_ip(world, campaign):
    assignment = campaign.assignments.get(person=world.person_a)
    read_all(assignment)
    ack, _ = services.acknowledge(assignment, ip="10.0.0.5")
    assert ack.versions == [
        {"document": code_document().pk, "title": code_document().title, "version": 1}
    ]
    assert ack.acknowledged_at is not None
    assert "cam kết" in ack.statement
    assert ack.quiz_score is None


def test_editing_the_campaign_after_launch_never_rewrites_an_acknowledgement(world, campaign):
    assignment = campaign.assignments.get(person=world.person_a)
    read_all(assignment)
    ack, _ = services.acknowledge(assignment, ip="10.0.0.5")
    before = (ack.acknowledged_at, ack.versions, ack.round)
    campaign.title = "Tên mới"
    campaign.deadline += dt.timedelta(days=30)
    campaign.quiz_questions = 5
    campaign.save()
    ack.refresh_from_db()
    assert (ack.acknowledged_at, ack.versions, ack.round) == before


def test_a_new_document_version_reopens_acknowledgement_and_keeps_the_old_one(world, campaign):
    rules = Document.objects.create(
        title="Quy chế đăng tin", kind=DocumentKind.INTERNAL_RULES, organisation=world.root
    )
    add_version(rules, body="Điều 1. Cán bộ đăng tin đúng quy định.")
    campaign.documents.add(rules)
    assignment = campaign.assignments.get(person=world.person_a)
    read_all(assignment)
    old, _ = services.acknowledge(assignment)

    add_version(rules, body="Điều 1 (sửa đổi).", note="Sửa đổi điều 1")
    campaign.refresh_from_db()
    assert campaign.round == 2
    assignment = campaign.assignments.get(person=world.person_a)
    state = services.state_of(assignment)
    assert state.acknowledgement is None
    assert [a.pk for a in state.history] == [old.pk]
    assert not state.all_read  # the new version has not been read yet

    read_all(assignment)
    new, created = services.acknowledge(assignment)
    assert created and new.round == 2
    assert {"document": rules.pk, "title": rules.title, "version": 2} in new.versions
    old.refresh_from_db()
    assert {"document": rules.pk, "title": rules.title, "version": 1} in old.versions


def test_a_new_version_of_a_document_outside_active_campaigns_changes_no_round(world, campaign):
    other = Document.objects.create(title="Tài liệu khác", kind=DocumentKind.OTHER)
    add_version(other, body="a")
    add_version(other, body="b")
    campaign.refresh_from_db()
    assert campaign.round == 1


def test_an_upload_must_really_be_a_pdf_or_docx(world):
    document = Document.objects.create(title="Công văn", kind=DocumentKind.DISPATCH)
    with pytest.raises(ValidationError, match="PDF hoặc DOCX"):
        add_version(document, file_name="cv.exe", file_data=b"MZ")
    with pytest.raises(ValidationError, match="không đúng định dạng"):
        add_version(document, file_name="cv.pdf", file_data=b"hello")
    version = add_version(document, file_name="cv.pdf", file_data=b"%PDF-1.4 test")
    assert version.file_type == "application/pdf"


def test_a_closed_campaign_takes_no_more_acknowledgements(world, campaign):
    assignment = campaign.assignments.get(person=world.person_a)
    read_all(assignment)
    services.close(campaign)
    with pytest.raises(ValidationError, match="không còn nhận"):
        services.acknowledge(assignment)
