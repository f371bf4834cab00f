"""Impersonation detection: score pasted candidates against the official accounts.

A pasted line is a name, a URL/handle, or "name | URL" (a tab or " | " separates them). The
scoring itself is `ungxu.socials_core.lookalike` (diacritics, look-alike letters, decorations…).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ungxu.imports.readers import read_table
from ungxu.socials.models import OfficialAccount
from ungxu.socials_core import Account, Match, guess_platform, rank_candidates

MAX_LINES = 500


@dataclass(frozen=True)
class Finding:
    match: Match
    official: OfficialAccount

    @property
    def percent(self) -> int:
        return round(self.match.score * 100)


def _looks_like_address(text: str) -> bool:
    return "/" in text or text.startswith("@") or text.lower().startswith(("http", "www."))


def parse_candidates(text: str) -> list[Account]:
    """One candidate per non-empty line; at most MAX_LINES lines are read."""
    candidates = []
    for line in text.splitlines()[:MAX_LINES]:
        line = line.strip()
        if not line:
            continue
        parts = [p.strip() for p in line.replace("\t", " | ").split(" | ") if p.strip()]
        name, handle = parts[0], ""
        if len(parts) > 1:
            handle = parts[1]
        elif _looks_like_address(name):
            name, handle = "", name
        platform = (guess_platform(handle) or "") if handle else ""
        candidates.append(Account(name=name or handle, handle=handle, platform=platform))
    return candidates


_NAME_HEADERS = {"tên", "tên tài khoản", "tên trang", "name"}
_ADDRESS_HEADERS = {"đường dẫn", "định danh", "url", "link", "địa chỉ"}


def candidates_from_file(name: str, data: bytes) -> list[Account]:
    """Candidates from a CSV/XLSX sheet: the "Tên"/"Đường dẫn" columns when the header names
    them, else the first column as the name and the second as the address. FileRejected
    (Vietnamese) when the file cannot be read."""
    table = read_table(name, data)
    headers = [h.strip().casefold() for h in table.headers]
    name_col = next((i for i, h in enumerate(headers) if h in _NAME_HEADERS), 0)
    address_col = next((i for i, h in enumerate(headers) if h in _ADDRESS_HEADERS), None)
    if address_col is None and len(headers) > 1 and name_col == 0:
        address_col = 1
    lines = []
    for _, cells in table.rows[:MAX_LINES]:
        cand = cells[name_col].strip() if name_col < len(cells) else ""
        address = (
            cells[address_col].strip()
            if address_col is not None and address_col < len(cells)
            else ""
        )
        if cand or address:
            lines.append(f"{cand} | {address}" if cand and address else cand or address)
    return parse_candidates("\n".join(lines))


def detect(candidates: Iterable[Account], officials: Iterable[OfficialAccount]) -> list[Finding]:
    by_key = {str(account.pk): account for account in officials}
    reference = [
        Account(name=a.name, handle=a.url, platform=a.platform, key=key)
        for key, a in by_key.items()
    ]
    return [
        Finding(match=match, official=by_key[match.official.key])
        for match in rank_candidates(candidates, reference)
    ]
