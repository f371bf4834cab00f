"""The staff side through HTTP: task page, reading, quiz, acknowledging, the confirmation."""

from __future__ import annotations

from django.urls import reverse

from ungxu.campaigns.documents import current_versions
from ungxu.campaigns.models import Acknowledgement, QuizAttempt
from ungxu.campaigns.tests.helpers import answers_for


def test_a_staff_member_reads_passes_and_acknowledges_through_the_pages(world, quiz_campaign):
    client = world.client("staff_a")
    assignment = quiz_campaign.assignments.get(person=world.person_a)
    home = client.get(reverse("campaigns:index")).content.decode()
    assert quiz_campaign.title in home and "Chưa xác nhận" in home

    version = current_versions(quiz_campaign)[0]
    page = client.get(reverse("campaigns:read", args=[assignment.pk, version.pk])).content.decode()
    assert "TCCN.5" in page  # the Code is shown clause by clause
    client.post(reverse("campaigns:read", args=[assignment.pk, version.pk]))

    quiz_url = reverse("campaigns:quiz", args=[assignment.pk])
    assert client.get(quiz_url).status_code == 200
    attempt = QuizAttempt.objects.get(assignment=assignment)
    data = {f"q-{qid}": options for qid, options in answers_for(attempt, right=True).items()}
    result = client.post(quiz_url, data).content.decode()
    assert "Đạt" in result and "Giải thích" in result

    ack_url = reverse("campaigns:acknowledge", args=[assignment.pk])
    response = client.post(ack_url, {"commit": "yes"}, REMOTE_ADDR="10.1.2.3")
    ack = Acknowledgement.objects.get()
    assert response.status_code == 302
    assert ack.ip == "10.1.2.3" and ack.quiz_score == 100.0
    client.post(ack_url, {"commit": "yes"})
    assert Acknowledgement.objects.count() == 1

    confirmation = client.get(response["Location"]).content.decode()
    assert "GIẤY XÁC NHẬN CAM KẾT" in confirmation and world.person_a.full_name in confirmation


def test_acknowledging_without_ticking_the_commitment_is_refused(world, campaign):
    client = world.client("staff_a")
    assignment = campaign.assignments.get(person=world.person_a)
    for version in current_versions(campaign):
        client.post(reverse("campaigns:read", args=[assignment.pk, version.pk]))
    client.post(reverse("campaigns:acknowledge", args=[assignment.pk]), {})
    assert not Acknowledgement.objects.exists()


def test_the_confirmation_downloads_as_a_pdf(world, campaign):
    client = world.client("staff_a")
    assignment = campaign.assignments.get(person=world.person_a)
    for version in current_versions(campaign):
        client.post(reverse("campaigns:read", args=[assignment.pk, version.pk]))
    response = client.post(
        reverse("campaigns:acknowledge", args=[assignment.pk]), {"commit": "yes"}
    )
    ack = Acknowledgement.objects.get()
    pdf = client.get(reverse("campaigns:confirmation_pdf", args=[assignment.pk, ack.pk]))
    assert response.status_code == 302
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_staff_cannot_open_someone_elses_task(world, campaign):
    other = campaign.assignments.get(person=world.person_a1)
    client = world.client("staff_a")
    assert client.get(reverse("campaigns:task", args=[other.pk])).status_code == 404
    assert (
        client.post(
            reverse("campaigns:acknowledge", args=[other.pk]), {"commit": "yes"}
        ).status_code
        == 404
    )
    assert client.get(reverse("campaigns:quiz", args=[other.pk])).status_code == 404


def test_the_home_page_tells_a_person_what_they_must_do(world, campaign):
    page = world.client("staff_a").get("/").content.decode()
    assert "Việc tôi cần làm" in page and campaign.title in page
    assert "Việc tôi cần làm" not in world.client("coordinator").get("/").content.decode()
