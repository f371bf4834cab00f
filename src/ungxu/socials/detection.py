"""Impersonation detection: score pasted candidates against the official accounts.

A pasted line is a name, a URL/handle, or "name | URL" (a tab or " | " separates them). The
scoring itself is `ungxu.socials_core.lookalike` (diacritics, look-alike letters, decorations…).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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
