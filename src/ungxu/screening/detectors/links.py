"""Links: shortened links, look-alike domains of state/bank brands, lure-word domains.

A plain link is not a violation. A link is flagged when its host:
- is a link shortener (the destination is hidden) → severity 2, review;
- contains a protected brand token (`gov`, `dichvucong`, `vietcombank`…) but is not one of the
  brand's official domains (`dichvucong-gov.vn.com`, `vietcombank-xacminh.top`) → severity 3;
- combines a lure word (`xacminh`, `dangnhap`, `nhanqua`…) with a suspicious TLD, or is a bare IP
  address → severity 3 / 2.
Hosts are read from the original text, lower-cased; all lists are data (`patterns/links.toml`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ungxu.screening.detectors.base import Resources
from ungxu.screening.detectors.support import PerData, str_list
from ungxu.screening.normalize import NormalizedText
from ungxu.screening.registry import register
from ungxu.screening.types import Hit

CATEGORY = "account_security"
_GATE_RE = re.compile(r"\.[A-Za-z]|://")
_IP_RE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")


@dataclass(frozen=True)
class _Brand:
    name: str
    tokens: tuple[str, ...]
    official: frozenset[str]
    suffixes: tuple[str, ...]


@dataclass(frozen=True)
class _Compiled:
    url: re.Pattern[str]
    shorteners: frozenset[str]
    suspicious: frozenset[str]
    lures: tuple[str, ...]
    brands: tuple[_Brand, ...]


def _compile(data: Mapping[str, Any]) -> _Compiled:
    tlds = sorted(set(str_list(data, "tlds")), key=len, reverse=True) or ["vn", "com"]
    short = sorted(set(str_list(data, "shorteners")), key=len, reverse=True)
    short_branch = "|".join(re.escape(d) for d in short)
    url = re.compile(
        r"(?i)(?<![\w@.\-])(?:(?:https?://|www\.)[^\s<>\"'()\[\]{}]{1,2000}"
        + (rf"|(?:{short_branch})/[^\s<>\"'()\[\]{{}}]{{1,200}}" if short else "")
        + r"|(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.){1,6}(?:"
        + "|".join(tlds)
        + r")"
        r"(?![\w\-])(?:/[^\s<>\"'()\[\]{}]{0,2000})?)"
    )
    brands = []
    for entry in data.get("brands", []):
        if isinstance(entry, dict):
            brands.append(
                _Brand(
                    name=str(entry.get("name", "")),
                    tokens=tuple(str_list(entry, "tokens")),
                    official=frozenset(str_list(entry, "official")),
                    suffixes=tuple(str_list(entry, "official_suffixes")),
                )
            )
    return _Compiled(
        url=url,
        shorteners=frozenset(str_list(data, "shorteners")),
        suspicious=frozenset(str_list(data, "suspicious_tlds")),
        lures=tuple(str_list(data, "lure_words")),
        brands=tuple(brands),
    )


_compiled = PerData(_compile)


def host_of(link: str) -> str:
    """Lower-case host of a link written with or without a scheme."""
    rest = link.split("://", 1)[1] if "://" in link else link
    host = re.split(r"[/?#:]", rest, maxsplit=1)[0].lower().rstrip(".")
    host = host.rsplit("@", 1)[-1]
    return host[4:] if host.startswith("www.") else host


def _official(host: str, brand: _Brand) -> bool:
    if any(host == d or host.endswith("." + d) for d in brand.official):
        return True
    return any(host.endswith(s) for s in brand.suffixes)


def _brand_in(host: str, token: str) -> bool:
    labels = re.split(r"[.\-]", host)
    if len(token) <= 3:
        return token in labels
    return token in host


def judge(host: str, c: _Compiled) -> tuple[int, str, str] | None:
    """(severity, rule, reason) for a host, or None when the link is unremarkable."""
    if not host:
        return None
    if host in c.shorteners:
        return (
            2,
            "links.shortener",
            "Liên kết rút gọn che giấu địa chỉ thật; cần kiểm tra trước khi mở.",
        )
    for brand in c.brands:
        if any(_brand_in(host, t) for t in brand.tokens) and not _official(host, brand):
            return (
                3,
                "links.lookalike",
                f"Tên miền {host} giả danh {brand.name}: dấu hiệu trang lừa đảo (phishing).",
            )
    tld = host.rsplit(".", 1)[-1]
    if tld in c.suspicious and any(w in host for w in c.lures):
        return 3, "links.lure", f"Tên miền {host} có dấu hiệu lừa đảo đánh cắp tài khoản."
    if _IP_RE.match(host):
        return 2, "links.ip", "Liên kết dùng địa chỉ IP thay cho tên miền, cần kiểm tra."
    return None


@register
class LinksDetector:
    name = "links"

    def detect(self, doc: NormalizedText, resources: Resources) -> Iterable[Hit]:
        original = doc.original
        data = resources.patterns.get("links")
        # Every link has a dot (or "://"): most comments are ruled out by two substring tests.
        if not data or not ("." in original or ":" in original) or not _GATE_RE.search(original):
            return []
        c = _compiled.get(data)
        hits: list[Hit] = []
        for m in c.url.finditer(original):
            link = m.group().rstrip(".,;:!?")
            judged = judge(host_of(link), c)
            if judged is not None:
                severity, rule, reason = judged
                hits.append(
                    Hit(CATEGORY, m.start(), m.start() + len(link), severity, rule, reason=reason)
                )
        return hits
