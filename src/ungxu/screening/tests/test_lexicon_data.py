"""Checks on the screening content: lexicons, allow list, teencode table and labelled corpus.

These tests read the data files directly (tomllib, json) so that a broken file is reported
with its name and entry, independent of how the engine loads it.
"""

from __future__ import annotations

import json
import tomllib
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from ungxu.screening.types import CATEGORIES as ENGINE_CATEGORIES
from ungxu.screening.types import TARGETS as ENGINE_TARGETS

DATA = Path(__file__).resolve().parents[1] / "data"
LEXICONS = DATA / "lexicons"
TEENCODE = DATA / "teencode.tsv"
CORPUS = Path(__file__).resolve().parents[4] / "corpus"

# The lexicon categories are the engine's own list minus `personal_data`, which a detector finds
# (no lexicon file); importing keeps this test in step with `types` instead of a second copy.
CATEGORIES = tuple(c for c in ENGINE_CATEGORIES if c != "personal_data")
ALL_LABELS = {"clean", *CATEGORIES, "personal_data"}
TARGETS = set(ENGINE_TARGETS)
TERM_KEYS = {
    "id",
    "term",
    "forms",
    "severity",
    "target",
    "reason",
    "unless_near",
    "only_near",
    "window",
    "fold",
    "category",
}
MINIMUM_ENTRIES = {
    "offensive": 60,
    "insult": 40,
    "discrimination": 40,
    "violence": 25,
    "hate": 15,
    "illegal_ads": 20,
    "fake_news": 20,
    "child_safety": 10,
    "account_security": 10,
}
# Words of legitimate criticism (domain.md §4): never a lexicon term.
CRITICISM = (
    "tham nhũng",
    "yếu kém",
    "vô trách nhiệm",
    "chậm trễ",
    "quan liêu",
    "hối lộ",
    "lãng phí",
)
# Expletive shorthand belongs to the lexicons, never to the teencode table.
EXPLETIVE_SHORTHAND = {
    "dm",
    "đm",
    "dcm",
    "đcm",
    "vl",
    "vcl",
    "vkl",
    "cc",
    "clgt",
    "cmm",
    "đkm",
    "dkm",
}


