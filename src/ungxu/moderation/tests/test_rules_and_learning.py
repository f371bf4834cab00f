from django.urls import reverse

from ungxu.imports.testing import run_pending_tasks
from ungxu.moderation import learning, services
from ungxu.moderation.models import KeywordRule, ScreeningModel
from ungxu.moderation.screening import check

from .helpers import make_item

CLEAN = [
    "Cảm ơn Sở đã hỗ trợ bà con kịp thời",
    "Lịch tiêm phòng năm nay thế nào ạ",
    "Xin chúc mừng đơn vị đạt giải",
    "Thông tin rất hữu ích cho người dân",
    "Mong xã sớm sửa đường liên thôn",
    "Đã nhận được hỗ trợ giống cây trồng",
]
RUDE = [
    "mày ngu như bò",
    "đồ ngu, cút đi",
    "thằng mất dạy",
    "con mẹ mày ngu",
    "lũ ngu học",
    "đồ óc chó",
]


def test_an_organisation_block_rule_blocks_a_term_in_its_units_only(world):
    assert check("Dự án cầu Xóm Mới toàn bánh vẽ", world.subunit_a1).verdict == "allow"
    KeywordRule.objects.create(
        organisation=world.unit_a, term="bánh vẽ", kind="block", category="fake_news"
    )
    assert check("Dự án cầu Xóm Mới toàn bánh vẽ", world.subunit_a1).verdict == "block"
    assert check("Dự án cầu Xóm Mới toàn bánh vẽ", world.unit_b).verdict == "allow"


def test_an_allow_rule_silences_a_term_for_that_unit(world):
    text = "Bọn bắc kỳ ngu như chó"
    assert check(text, world.unit_a).verdict == "block"
    KeywordRule.objects.create(organisation=world.unit_a, term="ngu như chó", kind="allow")
    verdict = check(text, world.unit_a)
    assert "insult" not in verdict.categories


def test_the_rules_page_adds_a_rule_and_refuses_a_duplicate(world):
    client = world.client("moderator_a")
    data = {
        "rule-organisation": world.unit_a.pk,
        "rule-term": "bánh vẽ",
        "rule-kind": "review",
        "rule-category": "fake_news",
    }
    assert client.post(reverse("moderation:rules"), data).status_code == 302
    again = client.post(reverse("moderation:rules"), data)
    assert "đã có quy tắc cho từ khoá này" in again.content.decode()
    assert KeywordRule.objects.count() == 1


def decide_many(world):
    user = world.user("moderator_a")
    for n, text in enumerate(CLEAN * 2):
        services.decide(make_item(world.unit_a, f"{text} {n}"), user, categories=[], action="keep")
    for n, text in enumerate(RUDE * 2):
        services.decide(
            make_item(world.unit_a, f"{text} {n}"), user, categories=["insult"], action="hide"
        )


def test_decisions_retrain_a_candidate_compared_on_held_out_examples_then_promoted(
    world, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    decide_many(world)
    assert learning.retrain_now().startswith("Đã huấn luyện")
    candidate = ScreeningModel.objects.get()
    assert candidate.metrics["held_out"] == 4
    assert "insult" in candidate.metrics["candidate"]["per_class"]
    rows = learning.comparison(candidate)
    assert {r["label"] for r in rows} >= {"clean", "insult"}
    # Nothing changed: no new candidate.
    assert "bỏ qua" in learning.retrain_now()
    assert ScreeningModel.objects.count() == 1
    response = world.client("admin").post(
        reverse("moderation:model_decide", args=[candidate.pk]), {"promote": "1"}
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.state == "promoted"
    verdict = check("Cảm ơn Sở", world.unit_a)
    assert verdict.versions["model"] == candidate.version


def test_only_administrators_manage_models_and_the_retrain_task_runs(world, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    assert world.client("head_a").get(reverse("moderation:models")).status_code == 403
    client = world.client("admin")
    assert client.get(reverse("moderation:models")).status_code == 200
    assert client.post(reverse("moderation:models_retrain")).status_code == 302
    run_pending_tasks()
    # Too few labels: nothing trained, and the task says why instead of failing.
    assert not ScreeningModel.objects.exists()
