"""Shared secrets: passwords and one-time codes written into a post or comment.

Read on the lower-cased, diacritic-free copy of the original text (same length), so
`Mật khẩu là abc123`, `mat khau: abc123`, `mk: abc123`, `pass = ...`, `OTP 123456` and
`mã xác thực của bạn là 123456` all match. The finding covers the cue and the secret.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ungxu.screening.detectors.base import Resources
from ungxu.screening.normalize import NormalizedText
from ungxu.screening.registry import register
from ungxu.screening.types import Hit

CATEGORY = "account_security"
_GATE_WORDS = ("khau", "mk", "pass", "pw", "otp", "xac", "pin")
_GATE_RE = re.compile(r"mat\s*khau|\bmk\b|pass|\bpw\b|otp|xac\s*(?:thuc|nhan|minh)|\bpin\b")
_PASSWORD_RE = re.compile(
    r"(?<![^\W_])(?:mat\s*khau|mk|pass(?:word)?|pw|ma\s*pin|pin)"
    # up to four words between the cue and "là"/":" ("mật khẩu mb bank của mình là …")
    r"(?:\s+[^\W_]{1,12}){0,4}?"
    r"\s*(?:\bla\b|:|=|-)\s*(?P<secret>[^\s,;]{4,64})"
)
_OTP_RE = re.compile(
    r"(?<![^\W_])(?:ma\s*)?(?:otp|xac\s*thuc|xac\s*nhan|xac\s*minh)"
    r"(?:\s+(?:cua\s+\w+|la|gui|ve|moi|vua\s+nhan))*"
    r"\s*(?:la|:|=|-)?\s*(?P<secret>\d(?:[ .\-]?\d){3,7})(?!\d)"
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


@register
class CredentialsDetector:
    name = "credentials"

    def detect(self, doc: NormalizedText, resources: Resources) -> Iterable[Hit]:
        original = doc.original
        folded = doc.folded
        if not any(cue in folded for cue in _GATE_WORDS) or not _GATE_RE.search(folded):
            return []
        # Matched on the normalized text (so "m*t k.h.ẩ.u" still counts), mapped back to the
        # original; the secret itself is judged on the original characters.
        hits: list[Hit] = []
        for m in _PASSWORD_RE.finditer(folded):
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
        for m in _OTP_RE.finditer(folded):
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
