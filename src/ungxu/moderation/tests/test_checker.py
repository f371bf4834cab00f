from django.urls import reverse

from ungxu.moderation.models import InboxItem

INSULT = "Bọn bắc kỳ ngu như chó"


def test_any_signed_in_person_gets_the_checker_page(world):
    response = world.client("staff_a").get(reverse("moderation:checker"))
    assert response.status_code == 200
    assert (
        'hx-trigger="keyup changed delay:400ms from:#id_text, submit"' in response.content.decode()
    )


def test_anonymous_visitors_are_sent_to_sign_in(world):
    response = world.client(None).get(reverse("moderation:checker"))
    assert response.status_code == 302


def test_typing_returns_the_verdict_with_each_finding_highlighted_and_stores_nothing(world):
    client = world.client("staff_a")
    response = client.post(reverse("moderation:checker"), {"text": INSULT}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body  # the partial only
    assert 'data-verdict="block"' in body
    assert '<mark class="finding" data-categories="discrimination' in body
    assert ">Bọn bắc kỳ" in body
    assert "Gợi ý:" in body and "Căn cứ:" in body
    assert InboxItem.objects.count() == 0


def test_a_clean_draft_is_allowed(world):
    response = world.client("staff_a").post(
        reverse("moderation:checker"),
        {"text": "Sở thông báo lịch tiêm phòng dại cho chó, mèo tại các xã."},
        HTTP_HX_REQUEST="true",
    )
    assert 'data-verdict="allow"' in response.content.decode()


def test_submitting_a_draft_puts_it_in_the_unit_inbox_once(world):
    client = world.client("staff_a")
    for _ in range(2):
        client.post(reverse("moderation:submit_draft"), {"text": INSULT})
    item = InboxItem.objects.get()
    assert item.organisation == world.unit_a
    assert item.platform == "draft" and item.verdict == "block"


def test_the_screening_api_answers_the_same_verdict(world):
    response = world.client("staff_a").post(
        "/api/v1/screen", {"text": INSULT}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["verdict"] == "block"


def test_the_check_api_applies_the_callers_unit_rules_and_stores_nothing(world):
    from ungxu.moderation.models import KeywordRule

    KeywordRule.objects.create(
        organisation=world.unit_a, term="bánh vẽ", kind="block", category="fake_news"
    )
    client = world.client("staff_a")
    response = client.post(
        "/api/v1/check", {"text": "Toàn bánh vẽ"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["verdict"] == "block"
    assert InboxItem.objects.count() == 0


def test_the_inbox_api_lists_only_moderated_units(world):
    from .helpers import make_item

    make_item(world.unit_a, "Bọn bắc kỳ ngu như chó")
    make_item(world.unit_b, "Cảm ơn Sở.")
    response = world.client("moderator_a").get("/api/v1/inbox-items/", {"verdict": "block"})
    assert response.status_code == 200
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    assert [r["organisation"] for r in rows] == ["PA"]
    assert world.client("staff_a").get("/api/v1/inbox-items/").status_code == 403
