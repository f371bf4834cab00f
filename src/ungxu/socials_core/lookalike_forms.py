"""Reduction of account names and handles to comparable forms, for ``lookalike``.

Steps, applied the same way to candidate and official names: Unicode NFKC and lower case,
Cyrillic/Greek look-alikes mapped to Latin, words split on spaces/dots/dashes/underscores
("NN&PTNT" stays one word, "S.N.N" becomes "snn"), diacritics folded, fixed aliases rewritten,
decorations ("chính thức", "official", "fanpage"…) removed and remembered, and a *skeleton* of
each word in which look-alike letters and digits coincide. The data lives in
``data/lookalike.toml``.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "CHECK_MARKS",
    "SCRIPT_REASONS",
    "Form",
    "analyse",
    "fold",
    "handle_text",
    "lookalike_data",
    "skeleton",
]


# --------------------------------------------------------------------------------------- data


@dataclass(frozen=True)
class LookalikeData:
    decorations: tuple[tuple[tuple[str, ...], str], ...]  # (words, label), longest first
    glued: tuple[tuple[str, str], ...]  # (glued form, label), longest first
    generic: frozenset[str]
    aliases: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    confusables: dict[str, tuple[str, str]]  # char -> (latin, script)
    sequences: tuple[tuple[str, str], ...]
    chars: dict[int, str]


@cache
def lookalike_data() -> LookalikeData:
    raw = tomllib.loads(
        resources.files("ungxu.socials_core").joinpath("data/lookalike.toml").read_text("utf-8")
    )
    decorations: list[tuple[tuple[str, ...], str]] = []
    glued: list[tuple[str, str]] = []
    for entry in raw["decoration"]:
        for form in entry["forms"]:
            words = tuple(fold(form).split())
            decorations.append((words, entry["label"]))
            glued.append(("".join(words), entry["label"]))
    aliases = []
    for entry in raw.get("alias", []):
        canonical = tuple(entry["canonical"].split())
        for form in entry["forms"]:
            aliases.append((tuple(fold(form).split()), canonical))
    confusables = {
        char: (latin, script)
        for script, table in raw["confusables"].items()
        for char, latin in table.items()
    }
    sequences = sorted(raw["skeleton"]["sequences"].items(), key=lambda kv: -len(kv[0]))
    return LookalikeData(
        decorations=tuple(sorted(decorations, key=lambda d: -len(d[0]))),
        glued=tuple(sorted(glued, key=lambda g: -len(g[0]))),
        generic=frozenset(raw["generic"]["words"]),
        aliases=tuple(sorted(aliases, key=lambda a: -len(a[0]))),
        confusables=confusables,
        sequences=tuple(sequences),
        chars=str.maketrans(raw["skeleton"]["chars"]),
    )


# ------------------------------------------------------------------------------- reduction


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d")


def skeleton(word: str) -> str:
    data = lookalike_data()
    for seq, rep in data.sequences:
        word = word.replace(seq, rep)
    return word.translate(data.chars)


@dataclass(frozen=True)
class Form:
    raw: str
    words: tuple[str, ...]  # folded, decorations removed
    skels: tuple[str, ...]
    shown: str  # lower case with diacritics, decorations kept: for the diacritics reason
    decorations: frozenset[str]
    scripts: frozenset[str]
    separators: bool  # dots/dashes/underscores inside a handle
    spaced: bool  # single letters written apart: "S.N.N", "S ở N ô n g"
    parts: tuple[Form, ...] = ()  # "Tên - phụ đề": each part on its own, when there are several

    @property
    def joined(self) -> str:
        return "".join(self.words)

    def display(self, word: str) -> str | None:
        """The word as written (with its diacritics), for reasons; None if not one of ours."""
        for shown in self.shown.split():
            if fold(shown) == word:
                return shown
        return None


SCRIPT_REASONS = {
    "cyrillic": "dùng ký tự Kirin (chữ Nga) giống chữ Latinh",
    "greek": "dùng ký tự Hy Lạp giống chữ Latinh",
    "fullwidth": "dùng ký tự toàn khổ (fullwidth) thay chữ thường",
    "styled": "dùng ký tự kiểu chữ đặc biệt (chữ toán học) thay chữ thường",
}
CHECK_MARKS = re.compile("[\u2713\u2714\u2611\u2705\U0001f5f8\u2600-\u26ff\u2b50]")
# Platform names and handles are far shorter; a pasted paragraph is cut rather than scored.
MAX_TEXT = 200
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


def handle_text(handle: str) -> str:
    text = handle.strip()
    if "/" in text:  # a URL or path: the account part is its last segment
        text = re.split(r"[?#]", text)[0]
        text = next((seg for seg in reversed(text.split("/")) if seg), "")
    return text.lstrip("@")


def analyse(text: str, *, is_handle: bool) -> Form:
    data = lookalike_data()
    text = text[:MAX_TEXT]
    original = text
    if is_handle:
        text = handle_text(text)
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
    words = [fold(w).lstrip("@") for w in _WORD.findall(text)]
    words = [w for w in words if w]
    words, spaced = _merge_spaced_letters(words)
    words = _rewrite_aliases(words, data)
    kept, labels = _strip_decorations(words, data)
    return Form(
        raw=original,
        words=tuple(kept),
        skels=tuple(skeleton(w) for w in kept),
        shown=" ".join(_WORD.findall(text)),
        decorations=frozenset(labels),
        scripts=frozenset(scripts),
        separators=separators,
        spaced=spaced,
        parts=_name_parts(original) if not is_handle else (),
    )


_PART_SEPARATOR = re.compile(r"\s[-–—|:]\s|[()\[\]|]|\s[-–—]|[-–—]\s")


def _name_parts(name: str) -> tuple[Form, ...]:
    """A name split at " - ", "|", ":" and brackets, each part analysed on its own.

    Impostors often write the official name followed by a slogan ("… Ninh Bình - Hỗ trợ nông
    dân"); the slogan must not hide the copied name.
    """
    pieces = [p.strip() for p in _PART_SEPARATOR.split(name) if p and p.strip()]
    if len(pieces) < 2:
        return ()
    return tuple(analyse(piece, is_handle=False) for piece in pieces)


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


def _rewrite_aliases(words: list[str], data: LookalikeData) -> list[str]:
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


def _strip_decorations(words: list[str], data: LookalikeData) -> tuple[list[str], set[str]]:
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
            for suffix, label in data.glued:
                if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                    word = word[: -len(suffix)]
                    labels.add(label)
                    changed = True
                    break
        kept[index] = word
    if not kept:  # a name made only of decorations: compare it as it is
        return words, set()
    return kept, labels