def fold(text: str) -> str:
    """Lower case, no diacritics, đ→d, single spaces: how a no-diacritics typist writes."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(bare.split())


@cache
def lexicon(category: str) -> dict[str, Any]:
    with (LEXICONS / f"{category}.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def allow_file() -> dict[str, Any]:
    with (LEXICONS / "allow.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def more_lexicon(category: str) -> dict[str, Any]:
    """`<category>_more.toml`: optional second file of a category (the loader reads every file)."""
    path = LEXICONS / f"{category}_more.toml"
    if not path.exists():
        return {"terms": []}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def all_entries() -> list[tuple[str, dict[str, Any]]]:
    return [
        (c, entry)
        for c in CATEGORIES
        for entry in [*lexicon(c)["terms"], *more_lexicon(c)["terms"]]
    ]


def surfaces(entry: dict[str, Any]) -> list[str]:
    return [entry["term"], *entry.get("forms", [])]


@cache
def teencode_rows() -> list[tuple[int, str]]:
    lines = TEENCODE.read_text(encoding="utf-8").splitlines()
    return [
        (n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")
    ]


@cache
def corpus(split: str) -> list[dict[str, Any]]:
    path = CORPUS / f"{split}.jsonl"
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# --- lexicons -----------------------------------------------------------------------------


def test_there_is_exactly_one_lexicon_file_per_category_plus_the_allow_list() -> None:
    names = {p.stem for p in LEXICONS.glob("*.toml")}
    # A category may have one second file, `<category>_more.toml` (same format).
    assert names - {f"{c}_more" for c in CATEGORIES} == {*CATEGORIES, "allow"}
    for category in CATEGORIES:
        if f"{category}_more" in names:
            assert more_lexicon(category)["lexicon"]["category"] == category


@pytest.mark.parametrize("category", CATEGORIES)
def test_each_lexicon_declares_its_own_category_and_a_description(category: str) -> None:
    header = lexicon(category)["lexicon"]
    assert header["category"] == category
    assert header["description"].strip()


@pytest.mark.parametrize("category", CATEGORIES)
def test_each_lexicon_has_the_promised_depth(category: str) -> None:
    assert len(lexicon(category)["terms"]) >= MINIMUM_ENTRIES[category]


def test_term_ids_are_unique_across_all_lexicons_and_prefixed_by_their_category() -> None:
    ids = Counter(entry["id"] for _, entry in all_entries())
    assert [i for i, n in ids.items() if n > 1] == []
    for category, entry in all_entries():
        assert entry["id"].startswith(f"{category}."), entry["id"]


def test_every_entry_uses_only_known_fields_with_valid_values() -> None:
    for category, entry in all_entries():
        where = entry.get("id", "?")
        assert set(entry) <= TERM_KEYS, (where, set(entry) - TERM_KEYS)
        assert isinstance(entry["term"], str) and entry["term"].strip(), where
        assert entry.get("category", category) == category, where
        severity = entry["severity"]
        assert isinstance(severity, int) and not isinstance(severity, bool), where
        assert 1 <= severity <= 4, where
        if "window" in entry:
            assert isinstance(entry["window"], int) and entry["window"] >= 1, where
        if "fold" in entry:
            assert isinstance(entry["fold"], bool), where
        if "reason" in entry:
            assert isinstance(entry["reason"], str) and entry["reason"].strip(), where
        for key in ("unless_near", "only_near", "forms"):
            values = entry.get(key, [])
            assert isinstance(values, list), (where, key)
            assert all(isinstance(v, str) and v.strip() for v in values), (where, key)


def test_targets_are_valid_and_every_discrimination_entry_names_one() -> None:
    for category, entry in all_entries():
        target = entry.get("target")
        if category == "discrimination":
            assert target in TARGETS, entry["id"]
        elif target is not None:
            assert category == "hate" and target in TARGETS, entry["id"]


def test_every_discrimination_target_is_covered() -> None:
    covered = {entry["target"] for entry in lexicon("discrimination")["terms"]}
    assert covered == TARGETS


def test_forms_are_normalized_lower_case_nfc_text_without_stray_spaces() -> None:
    for _, entry in all_entries():
        for form in surfaces(entry):
            assert form == unicodedata.normalize("NFC", form), (entry["id"], form)
            assert form == form.lower(), (entry["id"], form)
            assert form == " ".join(form.split()), (entry["id"], form)


def test_no_entry_repeats_a_form() -> None:
    for _, entry in all_entries():
        forms = [" ".join(f.split()) for f in surfaces(entry)]
        assert len(forms) == len(set(forms)), (entry["id"], Counter(forms).most_common(1))


def test_no_term_or_form_is_also_an_allow_phrase() -> None:
    # Exact comparison: an allow phrase may share the no-diacritics spelling of a term on
    # purpose ("cái lon" protects "cai lon" typed without diacritics, not "cái lồn").
    allowed = {" ".join(a["phrase"].split()) for a in allow_file()["allow"]}
    clashes = [
        (entry["id"], form)
        for _, entry in all_entries()
        for form in surfaces(entry)
        if " ".join(form.split()) in allowed
    ]
    assert clashes == []


def test_words_of_legitimate_criticism_are_in_no_lexicon() -> None:
    for _, entry in all_entries():
        for form in surfaces(entry):
            assert not any(word in form for word in CRITICISM), (entry["id"], form)


def test_no_unless_near_phrase_is_part_of_the_entrys_own_forms() -> None:
    # Context is compared without diacritics: "đổ xăng" next to "đồ xăng pha nhớt" would
    # switch the entry off for every one of its own matches.
    for _, entry in all_entries():
        for context in entry.get("unless_near", []):
            needle = f" {fold(context)} "
            for form in surfaces(entry):
                assert needle not in f" {fold(form)} ", (entry["id"], context, form)


# No-diacritics spellings shared by very common words (do/đồ/đỏ, la/là/lá, cho/chó, qua/quá,
# sau/sâu, may/mày/máy, moi/mọi/mới, de/để/dê, ca/cả/cá...). A one-word unless_near context
# with such a spelling would switch an entry off in ordinary sentences.
COLLIDING = frozenset(
    [
        "do",
        "la",
        "ma",
        "cho",
        "qua",
        "gia",
        "sau",
        "dan",
        "may",
        "moi",
        "de",
        "ca",
        "toi",
        "tui",
        "nay",
        "doi",
        "dung",
        "trung",
        "gio",
        "bo",
        "cua",
        "cam",
        "lon",
        "dau",
        "mua",
        "ga",
        "thi",
        "tong",
        "hoa",
        "lai",
        "dat",
        "giong",
        "trai",
        "chay",
        "cuoi",
        "tinh",
        "loai",
        "van",
        "tran",
        "co",
        "chet",
        "deo",
        "di",
        "ban",
        "bon",
        "ho",
        "hon",
        "luoi",
        "nam",
        "tao",
        "vo",
    ]
)


def test_unless_near_contexts_are_not_common_words_without_diacritics() -> None:
    for _, entry in all_entries():
        for context in entry.get("unless_near", []):
            assert fold(context) not in COLLIDING, (entry["id"], context)


def test_short_forms_do_not_end_in_gia_which_everyday_gia_words_match() -> None:
    # Without its tone mark "giả" (fake) is "gia": "tiền gia đình", "hàng gia dụng",
    # "trứng gia cầm". Two-syllable forms ending in "giả" would match those.
    for _, entry in all_entries():
        for form in surfaces(entry):
            words = form.split()
            assert not (len(words) <= 2 and words[-1] == "giả"), (entry["id"], form)


# --- allow list --------------------------------------------------------------------------


def test_the_allow_list_has_enough_distinct_phrases() -> None:
    phrases = [a["phrase"] for a in allow_file()["allow"]]
    assert len(phrases) >= 40
    assert all(isinstance(p, str) and p.strip() and p == p.lower() for p in phrases)
    assert len({fold(p) for p in phrases}) == len(phrases)


def test_reporting_contexts_name_valid_categories_and_a_window() -> None:
    blocks = allow_file()["reporting"]
    assert blocks
    for block in blocks:
        assert block["phrases"] and all(p.strip() for p in block["phrases"])
        assert set(block["categories"]) <= set(CATEGORIES)
        assert isinstance(block["window"], int) and block["window"] >= 1


def test_news_words_like_lua_dao_never_switch_off_scam_cues() -> None:
    # Scam ads boast "uy tín không lừa đảo": "lừa đảo" must not be a reporting context for them.
    for block in allow_file()["reporting"]:
        if {"illegal_ads", "account_security"} & set(block["categories"]):
            assert "lừa đảo" not in block["phrases"]


# --- teencode ----------------------------------------------------------------------------


def test_teencode_has_at_least_150_well_formed_lines() -> None:
    rows = teencode_rows()
    assert len(rows) >= 150
    for number, line in rows:
        parts = line.split("\t")
        assert len(parts) == 2, f"teencode.tsv dòng {number}: cần đúng một dấu TAB"
        short, expansion = parts
        assert short and " " not in short and short == short.lower(), number
        assert expansion.strip() == expansion and expansion, number
        assert expansion == expansion.lower(), number
        assert unicodedata.normalize("NFC", line) == line, number
        assert short != expansion, number


def test_teencode_shorthands_are_unique() -> None:
    shorts = Counter(line.split("\t")[0] for _, line in teencode_rows())
    assert [s for s, n in shorts.items() if n > 1] == []


def test_teencode_leaves_expletive_shorthand_to_the_lexicons() -> None:
    shorts = {line.split("\t")[0] for _, line in teencode_rows()}
    assert shorts.isdisjoint(EXPLETIVE_SHORTHAND)
    lexicon_forms = {fold(f) for _, e in all_entries() for f in surfaces(e)}
    assert {fold(s) for s in EXPLETIVE_SHORTHAND} <= lexicon_forms | {"dkm"}


def test_no_teencode_shorthand_occurs_as_a_word_in_lexicon_forms_or_allow_phrases() -> None:
    # The normalizer expands shorthand in text and forms alike, so a shorthand that is also a
    # real word ("bít" in "bưng bít") would silently change what a form or allow phrase means.
    shorts = {line.split("\t")[0] for _, line in teencode_rows()}
    phrases = [(e["id"], f) for _, e in all_entries() for f in surfaces(e)]
    phrases += [("allow", a["phrase"]) for a in allow_file()["allow"]]
    for owner, phrase in phrases:
        assert shorts.isdisjoint(phrase.split()), (owner, phrase)


# --- corpus ------------------------------------------------------------------------------


@pytest.mark.parametrize("split", ["train", "test"])
def test_corpus_lines_have_a_text_and_a_valid_label(split: str) -> None:
    rows = corpus(split)
    assert rows
    for number, row in enumerate(rows, 1):
        assert set(row) >= {"text", "label"}, (split, number)
        assert isinstance(row["text"], str) and row["text"].strip(), (split, number)
        assert row["label"] in ALL_LABELS, (split, number, row["label"])


@pytest.mark.parametrize("split", ["train", "test"])
def test_corpus_lines_name_their_source_and_valid_extra_categories(split: str) -> None:
    rows = corpus(split)
    assert all(isinstance(r.get("group"), str) and r["group"] for r in rows)
    for row in rows:
        also = row.get("also", [])
        assert set(also) <= ALL_LABELS - {"clean"} and row["label"] not in also, row


def test_a_source_never_straddles_the_split() -> None:
    assert not {r["group"] for r in corpus("train")} & {r["group"] for r in corpus("test")}


def test_every_label_is_present_in_both_splits() -> None:
    expected = {"clean", *CATEGORIES}
    assert {r["label"] for r in corpus("train")} >= expected
    assert {r["label"] for r in corpus("test")} >= expected


def test_train_and_test_share_no_normalized_text() -> None:
    train = {fold(r["text"]) for r in corpus("train")}
    test = {fold(r["text"]) for r in corpus("test")}
    assert train.isdisjoint(test)


def test_the_corpus_has_the_intended_size_and_split() -> None:
    train, test = len(corpus("train")), len(corpus("test"))
    assert 15_000 <= train + test <= 30_000
    assert 0.10 <= test / (train + test) <= 0.22


def test_no_text_carries_two_labels() -> None:
    labels: dict[str, set[str]] = {}
    for row in corpus("train") + corpus("test"):
        labels.setdefault(fold(row["text"]), set()).add(row["label"])
    assert [t for t, ls in labels.items() if len(ls) > 1] == []


# --- the data at work: lexicon findings of the real engine on everyday sentences ------------

INNOCENT = [
    "con chó nhà tôi bị ốm mấy hôm nay",
    "cho toi hoi cac ban buoi sang nay co ai di cho khong",
    "giết mổ gia súc tập trung để bảo đảm an toàn thực phẩm",
    "xã phát động diệt chuột bảo vệ mùa màng",
    "con bò sữa nhà tôi mỗi ngày cho 20 lít sữa",
    "người dân tộc Mường ở Hòa Bình có nhiều lễ hội đặc sắc",
    "đồng bào dân tộc thiểu số được hỗ trợ giống cà phê",
    "thời Pháp thuộc chia nước ta thành Bắc Kỳ, Trung Kỳ và Nam Kỳ",
    "báo cáo đánh giá trung kỳ của dự án đã gửi lên sở",
    "hôm qua ngồi chém gió với hội bạn cả buổi tối",
    "đánh chết tôi cũng không tin là nó bỏ học",
    "hạt óc chó rất tốt cho trí não của trẻ",
    "mua trứng cút ở đâu rẻ vậy các bạn",
    "quyết định này không hợp lý, đề nghị xem xét lại",
    "đề nghị thanh tra làm rõ dấu hiệu tham nhũng trong dự án làm đường",
    "công an cảnh báo thủ đoạn lừa đảo yêu cầu xác minh tài khoản",
    "paraquat đã bị cấm sử dụng, bà con tuyệt đối không mua",
    "ba con dan toc thieu so duoc ho tro giong",
    "con cac ban nho di hoc dung gio nhe",
    "ban bac ky hoach truoc khi lam",
    "Súc vật nuôi trong nhà cần được tiêm phòng đầy đủ",
    "lãi suất cắt cổ của app vay tiền khiến nhiều người khốn đốn, công an cảnh báo",
    "người đồng tính cũng có quyền được tôn trọng",
    "hộ nghèo được hỗ trợ xây nhà đại đoàn kết",
    # typed without marks: "cá độ bóng đá", "mất ngủ"; a medical "não … cho trẻ"; a fairy tale
    "ca do bong da la vi pham phap luat, ba con khong nen tham gia",
    "bai thuoc nam chua mat ngu cho nguoi gia",
    "bệnh viện nhi điều trị u não cho trẻ miễn phí",
    "con mụ phù thuỷ trong truyện cổ tích bị trừng phạt",
]

OFFENDING = [
    ("đm thằng admin ngu như chó", "offensive"),
    ("mày là đồ óc chó", "insult"),
    ("bac ki ngu nhu bo", "discrimination"),
    ("dân thanh hóa toàn bọn ăn cắp", "discrimination"),
    ("đồ bóng lộ tránh xa ra", "discrimination"),
    ("thằng đó đúng là não chó", "insult"),
    ("con mụ kia cút đi", "insult"),
    ("cho thuê phòng trọ, không nhận người nghệ an", "discrimination"),
    ("tao biết nhà mày ở đâu rồi, liệu hồn", "violence"),
    ("giết hết bọn chúng đi", "hate"),
    ("lá đu đủ chữa khỏi ung thư, bác sĩ không muốn bạn biết", "fake_news"),
    ("bán mật gấu nguyên chất, ib em", "illegal_ads"),
    ("em gửi ảnh riêng tư cho anh đi, đừng nói với bố mẹ", "child_safety"),
    ("tài khoản của bạn sẽ bị khóa, xác minh tài khoản ngay", "account_security"),
]


def rule_findings(text: str) -> list[Any]:
    """Findings of the readable rules (lexicons and cue patterns), not of the classifier."""
    from ungxu.screening import screen

    return [f for f in screen(text).findings if f.detector != "classifier"]


@pytest.mark.parametrize("text", INNOCENT)
def test_innocent_uses_of_sensitive_words_raise_no_lexicon_finding(text: str) -> None:
    # A match next to a reporting context may remain at severity 1 (downgraded, verdict allow).
    flagged = [
        (f.category, f.text, f.rule)
        for f in rule_findings(text)
        if f.detector == "lexicon" and f.severity >= 2
    ]
    assert flagged == []


@pytest.mark.parametrize(("text", "category"), OFFENDING)
def test_each_category_is_found_by_its_lexicon(text: str, category: str) -> None:
    assert category in {f.category for f in rule_findings(text)}
