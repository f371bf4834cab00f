"""Impersonation detection: how much does a candidate account look like an official one?

Both names (and handles) are reduced the same way before they are compared
(``lookalike_forms``):

1. Unicode NFKC (fullwidth and "mathematical" styled letters become plain ones), lower case,
   Cyrillic/Greek look-alikes mapped to Latin letters.
2. Split into words on spaces, dots, dashes and underscores; "NN&PTNT" stays one word.
3. Diacritics folded (``Sở`` → ``so``, ``đ`` → ``d``); fixed aliases rewritten ("thành phố" → "tp").
4. Decorations removed ("chính thức", "official", "fanpage", "tin tức", "cskh", "24h"…), as words
   or glued to the end of a word ("snnninhbinhofficial").
5. A *skeleton* of each word: ``rn``→``m``, ``vv``→``w``, digits for letters (``0``→``o``,
   ``1``→``l``), and ``i``→``l`` so that every look-alike pair meets in the middle.

The skeleton words are then aligned. A candidate word missing from the official name may still be
explained by a *run* of official words, each written in full, by its initial, or left out:
``snnptnt`` = S(ở) N(ông) N(ghiệp) [và] P(hát) T(riển) N(ông) T(hôn), ``snnninhbinh`` = initials +
``ninh`` + ``binh``. The reverse direction covers an official abbreviation spelled out by the
candidate. Remaining words are matched exactly, then with a small edit distance (typos).

Score = matched letters / (official letters + 2 × letters of unexplained extra words), so a name
that differs by a whole distinctive word ("… tỉnh Thanh Hóa" against "… tỉnh Ninh Bình") scores
low, while one that only adds decorations or swaps letters scores near 1. Connecting words ("và",
"tỉnh") weigh nothing. Missing the head word (Sở, Hội, Trung tâm…) costs a further 15 %. A short
form that keeps the first and the last distinctive word of the official name and adds nothing
gets a floor, because impostors often use the short name. Name, handle and cross comparisons
(candidate name against official handle…) are all tried and the best is kept; cross views and
one part of a "Name - slogan" name count slightly less.

Every transformation that made the candidate closer to the official account is reported as a
Vietnamese reason, so a moderator can see *why* a page looks like an impostor.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Literal

from ungxu.socials_core.handles import HandleError, guess_platform, normalise_handle
from ungxu.socials_core.lookalike_forms import (
    CHECK_MARKS,
    SCRIPT_REASONS,
    Form,
    analyse,
    fold,
    handle_text,
    lookalike_data,
    skeleton,
)

__all__ = ["DEFAULT_THRESHOLD", "Account", "Match", "compare", "rank_candidates"]

DEFAULT_THRESHOLD = 0.75
# A name matching only the official *handle* (or the reverse), or only one part of a name
# with a slogan, is a little weaker evidence than a name matching the name.
CROSS_VIEW_FACTOR = 0.95
PART_FACTOR = 0.9
HEAD_MISSING_FACTOR = 0.85
# An unexplained extra word ("Thủy *sản*" for "Thủy *lợi*") is stronger evidence of another
# body than a missing one (impostors shorten names), so it weighs double.
EXTRA_WEIGHT = 2.0
# Longest glued word explained as a run of words (handles are at most 50 characters).
MAX_GLUED = 64

Field = Literal["name", "handle"]

FIELD_LABELS: dict[str, str] = {"name": "tên", "handle": "định danh"}


@dataclass(frozen=True)
class Account:
    """An account as the scorer sees it. ``platform`` uses the ids of ``handles.PLATFORMS``."""

    name: str
    handle: str = ""
    platform: str = ""
    key: str = ""  # the caller's id, carried through to the Match untouched


@dataclass(frozen=True)
class Match:
    candidate: Account
    official: Account
    score: float
    reasons: tuple[str, ...]
    candidate_field: Field
    official_field: Field

    def to_dict(self) -> dict[str, Any]:
        return {
            "candidate": {
                "name": self.candidate.name,
                "handle": self.candidate.handle,
                "platform": self.candidate.platform,
                "key": self.candidate.key,
            },
            "official": {
                "name": self.official.name,
                "handle": self.official.handle,
                "platform": self.official.platform,
                "key": self.official.key,
            },
            "score": self.score,
            "reasons": list(self.reasons),
            "compared": f"{FIELD_LABELS[self.candidate_field]} ↔ "
            f"{FIELD_LABELS[self.official_field]}",
        }


# ------------------------------------------------------------------------------- alignment


@dataclass(frozen=True)
class _Run:
    consumed: tuple[int, ...]
    initials: bool  # at least one word was written by its initial only


def _explain(glued: str, parts: Sequence[str], generic: Sequence[bool]) -> _Run | None:
    """Write ``glued`` as a run of ``parts``: each part in full, by its initial, or left out.

    At least two parts must be used. Among the ways to do it, the run that leaves out the
    fewest words inside it wins, then the one covering the most letters ("nb" is Ninh Bình, not
    "Nghiệp … Bình"). Connecting words can only be left out: "van" must not read as
    "và" + "N(inh)".
    """
    n, length = len(parts), len(glued)
    if not 2 <= length <= MAX_GLUED:
        return None
    usable = [p for p, g in zip(parts, generic, strict=True) if p and not g]
    # cheap rejections first: most words in a long pasted list share nothing with the name
    if glued[0] not in {p[0] for p in usable} or not set(glued) <= set("".join(usable)):
        return None
    # value: (words left out inside the run, -letters covered, consumed indices, initials used)
    Value = tuple[int, int, tuple[int, ...], bool]
    memo: dict[tuple[int, int, bool], Value | None] = {}

    def best(pos: int, k: int, started: bool) -> Value | None:
        if pos == length:
            return (0, 0, (), False)
        if k == n:
            return None
        key = (pos, k, started)
        if key in memo:
            return memo[key]
        options: list[Value] = []
        part = "" if generic[k] else parts[k]
        if part and glued.startswith(part, pos):
            rest = best(pos + len(part), k + 1, True)
            if rest is not None:
                options.append((rest[0], rest[1] - len(part), (k, *rest[2]), rest[3]))
        if len(part) > 1 and glued[pos] == part[0]:
            rest = best(pos + 1, k + 1, True)
            if rest is not None:
                options.append((rest[0], rest[1] - len(part), (k, *rest[2]), True))
        rest = best(pos, k + 1, started)  # leave the word out: it then counts as missing
        if rest is not None:
            skipped = 1 if started and not generic[k] else 0
            options.append((rest[0] + skipped, rest[1], rest[2], rest[3]))
        result = min(options, key=lambda o: (o[0], o[1], len(o[2]))) if options else None
        memo[key] = result
        return result

    found = best(0, 0, False)
    if found is None or len(found[2]) < 2:
        return None
    return _Run(consumed=found[2], initials=found[3])


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or ``limit + 1`` as soon as it is known to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _typo_limit(a: str, b: str) -> int:
    # Vietnamese syllables are short and many differ by one letter ("ninh"/"binh"/"minh"):
    # a one-letter difference only counts as a typo on longer words or glued handles.
    longest = max(len(a), len(b))
    if longest >= 14:
        return 2
    return 1 if longest >= 5 else 0


@dataclass
class _Tok:
    skel: str
    word: str
    generic: bool
    position: float


def _compare_forms(cand: Form, off: Form) -> tuple[float, list[str]]:
    if not cand.skels or not off.skels:
        return 0.0, []
    generic = lookalike_data().generic
    reasons: list[str] = []
    c_toks = [
        _Tok(s, w, w in generic, float(i))
        for i, (s, w) in enumerate(zip(cand.skels, cand.words, strict=True))
    ]
    o_toks = [
        _Tok(s, w, w in generic, float(i))
        for i, (s, w) in enumerate(zip(off.skels, off.words, strict=True))
    ]

    # candidate words written as abbreviations or glued runs of official words
    o_skels = {t.skel for t in o_toks}
    expanded: list[_Tok] = []
    for tok in c_toks:
        run = None
        if tok.skel not in o_skels and not tok.generic:
            run = _explain(tok.skel, [t.skel for t in o_toks], [t.generic for t in o_toks])
        if run is None:
            expanded.append(tok)
            continue
        if run.initials:
            reasons.append(f"viết tắt tên cơ quan ('{tok.word}')")
        for sub, k in enumerate(run.consumed):
            o = o_toks[k]
            expanded.append(_Tok(o.skel, o.word, o.generic, tok.position + sub / 100))
    c_toks = expanded

    # official abbreviations (or glued handles) spelled out by the candidate
    c_skels = {t.skel for t in c_toks}
    spelled: list[_Tok] = []
    split_official = False
    for tok in o_toks:
        run = None
        if tok.skel not in c_skels and not tok.generic:
            run = _explain(tok.skel, [t.skel for t in c_toks], [t.generic for t in c_toks])
        if run is None:
            spelled.append(tok)
            continue
        if run.initials:
            reasons.append(f"viết đầy đủ tên viết tắt ('{tok.word}')")
        else:
            split_official = True
        for sub, k in enumerate(run.consumed):
            c = c_toks[k]
            spelled.append(_Tok(c.skel, c.word, c.generic, tok.position + sub / 100))
    o_toks = spelled
    if split_official and not cand.separators:
        reasons.append("tách rời các chữ của tên chính thức")

    # match words: exactly first, then with a small typo distance
    pairs: list[tuple[_Tok, _Tok, int]] = []
    free_c = list(c_toks)
    unmatched_o: list[_Tok] = []
    for o in o_toks:
        same = next((c for c in free_c if c.skel == o.skel), None)
        if same is None:
            unmatched_o.append(o)
        else:
            free_c.remove(same)
            pairs.append((o, same, 0))
    for o in list(unmatched_o):
        if o.generic:
            continue
        scored = []
        for c in free_c:
            limit = _typo_limit(c.skel, o.skel)
            if not c.generic and limit and (dist := _edit_distance(c.skel, o.skel, limit)) <= limit:
                scored.append((dist, c))
        if scored:
            dist, c = min(scored, key=lambda dc: dc[0])
            free_c.remove(c)
            unmatched_o.remove(o)
            pairs.append((o, c, dist))
            reasons.append(
                f"sai khác nhỏ về chính tả ('{cand.display(c.word) or c.word}' so với "
                f"'{off.display(o.word) or o.word}')"
            )

    o_weight = sum(len(t.skel) for t in o_toks if not t.generic)
    extras = [t for t in free_c if not t.generic]
    extra_weight = EXTRA_WEIGHT * sum(len(t.skel) for t in extras)
    matched = sum(len(o.skel) - dist for o, _, dist in pairs if not o.generic)
    if o_weight + extra_weight == 0:
        return 0.0, []
    score = matched / (o_weight + extra_weight)

    pairs.sort(key=lambda p: p[0].position)
    positions = [c.position for _, c, _ in pairs]
    if positions != sorted(positions):
        reasons.append("đảo thứ tự các từ")

    substantive = [t for t in o_toks if not t.generic]
    missing = [t for t in unmatched_o if not t.generic]

    def shown(word: str) -> str:
        return cand.display(word) or off.display(word) or word

    if extras:
        reasons.append("thêm từ " + ", ".join(f"'{shown(t.word)}'" for t in extras))
    if missing:
        reasons.append("bỏ bớt từ " + ", ".join(f"'{shown(t.word)}'" for t in missing))
    if substantive and any(t is substantive[0] for t in missing):
        # the head word names the kind of body (Sở, Hội, Trung tâm, Chi cục): without it the
        # candidate more likely names another body of the same place
        score *= HEAD_MISSING_FACTOR
    if (
        missing
        and extra_weight == 0
        and all(t is not substantive[0] and t is not substantive[-1] for t in missing)
    ):
        floor = 0.6 + 0.4 * score
        if floor > score:
            score = floor
            reasons.append("dùng tên rút gọn của tài khoản chính thức")
    return score, reasons


def _substitution_reasons(cand: str, off: str) -> list[str]:
    reasons: list[str] = []
    matcher = SequenceMatcher(None, cand, off, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        a, b = cand[i1:i2], off[j1:j2]
        if a == b or skeleton(a) != skeleton(b):
            continue
        if a.isdigit():
            reasons.append(f"thay chữ {b} bằng số {a}")
        elif len(a) == 1 and len(b) == 1 and a.isalpha():
            reasons.append(f"thay chữ {b} bằng chữ {a}")
        else:
            reasons.append(f"thay '{b}' bằng '{a}'")
    return reasons


def _has_diacritics(text: str) -> bool:
    return fold(text) != text


def _drops_diacritics(cand: Form, off: Form) -> bool:
    """Some candidate word is an official word written without its diacritics."""
    accented = {fold(w) for w in off.shown.split() if _has_diacritics(w)}
    return any(w in accented for w in cand.shown.split())


def _explain_pair(
    cand: Form,
    off: Form,
    score: float,
    structural: list[str],
    *,
    cand_field: Field,
    off_field: Field,
) -> list[str]:
    """All reasons for one compared pair: the structural ones plus those read off the forms."""
    reasons: list[str] = []
    if cand_field == "name" and off_field == "name" and _has_diacritics(off.shown):
        if cand.shown != off.shown and fold(cand.shown) == fold(off.shown):
            if _has_diacritics(cand.shown):
                reasons.append("đổi dấu tiếng Việt so với tên chính thức")
            else:
                reasons.append("trùng tên sau khi bỏ dấu")
        elif not _has_diacritics(cand.shown) and _drops_diacritics(cand, off):
            reasons.append("viết không dấu")
    reasons.extend(f"thêm chữ '{label}'" for label in sorted(cand.decorations - off.decorations))
    reasons.extend(SCRIPT_REASONS[s] for s in sorted(cand.scripts - off.scripts))
    if cand.spaced and not off.spaced:
        reasons.append("tách rời từng chữ cái bằng dấu cách hoặc dấu chấm")
    if cand.separators and not off.separators:
        reasons.append("chèn dấu chấm, gạch ngang hoặc gạch dưới vào định danh")
    reasons.extend(structural)
    reasons.extend(_substitution_reasons(cand.joined, off.joined))
    if cand_field == "name" and CHECK_MARKS.search(cand.raw) and not CHECK_MARKS.search(off.raw):
        reasons.append("thêm biểu tượng dấu tích giống huy hiệu xác minh")
    if not reasons and score >= 1.0:
        if off_field == "handle":
            reasons.append("trùng định danh của tài khoản chính thức")
        elif cand.words == off.words:
            reasons.append("trùng hoàn toàn tên của tài khoản chính thức")
        else:
            reasons.append("trùng tên của tài khoản chính thức, chỉ khác từ nối")
    elif cand_field != off_field:
        reasons.append(
            f"lấy {FIELD_LABELS[off_field]} của tài khoản chính thức làm {FIELD_LABELS[cand_field]}"
        )
    return list(dict.fromkeys(reasons))


# ---------------------------------------------------------------------------------- public


@dataclass(frozen=True)
class _Prepared:
    account: Account
    name: Form | None
    handle: Form | None
    platform: str
    canonical_handle: str


# Addresses that are opaque numbers nobody reads (profile.php?id=…, UC… channel ids, OA ids):
# they identify an account but cannot be imitated by look, so they are never scored.
_OPAQUE_KINDS = frozenset({"profile_id", "channel", "oa"})


def _address(account: Account) -> tuple[str, str, str]:
    """(platform, canonical handle for identity, readable handle for look-alike scoring)."""
    if not account.handle.strip():
        return account.platform, "", ""
    platform = account.platform or guess_platform(account.handle) or ""
    if platform:
        try:
            address = normalise_handle(platform, account.handle)
        except HandleError:
            pass
        else:
            if address.kind in _OPAQUE_KINDS:
                readable = ""
            elif address.platform == "website":
                readable = address.handle.split("/")[0]  # the domain is what people read
            else:
                readable = address.handle.lstrip("@")
            return platform, address.handle, readable
    text = handle_text(account.handle)
    return platform, text.lower(), "" if text.isdigit() else text


def _prepare(account: Account) -> _Prepared:
    platform, canonical, readable = _address(account)
    return _Prepared(
        account=account,
        name=analyse(account.name, is_handle=False) if account.name.strip() else None,
        handle=analyse(readable, is_handle=True) if readable.strip() else None,
        platform=platform,
        canonical_handle=canonical,
    )


def _is_same_account(cand: _Prepared, off: _Prepared) -> bool:
    return (
        bool(cand.platform)
        and cand.platform == off.platform
        and bool(cand.canonical_handle)
        and cand.canonical_handle == off.canonical_handle
    )


def _best(cand: _Prepared, off: _Prepared, min_score: float = 0.0) -> Match | None:
    """The best-scoring way to compare the two accounts (name/handle against name/handle).

    Reasons are worked out only for the winning view, and only when it reaches ``min_score``:
    scoring is cheap, explaining is not, and most pairs in a long list are unrelated.
    """
    best: tuple[float, list[str], Form, Form, Field, Field] | None = None
    views: list[tuple[Form | None, Form | None, Field, Field, float]] = [
        (cand.name, off.name, "name", "name", 1.0),
        (cand.handle, off.handle, "handle", "handle", 1.0),
        (cand.handle, off.name, "handle", "name", CROSS_VIEW_FACTOR),
        (cand.name, off.handle, "name", "handle", CROSS_VIEW_FACTOR),
    ]
    if cand.name is not None and off.name is not None:
        views.extend((part, off.name, "name", "name", PART_FACTOR) for part in cand.name.parts)
    for c_form, o_form, c_field, o_field, factor in views:
        if c_form is None or o_form is None:
            continue
        score, structural = _compare_forms(c_form, o_form)
        score = round(min(score, 1.0) * factor, 3)
        if best is None or score > best[0]:
            best = (score, structural, c_form, o_form, c_field, o_field)
    if best is None:
        return None
    score, structural, c_form, o_form, c_field, o_field = best
    reasons: list[str] = []
    if score > 0 and score >= min_score:
        reasons = _explain_pair(
            c_form, o_form, score, structural, cand_field=c_field, off_field=o_field
        )
        if cand.name is not None and c_form in cand.name.parts:
            rest = " ".join(p.raw for p in cand.name.parts if p is not c_form)
            reasons.append(f"thêm phần mô tả ngoài tên ('{rest}')")
    return Match(
        candidate=cand.account,
        official=off.account,
        score=score,
        reasons=tuple(reasons),
        candidate_field=c_field,
        official_field=o_field,
    )


def compare(candidate: Account, official: Account) -> Match | None:
    """Score one candidate against one official account.

    None when the candidate *is* that official account (same platform and handle) or when the
    two share nothing comparable.
    """
    cand, off = _prepare(candidate), _prepare(official)
    if _is_same_account(cand, off):
        return None
    return _best(cand, off)


def rank_candidates(
    candidates: Iterable[Account | str],
    officials: Sequence[Account],
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Match]:
    """Every (candidate, official) pair scoring at least ``threshold``, most similar first.

    A candidate that is itself one of the official accounts is never reported. Plain strings
    are taken as candidate names.
    """
    prepared_officials = [_prepare(o) for o in officials]
    matches: list[Match] = []
    for raw in candidates:
        account = Account(name=raw) if isinstance(raw, str) else raw
        cand = _prepare(account)
        if any(_is_same_account(cand, off) for off in prepared_officials):
            continue
        for off in prepared_officials:
            match = _best(cand, off, threshold)
            if match is not None and match.score >= threshold:
                matches.append(match)
    matches.sort(key=lambda m: (-m.score, m.candidate.name, m.official.name))
    return matches
