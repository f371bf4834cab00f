"""The engine's data files (Code clauses, legal references, categories) and their loading."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from ungxu.screening import DataError, clear_caches, screen
from ungxu.screening.citations import load_catalog
from ungxu.screening.data_loading import PACKAGE_DATA, load_term_file
from ungxu.screening.resources import build_resources, default_resources
from ungxu.screening.types import CATEGORIES

CODE_KEYS = [
    "CHUNG.1",
    "CHUNG.2",
    "CHUNG.3",
    "CHUNG.4",
    *(f"TCCN.{i}" for i in range(1, 9)),
    "CBCC.1",
    "CBCC.2",
    "CBCC.3",
    *(f"NCC.{i}" for i in range(1, 6)),
]


def test_the_code_lists_every_clause_of_the_domain_notes() -> None:
    catalog = load_catalog(PACKAGE_DATA)
    for key in CODE_KEYS:
        clause = catalog.clauses[key]
        assert clause.title and clause.summary
    assert any(k.startswith("CQNN.") for k in catalog.clauses)


def test_every_category_has_vietnamese_texts_and_sane_thresholds() -> None:
    catalog = load_catalog(PACKAGE_DATA)
    assert set(catalog.categories) == set(CATEGORIES)
    for info in catalog.categories.values():
        assert info.name and info.reason and info.action and info.code_keys
        assert 1 <= info.review_at <= info.block_at <= 5


@pytest.mark.parametrize(
    ("key", "day", "in_force"),
    [
        ("LANM2018.D16.K3", dt.date(2019, 1, 1), True),
        ("LANM2018.D16.K3", dt.date(2026, 6, 30), True),
        ("LANM2018.D16.K3", dt.date(2026, 7, 1), False),
        ("LANM2025", dt.date(2026, 7, 1), True),
        ("ND15.2020.D101", dt.date(2026, 7, 1), False),
        ("ND174.2026.D95", dt.date(2026, 6, 30), False),
        ("ND13.2023", dt.date(2026, 1, 1), False),
        ("LBVDLCN2025", dt.date(2026, 1, 1), True),
        ("ND72.2013.D5", dt.date(2024, 12, 25), False),
        ("ND147.2024", dt.date(2024, 12, 25), True),
        ("BLHS.D288", dt.date(2030, 1, 1), True),
    ],
)
def test_legal_references_carry_their_in_force_dates(
    key: str, day: dt.date, in_force: bool
) -> None:
    assert load_catalog(PACKAGE_DATA).refs[key].in_force(day) is in_force


def test_a_bad_lexicon_entry_is_reported_with_file_entry_and_field(tmp_path: Path) -> None:
    path = tmp_path / "insult.toml"
    path.write_text(
        '[lexicon]\ncategory = "insult"\n[[terms]]\nid = "x"\nterm = "a"\nseverity = 7\n',
        encoding="utf-8",
    )
    with pytest.raises(
        DataError, match=r"insult.toml, mục \[\[terms\]\] thứ 1 \(id='x'\).*severity"
    ):
        load_term_file(path)


def test_a_duplicate_term_id_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "hate.toml"
    entry = '[[terms]]\nid = "dup"\nterm = "a"\n'
    path.write_text('[lexicon]\ncategory = "hate"\n' + entry + entry, encoding="utf-8")
    with pytest.raises(DataError, match="bị trùng"):
        load_term_file(path)


def test_a_toml_syntax_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "hate.toml"
    path.write_text("[[terms]\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"hate\.toml"):
        load_term_file(path)


def test_an_administrator_can_override_data_with_the_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    override = tmp_path / "data"
    override.mkdir()
    text = (PACKAGE_DATA / "categories.toml").read_text(encoding="utf-8")
    (override / "categories.toml").write_text(
        text.replace('name = "Lộ dữ liệu cá nhân"', 'name = "Dữ liệu cá nhân (sửa)"'),
        encoding="utf-8",
    )
    shipped_version = default_resources().data_version
    monkeypatch.setenv("UNGXU_SCREENING_DATA", str(override))
    try:
        assert default_resources().data_version == shipped_version  # read once, until cleared
        clear_caches()
        resources = default_resources()
        assert resources.catalog.category("personal_data").name == "Dữ liệu cá nhân (sửa)"
        assert resources.data_version != shipped_version
        assert screen("CCCD 001203012345", classifier=False).verdict == "block"
    finally:
        monkeypatch.delenv("UNGXU_SCREENING_DATA")
        clear_caches()


def test_a_missing_override_directory_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNGXU_SCREENING_DATA", "/nonexistent/ungxu-data")
    clear_caches()
    try:
        with pytest.raises(DataError, match="UNGXU_SCREENING_DATA"):
            default_resources()
    finally:
        monkeypatch.delenv("UNGXU_SCREENING_DATA")
        clear_caches()


def test_a_category_citing_an_unknown_clause_is_rejected(tmp_path: Path) -> None:
    for name in ("code_of_conduct.toml", "legal_refs.toml"):
        shutil.copy(PACKAGE_DATA / name, tmp_path / name)
    (tmp_path / "categories.toml").write_text(
        '[categories.hate]\nname = "x"\nreason = "x"\naction = "x"\ncode_keys = ["TCCN.99"]\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"TCCN\.99"):
        build_resources(tmp_path)
