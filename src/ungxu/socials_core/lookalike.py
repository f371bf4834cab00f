"""Impersonation detection: how much does a candidate account look like an official one?

Both names (and handles) are reduced the same way before they are compared:

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

Score = matched letters / (official letters + letters of unexplained extra words), so a name that
differs by a whole distinctive word ("… tỉnh Thanh Hóa" against "… tỉnh Ninh Bình") scores low,
while one that only adds decorations or swaps letters scores near 1. Connecting words ("và",
"tỉnh") weigh nothing. A short form that keeps the first and the last distinctive word of the
official name and adds nothing gets a floor, because impostors often use the short name.

Every transformation that made the candidate closer to the official account is reported as a
Vietnamese reason, so a moderator can see *why* a page looks like an impostor.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from importlib import resources
from typing import Any, Literal

from ungxu.socials_core.handles import HandleError, normalise_handle

__all__ = ["DEFAULT_THRESHOLD", "Account", "Match", "compare", "rank_candidates"]

DEFAULT_THRESHOLD = 0.75
HEAD_MISSING_FACTOR = 0.85
# An unexplained extra word ("Thủy *sản*" for "Thủy *lợi*") is stronger evidence of another
# body than a missing one (impostors shorten names), so it weighs double.
EXTRA_WEIGHT = 2.0

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
            "candidate": {"name": self.candidate.name, "handle": self.candidate.handle,
                          "platform": self.candidate.platform, "key": self.candidate.key},
            "official": {"name": self.official.name, "handle": self.official.handle,
                         "platform": self.official.platform, "key": self.official.key},
            "score": self.score,
            "reasons": list(self.reasons),
            "compared": f"{FIELD_LABELS[self.candidate_field]} ↔ "
            f"{FIELD_LABELS[self.official_field]}",
        }


# --------------------------------------------------------------------------------------- data


@dataclass(frozen=True)
class _Data:
    decorations: tuple[tuple[tuple[str, ...], str], ...]  # (words, label), longest first
    glued: tuple[tuple[str, str], ...]  # (glued form, label), longest first
    generic: frozenset[str]
    aliases: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    confusables: dict[str, tuple[str, str]]  # char -> (latin, script)
    sequences: tuple[tuple[str, str], ...]
    chars: dict[int, str]


@cache
def _data() -> _Data:
    raw = tomllib.loads(
        resources.files("ungxu.socials_core").joinpath("data/lookalike.toml").read_text("utf-8")
    )
    decorations: list[tuple[tuple[str, ...], str]] = []
    glued: list[tuple[str, str]] = []
    for entry in raw["decoration"]:
        for form in entry["forms"]:
            words = tuple(_fold(form).split())
            decorations.append((words, entry["label"]))
            glued.append(("".join(words), entry["label"]))
    aliases = []
    for entry in raw.get("alias", []):
        canonical = tuple(entry["canonical"].split())
        for form in entry["forms"]:
            aliases.append((tuple(_fold(form).split()), canonical))
    confusables = {
        char: (latin, script)
        for script, table in raw["confusables"].items()
        for char, latin in table.items()
    }
    sequences = sorted(raw["skeleton"]["sequences"].items(), key=lambda kv: -len(kv[0]))
    return _Data(
        decorations=tuple(sorted(decorations, key=lambda d: -len(d[0]))),
        glued=tuple(sorted(glued, key=lambda g: -len(g[0]))),
        generic=frozenset(raw["generic"]["words"]),
        aliases=tuple(sorted(aliases, key=lambda a: -len(a[0]))),
        confusables=confusables,
        sequences=tuple(sequences),
        chars=str.maketrans(raw["skeleton"]["chars"]),
    )


# ------------------------------------------------------------------------------- reduction


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d")


def _skeleton(word: str) -> str:
    data = _data()
    for seq, rep in data.sequences:
        word = word.replace(seq, rep)
    return word.translate(data.chars)


@dataclass(frozen=True)
class _Form:
    raw: str
    words: tuple[str, ...]  # folded, decorations removed
    skels: tuple[str, ...]
    shown: str  # lower case with diacritics, decorations kept: for the diacritics reason
    decorations: frozenset[str]
    scripts: frozenset[str]
    separators: bool  # dots/dashes/underscores inside a handle
    spaced: bool  # single letters written apart: "S.N.N", "S ở N ô n g"

    @property
    def joined(self) -> str:
        return "".join(self.words)


_SCRIPT_REASONS = {
    "cyrillic": "dùng ký tự Kirin (chữ Nga) giống chữ Latinh",
    "greek": "dùng ký tự Hy Lạp giống chữ Latinh",
    "fullwidth": "dùng ký tự toàn khổ (fullwidth) thay chữ thường",
    "styled": "dùng ký tự kiểu chữ đặc biệt (chữ toán học) thay chữ thường",
}
_CHECK_MARKS = re.compile("[\u2713\u2714\u2611\u2705\U0001f5f8\u2600-\u26ff\u2b50]")
_WORD = re.compile(r"(?:[^\W_]|[@$])+")
_INNER_SEPARATOR = re.compile(r"[^\W_][._\-]+[^\W_]")


def _scripts_of(text: str) -> set[str]:
    found: set[str] = set()
    for ch in text:
        if "\uff01" <= ch <= "\uff5e":
            found.add("fullwidth")
        elif unicodedata.name(ch, "").startswith("MATHEMATICAL"):
            found.add("styled")
    return found


def _handle_text(handle: str) -> str:
    text = handle.strip()
    if "/" in text:  # a URL or path: the account part is its last segment
        text = re.split(r"[?#]", text)[0]
        text = next((seg for seg in reversed(text.split("/")) if seg), "")
    return text.lstrip("@")


def _analyse(text: str, *, is_handle: bool) -> _Form:
    data = _data()
    original = text
    if is_handle:
        text = _handle_text(text)
    scripts = _scripts_of(text)
    text = unicodedata.normalize("NFKC", text).lower()
    mapped = []
    for ch in text:
        if ch in data.confusables:
            latin, script = data.confusables[ch]
            scripts.add(script)
            mapped.append(latin)
        else:
            mapped.append(ch)
    text = "".join(mapped)
    separators = is_handle and bool(_INNER_SEPARATOR.search(text))
    text = re.sub(r"(?<=\w)&(?=\w)", "", text)
    words = [_fold(w).lstrip("@") for w in _WORD.findall(text)]
    words = [w for w in words if w]
    words, spaced = _merge_spaced_letters(words)
    words = _rewrite_aliases(words, data)
    kept, labels = _strip_decorations(words, data)
    return _Form(
        raw=original,
        words=tuple(kept),
        skels=tuple(_skeleton(w) for w in kept),
        shown=" ".join(_WORD.findall(text)),
        decorations=frozenset(labels),
        scripts=frozenset(scripts),
        separators=separators,
        spaced=spaced,
    )


def _merge_spaced_letters(words: list[str]) -> tuple[list[str], bool]:
    """Join runs of two or more one-letter words: "s n n ptnt" → "snn ptnt"."""
    out: list[str] = []
    run: list[str] = []
    spaced = False
    for word in [*words, ""]:
        if len(word) == 1:
            run.append(word)
            continue
        if len(run) >= 2:
            out.append("".join(run))
            spaced = True
        else:
            out.extend(run)
        run = []
        if word:
            out.append(word)
    return out, spaced


def _rewrite_aliases(words: list[str], data: _Data) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        for form, canonical in data.aliases:
            if tuple(words[i : i + len(form)]) == form:
                out.extend(canonical)
                i += len(form)
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _strip_decorations(words: list[str], data: _Data) -> tuple[list[str], set[str]]:
    kept: list[str] = []
    labels: set[str] = set()
    i = 0
    while i < len(words):
        for form, label in data.decorations:
            if tuple(words[i : i + len(form)]) == form:
                labels.add(label)
                i += len(form)
                break
        else:
            kept.append(words[i])
            i += 1
    # decorations glued to the end of a handle word: "snnninhbinhofficial"
    for index, word in enumerate(kept):
        changed = True
        while changed:
            changed = False
            for form, label in data.glued:
                if word.endswith(form) and len(word) - len(form) >= 3:
                    word = word[: -len(form)]
                    labels.add(label)
                    changed = True
                    break
        kept[index] = word
    if not kept:  # a name made only of decorations: compare it as it is
        return words, set()
    return kept, labels


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
    if length < 2:
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


def _compare_forms(cand: _Form, off: _Form) -> tuple[float, list[str]]:
    if not cand.skels or not off.skels:
        return 0.0, []
    generic = _data().generic
    reasons: list[str] = []
    c_toks = [
        _Tok(s, w, w in generic, float(i)) for i, (s, w) in enumerate(zip(cand.skels, cand.words, strict=True))
    ]
    o_toks = [_Tok(s, w, w in generic, float(i)) for i, (s, w) in enumerate(zip(off.skels, off.words, strict=True))]

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
            reasons.append(f"sai khác nhỏ về chính tả ('{c.word}' so với '{o.word}')")

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
    if extras:
        reasons.append("thêm từ " + ", ".join(f"'{t.word}'" for t in extras))
    if missing:
        reasons.append("bỏ bớt từ " + ", ".join(f"'{t.word}'" for t in missing))
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
        if a == b or _skeleton(a) != _skeleton(b):
            continue
        if a.isdigit():
            reasons.append(f"thay chữ {b} bằng số {a}")
        elif len(a) == 1 and len(b) == 1 and a.isalpha():
            reasons.append(f"thay chữ {b} bằng chữ {a}")
        else:
            reasons.append(f"thay '{b}' bằng '{a}'")
    return reasons


def _has_diacritics(text: str) -> bool:
    return _fold(text) != text


def _explain_pair(
    cand: _Form, off: _Form, *, cand_field: Field, off_field: Field
) -> tuple[float, list[str]]:
    score, structural = _compare_forms(cand, off)
    if score <= 0:
        return 0.0, []
    reasons: list[str] = []
    if cand_field == "name" and off_field == "name" and _has_diacritics(off.shown):
        if cand.shown != off.shown and _fold(cand.shown) == _fold(off.shown):
            if _has_diacritics(cand.shown):
                reasons.append("đổi dấu tiếng Việt so với tên chính thức")
            else:
                reasons.append("trùng tên sau khi bỏ dấu")
        elif not _has_diacritics(cand.shown):
            reasons.append("viết không dấu")
    reasons.extend(f"thêm chữ '{label}'" for label in sorted(cand.decorations - off.decorations))
    reasons.extend(_SCRIPT_REASONS[s] for s in sorted(cand.scripts - off.scripts))
    if cand.spaced and not off.spaced:
        reasons.append("tách rời từng chữ cái bằng dấu cách hoặc dấu chấm")
    if cand.separators and not off.separators:
        reasons.append("chèn dấu chấm, gạch ngang hoặc gạch dưới vào định danh")
    reasons.extend(structural)
    reasons.extend(_substitution_reasons(cand.joined, off.joined))
    if cand_field == "name" and _CHECK_MARKS.search(cand.raw) and not _CHECK_MARKS.search(off.raw):
        reasons.append("thêm biểu tượng dấu tích giống huy hiệu xác minh")
    if not reasons and score >= 1.0:
        if off_field == "handle":
            reasons.append("trùng định danh của tài khoản chính thức")
        elif cand.words == off.words:
            reasons.append("trùng hoàn toàn tên của tài khoản chính thức")
        else:
            reasons.append("trùng tên của tài khoản chính thức, chỉ khác từ nối")
    elif cand_field != off_field:
        reasons.append(f"lấy {FIELD_LABELS[off_field]} của tài khoản chính thức làm "
                       f"{FIELD_LABELS[cand_field]}")
    return min(score, 1.0), list(dict.fromkeys(reasons))


# ---------------------------------------------------------------------------------- public


@dataclass(frozen=True)
class _Prepared:
    account: Account
    name: _Form | None
    handle: _Form | None
    canonical_handle: str


def _canonical_handle(account: Account) -> str:
    if not account.handle:
        return ""
    if account.platform:
        try:
            return normalise_handle(account.platform, account.handle).handle
        except HandleError:
            pass
    return _handle_text(account.handle).lower()


def _prepare(account: Account) -> _Prepared:
    return _Prepared(
        account=account,
        name=_analyse(account.name, is_handle=False) if account.name.strip() else None,
        handle=_analyse(account.handle, is_handle=True) if account.handle.strip() else None,
        canonical_handle=_canonical_handle(account),
    )


def _is_same_account(cand: _Prepared, off: _Prepared) -> bool:
    return (
        bool(cand.account.platform)
        and cand.account.platform == off.account.platform
        and bool(cand.canonical_handle)
        and cand.canonical_handle == off.canonical_handle
    )


def _best(cand: _Prepared, off: _Prepared) -> Match | None:
    best: Match | None = None
    views: list[tuple[_Form | None, _Form | None, Field, Field]] = [
        (cand.name, off.name, "name", "name"),
        (cand.handle, off.handle, "handle", "handle"),
        (cand.handle, off.name, "handle", "name"),
        (cand.name, off.handle, "name", "handle"),
    ]
    for c_form, o_form, c_field, o_field in views:
        if c_form is None or o_form is None:
            continue
        score, reasons = _explain_pair(c_form, o_form, cand_field=c_field, off_field=o_field)
        if best is None or round(score, 3) > best.score:
            best = Match(
                candidate=cand.account,
                official=off.account,
                score=round(score, 3),
                reasons=tuple(reasons),
                candidate_field=c_field,
                official_field=o_field,
            )
    return best


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
            match = _best(cand, off)
            if match is not None and match.score >= threshold:
                matches.append(match)
    matches.sort(key=lambda m: (-m.score, m.candidate.name, m.official.name))
    return matches
