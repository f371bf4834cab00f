"""Shared secrets: passwords and one-time codes written into a post or comment.

Read on the lower-cased, diacritic-free copy of the original text (same length), so
`Mật khẩu là abc123`, `mat khau: abc123`, `mk: abc123`, `pass = ...`, `OTP 123456` and
`mã xác thực của bạn là 123456` all match. The finding covers the cue and the secret.

Speed: the cue words are gate words of the shared automaton pass, so the patterns are tried
only where a cue starts (most comments have none), and the OTP pattern not at all when no digit
follows its cue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ungxu.screening.detectors.base import Resources
from ungxu.screening.normalize import NormalizedText
from ungxu.screening.registry import register
from ungxu.screening.types import Hit

CATEGORY = "account_security"
# Whole-word gates on `padded_words(doc)`: most comments mention neither.
_PASSWORD_GATE = frozenset(
    (" mat khau ", " matkhau ", " mk ", " pass ", " password ", " passwd ", " pw ", " pin ")
)
_OTP_GATE = frozenset((" ma otp ", " otp ", " ma xac ", " xac thuc", " ma kich hoat "))
_ANY_GATE = _PASSWORD_GATE | _OTP_GATE
_DIGIT_RE = re.compile(r"\d")
_PASSWORD_RE = re.compile(
    r"(?<![^\W_])(?:mat\s*khau|mk|pass(?:word|wd)?|pw|ma\s*pin|pin)"
    # up to six words between the cue and "là"/":" ("mật khẩu đăng nhập mb bank của em là …")
    r"(?:\s+[^\W_]{1,12}){0,6}?"
    r"\s*(?:\bla\b|:|=|-)\s*(?P<secret>[^\s,;]{4,64})"
)
_OTP_RE = re.compile(
    r"(?<![^\W_])(?:ma\s*(?:otp|xac\s*thuc|xac\s*nhan|xac\s*minh|kich\s*hoat)|otp|xac\s*thuc)"
    r"(?:\s+[^\W_]{1,12}){0,6}?"
    # the code: 4–8 digits, or a token with a digit ("hanh900519")
    r"\s*(?:(?:\bla\b|:|=|-)\s*)?(?P<secret>\d(?:[ .\-]?\d){3,7}(?![\w])|(?=[^\s,;]*\d)[^\s,;]{4,64})"
)
# Words that follow "mật khẩu là" in advice, not in a leak ("mật khẩu là gì", "… là bí mật").
_NOT_SECRETS = frozenset(
    {
        "gi",
        "bi",
        "mat",
        "cua",
        "khong",
        "rat",
        "phai",
        "can",
        "nen",
        "thong",
        "tin",
        "nhung",
        "manh",
        "yeu",
        "dai",
        "ngan",
        "quan",
        "trong",
        "dung",
        "sai",
        "ca",
        "nhan",
        "mot",
        "so",
    }
)


def _matches(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    out: list[re.Match[str]] = []
    end = -1
    for start in starts:
        if start < end:
            continue
        m = pattern.match(text, start)
        if m is not None:
            out.append(m)
            end = m.end()
    return out


@register
class CredentialsDetector:
    name = "credentials"

    def gate_words(self, patterns: Mapping[str, Mapping[str, Any]]) -> Iterable[str]:
        return (*_PASSWORD_GATE, *_OTP_GATE)

    def detect(self, doc: NormalizedText, resources: Resources) -> Iterable[Hit]:
        # A cue " mk " at padded[i] is the word starting at folded[i] (found by the shared
        # automaton pass); the regexes are only tried there (`.match`), never scanned over the
        # whole text, and most comments have no cue at all.
        if not resources.gate_positions(doc, _ANY_GATE):
            return []
        original = doc.original
        folded = doc.folded
        passwords = resources.gate_positions(doc, _PASSWORD_GATE)
        otps = resources.gate_positions(doc, _OTP_GATE)
        # A one-time code holds a digit: "mã xác thực" in a text without one is only talk
        # about codes, and the OTP pattern (costly when it fails) need not be tried.
        if otps and _DIGIT_RE.search(folded, otps[0]) is None:
            otps = []
        # Matched on the normalized text (so "m*t k.h.ẩ.u" still counts), mapped back to the
        # original; the secret itself is judged on the original characters.
        hits: list[Hit] = []
        for m in _matches(_PASSWORD_RE, folded, passwords):
            secret = m.group("secret").strip(".!?")
            if secret in _NOT_SECRETS or not secret:
                continue
            a, b = doc.to_original(m.start("secret"), m.end("secret"))
            raw = original[a:b]
            # A secret is not plain prose: it needs a digit, a symbol or mixed case.
            if raw.isalpha() and (raw.islower() or raw.isupper()) and len(raw) < 8:
                continue
            start, end = doc.to_original(m.start(), m.end())
            hits.append(
                Hit(
                    CATEGORY,
                    start,
                    end,
                    3,
                    "credentials.password",
                    reason="Nội dung để lộ mật khẩu.",
                )
            )
        for m in _matches(_OTP_RE, folded, otps):
            start, end = doc.to_original(m.start(), m.end())
            hits.append(
                Hit(
                    CATEGORY,
                    start,
                    end,
                    3,
                    "credentials.otp",
                    reason="Nội dung để lộ mã OTP, mã xác thực.",
                )
            )
        return hits
