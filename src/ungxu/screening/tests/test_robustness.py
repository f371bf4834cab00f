"""Bad and unusual input: a correct verdict quickly, never a crash."""

from __future__ import annotations

import time

import pytest

from ungxu.screening import screen


@pytest.mark.parametrize(
    "text", ["", " ", "\n\t  \n", "\u200b\u200b", "😀😀👍🏽🇻🇳", "ゆっくり 中文 한국어 עברית"]
)
def test_empty_whitespace_emoji_and_other_scripts_are_allowed(text: str) -> None:
    verdict = screen(text, classifier=False)
    assert verdict.verdict == "allow"
    assert verdict.findings == ()


def test_mixed_scripts_with_a_violation_still_point_at_it() -> None:
    text = "中文 сhó 😀 số CCCD 001203012345 ok"
    verdict = screen(text, classifier=False)
    assert verdict.verdict == "block"
    assert any(f.text == "001203012345" for f in verdict.findings)


ADVERSARIAL_UNITS = [
    "a" * 50 + " ",  # long words
    "1" * 40 + " ",  # long digit runs
    "a.b.c.d.e.f.g.h.",  # dotted letters
    "@" * 30 + "a",  # e-mail-like noise
    "www." + "a-" * 40,  # link-like noise
    "mật khẩu là ",
    "ngu ",
    "n g u ",
    "số 1 ngõ 2" + " " * 5000,  # space runs after a house number
    "12" + " " * 5000 + ",",
    "mã OTP" + " " * 5000,  # space runs after an OTP cue
    "mật khẩu" + " " * 5000,
    "bé Lan 8 tuổi trường tiểu học" + " A" * 2000,
]


def test_a_megabyte_of_adversarial_text_is_screened_in_linear_time() -> None:
    share = 1_000_000 // len(ADVERSARIAL_UNITS)
    text = "".join((unit * (share // len(unit) + 1))[:share] for unit in ADVERSARIAL_UNITS)
    started = time.process_time()
    verdict = screen(text, classifier=False)
    elapsed = time.process_time() - started
    assert verdict.verdict in {"allow", "review", "block"}
    assert all(text[f.start : f.end] == f.text for f in verdict.findings)
    assert elapsed < 20, f"{elapsed:.1f}s"
