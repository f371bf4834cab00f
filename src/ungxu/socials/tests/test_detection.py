"""Impersonation detection against stored official accounts, with a table written by us of
true look-alikes (must be found, against the right account) and innocent near-names (must not)."""

from __future__ import annotations

import pytest

from ungxu.socials.detection import detect, parse_candidates
from ungxu.socials.models import OfficialAccount
from ungxu.socials.tests.factories import make_account

LOOKALIKES = [
    ("So Nong Nghiep va Moi Truong Ninh Binh", "snn"),  # diacritics dropped
    ("Sở Nông Nghiệp & Môi Trường Ninh Bình - Fanpage chính thức", "snn"),  # decorations
    ("S0 N0ng Nghiep Ninh Binh", "snn"),  # digits for letters, short form
    ("@sonnmt.ninhbinh.official", "snn"),  # dotted handle with "official"
    ("Cong An Xa Yen Khanh 24h", "ca"),
    ("Công an Yên Khánh", "ca"),  # shortened name
]
INNOCENT = [
    "Sở Nông nghiệp và Môi trường tỉnh Thanh Hóa",  # another province's department
    "Hội Nông dân tỉnh Ninh Bình",
    "Trường THCS Yên Khánh",
    "Nông sản sạch Ninh Bình",
    "https://www.facebook.com/sonnmtninhbinh",  # the official page itself
]


@pytest.fixture
def officials(world) -> dict[str, OfficialAccount]:
    return {
        "snn": make_account(
            world.unit_a,
            name="Sở Nông nghiệp và Môi trường tỉnh Ninh Bình",
            url="https://www.facebook.com/sonnmtninhbinh",
        ),
        "ca": make_account(
            world.unit_b,
            name="Công an xã Yên Khánh",
            url="https://www.facebook.com/conganxayenkhanh",
        ),
    }


@pytest.mark.parametrize(("candidate", "target"), LOOKALIKES)
def test_a_true_lookalike_is_found_against_the_account_it_imitates(officials, candidate, target):
    findings = detect(parse_candidates(candidate), OfficialAccount.objects.all())
    assert findings, candidate
    assert findings[0].official == officials[target]
    assert findings[0].match.reasons


@pytest.mark.parametrize("candidate", INNOCENT)
def test_an_innocent_near_name_is_not_reported(officials, candidate):
    assert detect(parse_candidates(candidate), OfficialAccount.objects.all()) == []


def test_pasted_lines_are_read_as_names_addresses_or_both():
    parsed = parse_candidates("Trang A\n\nhttps://facebook.com/trang.a\nTrang B | @trangb\tx")
    assert [(c.name, c.handle) for c in parsed] == [
        ("Trang A", ""),
        ("https://facebook.com/trang.a", "https://facebook.com/trang.a"),
        ("Trang B", "@trangb"),
    ]
    assert parsed[1].platform == "facebook_page"
