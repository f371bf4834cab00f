"""Findings and verdicts: decisions, citations by date, merging, versions, determinism."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from ungxu.screening import ENGINE_VERSION, Verdict, screen

Check = Callable[..., Verdict]


def test_clean_text_is_allowed_with_no_findings(check: Check) -> None:
    verdict = check("Chúc mừng năm mới cả nhà, chúc mọi người sức khoẻ!")
    assert verdict.verdict == "allow"
    assert verdict.findings == ()


@pytest.mark.parametrize(
    "text",
    [
        "Quyết định này không hợp lý, đề nghị xem xét lại.",
        "Thủ tục cấp sổ đỏ ở xã quá chậm, cán bộ hẹn đi hẹn lại ba lần.",
        "Đề nghị Sở làm rõ vì sao dự án chậm tiến độ, người dân rất bức xúc.",
        "Chính sách mới chưa sát thực tế, mong lãnh đạo lắng nghe ý kiến người dân.",
    ],
)
def test_civil_complaints_and_criticism_pass(text: str) -> None:
    assert screen(text, classifier=False).verdict == "allow"


@pytest.mark.parametrize(
    "text",
    ["con chó nhà tôi bị ốm", "giết mổ gia súc", "diệt chuột", "bò sữa", "người dân tộc Mường"],
)
def test_innocent_uses_of_sensitive_words_pass(text: str) -> None:
    assert screen(text, classifier=False).verdict == "allow"


def test_severity_at_review_threshold_asks_for_review(check: Check) -> None:
    assert check("mày ngu").verdict == "review"


def test_severity_at_block_threshold_blocks(check: Check) -> None:
    assert check("đồ súc vật").verdict == "block"


def test_a_finding_carries_reason_action_and_code_citation(check: Check) -> None:
    (finding,) = check("đồ súc vật", on=dt.date(2026, 5, 1)).findings
    assert finding.category == "insult"
    assert finding.detector == "lexicon"
    assert finding.reason and finding.action
    keys = [c.key for c in finding.citations]
    assert "TCCN.6" in keys
    assert all(c.kind in {"code", "law"} for c in finding.citations)


def test_citations_follow_the_law_in_force_on_the_date(check: Check) -> None:
    before = {c.key for c in check("đồ súc vật", on=dt.date(2026, 5, 1)).findings[0].citations}
    after = {c.key for c in check("đồ súc vật", on=dt.date(2026, 8, 1)).findings[0].citations}
    assert "ND15.2020.D101" in before and "ND174.2026.D95" not in before
    assert "ND174.2026.D95" in after and "ND15.2020.D101" not in after
    assert "LANM2018.D16.K3" in before and "LANM2025" in after


def test_personal_data_cites_the_data_protection_rule_in_force() -> None:
    def keys(day: dt.date) -> set[str]:
        (f,) = screen("CCCD 001203012345", on=day, classifier=False).findings
        return {c.key for c in f.citations}

    assert "ND13.2023" in keys(dt.date(2025, 6, 1))
    assert "LBVDLCN2025" in keys(dt.date(2026, 2, 1))
    assert "ND13.2023" not in keys(dt.date(2026, 2, 1))


def test_overlapping_findings_of_one_category_merge_into_the_strongest(check: Check) -> None:
    # "ngu" (severity 2) lies inside "ngu ngốc" (same term, longer form)
    findings = check("thằng đó ngu ngốc").findings
    assert [(f.text, f.category) for f in findings] == [("ngu ngốc", "insult")]


def test_findings_are_sorted_by_position(check: Check) -> None:
    verdict = check("đồ súc vật, bọn bắc kỳ, mày ngu")
    starts = [f.start for f in verdict.findings]
    assert starts == sorted(starts)
    assert verdict.categories == ("discrimination", "insult")


def test_versions_name_engine_lexicon_and_model(check: Check) -> None:
    versions = check("xin chào").versions
    assert versions["engine"] == ENGINE_VERSION
    assert len(versions["lexicon"]) == 12
    assert versions["model"] == "none"


def test_the_fixture_data_has_its_own_lexicon_version(check: Check) -> None:
    assert check("a").versions["lexicon"] != screen("a", classifier=False).versions["lexicon"]


def test_same_input_gives_the_same_json(check: Check) -> None:
    text = "Đ.M thằng chó, gọi 0912345678, vào bit.ly/abc"
    day = dt.date(2026, 1, 15)
    assert check(text, on=day).to_dict() == check(text, on=day).to_dict()


def test_to_dict_has_the_documented_shape(check: Check) -> None:
    data = check("đồ súc vật").to_dict()
    assert set(data) == {"verdict", "findings", "categories", "versions"}
    assert set(data["findings"][0]) == {
        "category",
        "target",
        "severity",
        "start",
        "end",
        "text",
        "detector",
        "reason",
        "citations",
        "action",
        "rule",
    }
    assert set(data["findings"][0]["citations"][0]) == {"key", "title", "kind"}


def test_screen_rejects_bytes_with_a_vietnamese_message() -> None:
    with pytest.raises(TypeError, match="văn bản kiểu str"):
        screen(b"abc", classifier=False)  # type: ignore[arg-type]


class _VersionOnlyModel:
    """The engine only reads `.version`; the classifier detector ignores foreign objects."""

    version = "test-model-7"


def test_it_reports_the_version_of_the_model_it_was_given(check: Check) -> None:
    model = _VersionOnlyModel()
    assert screen("xin chào", model=model).versions["model"] == "test-model-7"
    assert screen("xin chào", model=model, classifier=False).versions["model"] == "none"


def test_the_shipped_model_is_used_when_present() -> None:
    from ungxu.screening.engine import default_model

    model = default_model()
    expected = model.version if model is not None else "none"
    assert screen("xin chào").versions["model"] == expected


def test_today_is_kept_for_the_day_and_renewed_after_it() -> None:
    import datetime as dt

    from ungxu.screening import engine

    engine._day = (0.0, 1.0, dt.date(2000, 1, 1))  # a day long past
    before = dt.date.today()
    got = engine._today()
    assert got in {before, dt.date.today()}
    start, end, day = engine._day
    assert day == got and start <= dt.datetime.now().timestamp() < end
    assert 23 * 3600 <= end - start <= 25 * 3600
