"""Per-organisation policies: validation, category overrides, extra and allowed terms."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ungxu.screening import Policy, Verdict

Check = Callable[..., Verdict]


def test_a_policy_round_trips_through_json_shaped_dicts() -> None:
    data = {
        "name": "Sở NN",
        "actions": {"insult": "block", "fake_news": "ignore"},
        "extra_terms": [{"term": "cò đất", "category": "insult", "severity": 3, "target": None}],
        "allow_terms": ["ngu ngơ"],
    }
    policy = Policy.from_dict(data)
    assert Policy.from_dict(policy.to_dict()) == policy


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"actions": {"insult": "delete"}}, "hành động"),
        ({"actions": {"spam": "block"}}, "'spam'"),
        ({"extra_terms": [{"term": "", "category": "insult"}]}, "'term'"),
        ({"extra_terms": [{"term": "x", "category": "nope"}]}, "'category'"),
        ({"extra_terms": [{"term": "x", "category": "insult", "severity": 9}]}, "'severity'"),
        ({"extra_terms": [{"term": "x", "category": "insult", "target": "moon"}]}, "'target'"),
        ({"allow_terms": "abc"}, "'allow_terms'"),
        ({"colour": "red"}, "colour"),
        ("not a dict", "đối tượng JSON"),
    ],
)
def test_from_dict_rejects_bad_fields_naming_them(data: object, field: str) -> None:
    with pytest.raises(ValueError, match=field):
        Policy.from_dict(data)


def test_ignore_drops_a_category(check: Check) -> None:
    policy = Policy.from_dict({"actions": {"insult": "ignore"}})
    verdict = check("đồ súc vật", policy=policy)
    assert verdict.verdict == "allow"
    assert verdict.findings == ()


def test_review_never_blocks(check: Check) -> None:
    policy = Policy.from_dict({"actions": {"insult": "review"}})
    assert check("đồ súc vật", policy=policy).verdict == "review"


def test_block_blocks_from_the_review_threshold(check: Check) -> None:
    policy = Policy.from_dict({"actions": {"insult": "block"}})
    assert check("mày ngu", policy=policy).verdict == "block"
    assert check("mày ngu").verdict == "review"


def test_extra_terms_are_matched_without_touching_the_shared_lexicon(check: Check) -> None:
    policy = Policy.from_dict(
        {"extra_terms": [{"term": "cò đất", "category": "insult", "severity": 3}]}
    )
    (finding,) = check("bọn co dat lại đến", policy=policy).findings
    assert (finding.detector, finding.text, finding.severity) == ("policy", "co dat", 3)
    assert check("bọn cò đất lại đến").findings == ()


def test_allow_terms_drop_matches_inside_them(check: Check) -> None:
    policy = Policy.from_dict({"allow_terms": ["giết thời gian"]})
    assert check("đọc sách giết thời gian", policy=policy).verdict == "allow"
    assert check("đọc sách giết thời gian").verdict == "block"


def test_the_policy_automaton_is_built_once_and_reused(check: Check) -> None:
    policy = Policy.from_dict({"extra_terms": [{"term": "cò đất", "category": "insult"}]})
    check("cò đất", policy=policy)
    built = dict(policy._indexes)
    check("cò đất nữa", policy=policy)
    assert policy._indexes == built
