"""Reading and validating the engine's data files (TOML and TSV).

The data directory is `ungxu/screening/data/` unless `UNGXU_SCREENING_DATA` names another one.
A file missing from an override directory falls back to the shipped one, so an administrator can
override just `categories.toml` or just the lexicons. Every problem raises `DataError` with a
Vietnamese message naming the file, the entry and the field.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ungxu.screening.matcher import Term
from ungxu.screening.normalize import canonical, fold
from ungxu.screening.types import CATEGORIES, MAX_SEVERITY, MIN_SEVERITY, TARGETS

__all__ = [
    "PACKAGE_DATA",
    "DataError",
    "TermForms",
    "data_dir",
    "data_fingerprint",
    "find_data_file",
    "lexicon_files",
    "load_allow",
    "load_teencode",
    "load_term_file",
    "read_toml",
]

PACKAGE_DATA = Path(__file__).with_name("data")
ENV_VAR = "UNGXU_SCREENING_DATA"

TermForms = tuple[Term, list[str]]


class DataError(ValueError):
    """A data file that cannot be used; the message says which file, entry and field."""


def data_dir() -> Path:
    """The directory named by `UNGXU_SCREENING_DATA`, else the shipped data."""
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        path = Path(override)
        if not path.is_dir():
            raise DataError(f"{ENV_VAR}={override!r}: thư mục dữ liệu sàng lọc không tồn tại.")
        return path
    return PACKAGE_DATA


def find_data_file(root: Path, relative: str) -> Path:
    """`root/relative` when present, else the shipped file."""
    candidate = root / relative
    return candidate if candidate.exists() else PACKAGE_DATA / relative


def lexicon_files(root: Path) -> list[Path]:
    folder = root / "lexicons"
    if not folder.is_dir():
        folder = PACKAGE_DATA / "lexicons"
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"Tệp {path.name}: cú pháp TOML không hợp lệ ({exc}).") from exc
    except UnicodeDecodeError as exc:
        raise DataError(f"Tệp {path.name}: không phải UTF-8 hợp lệ.") from exc


def load_teencode(path: Path) -> dict[str, str]:
    """`short<TAB>expansion` per line, `#` comments; the first entry for a key wins."""
    table: dict[str, str] = {}
    if not path.is_file():
        return table
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        short, sep, expansion = line.partition("\t")
        if not sep or not short.strip() or not expansion.strip():
            raise DataError(
                f"Tệp {path.name}, dòng {number}: cần dạng 'viết tắt<TAB>dạng đầy đủ', "
                f"nhận được {line!r}."
            )
        table.setdefault(short.strip(), expansion.strip())
    return table


def context_phrases(values: object, where: str, field: str) -> tuple[str, ...]:
    """Context phrases as folded canonical strings (the form `matcher.near` compares)."""
    if values is None:
        return ()
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise DataError(f"{where}: trường '{field}' phải là danh sách chuỗi.")
    return tuple(" ".join(fold(canonical(v)).split()) for v in values if v.strip())


def _int_field(entry: Mapping[str, Any], field: str, default: int, where: str) -> int:
    value = entry.get(field, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise DataError(f"{where}: trường '{field}' phải là số nguyên, nhận được {value!r}.")
    return value


def _parse_term(
    entry: Mapping[str, Any], where: str, default_category: str | None, source: str
) -> TermForms:
    term_id = entry.get("id")
    if not isinstance(term_id, str) or not term_id.strip():
        raise DataError(f"{where}: thiếu trường 'id' (chuỗi, duy nhất).")
    where = f"{where} (id={term_id!r})"
    text = entry.get("term")
    if not isinstance(text, str) or not text.strip():
        raise DataError(f"{where}: thiếu trường 'term'.")
    forms = entry.get("forms", [])
    if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
        raise DataError(f"{where}: trường 'forms' phải là danh sách chuỗi.")
    category = entry.get("category", default_category)
    if category not in CATEGORIES:
        raise DataError(f"{where}: nhóm vi phạm (category) {category!r} không hợp lệ.")
    severity = _int_field(entry, "severity", 2, where)
    if not MIN_SEVERITY <= severity <= MAX_SEVERITY:
        raise DataError(f"{where}: mức độ (severity) phải từ 1 đến 4, nhận được {severity}.")
    target = entry.get("target")
    if target is not None and target not in TARGETS:
        raise DataError(f"{where}: đối tượng (target) {target!r} không hợp lệ.")
    reason = entry.get("reason")
    if reason is not None and not isinstance(reason, str):
        raise DataError(f"{where}: trường 'reason' phải là chuỗi.")
    window = _int_field(entry, "window", 4, where)
    if window < 1:
        raise DataError(f"{where}: trường 'window' phải ≥ 1.")
    fold_forms = entry.get("fold", True)
    if not isinstance(fold_forms, bool):
        raise DataError(f"{where}: trường 'fold' phải là true hoặc false.")
    term = Term(
        id=term_id,
        category=str(category),
        severity=severity,
        target=target,
        reason=reason,
        unless_near=context_phrases(entry.get("unless_near"), where, "unless_near"),
        only_near=context_phrases(entry.get("only_near"), where, "only_near"),
        window=window,
        fold=fold_forms,
        source=source,
    )
    return term, [text, *forms]


def load_term_file(
    path: Path, seen_ids: set[str] | None = None, source: str = "lexicon"
) -> list[TermForms]:
    """A lexicon or cue file: `[lexicon] category` default plus `[[terms]]`."""
    data = read_toml(path)
    header = data.get("lexicon", {})
    default_category = header.get("category") if isinstance(header, dict) else None
    entries = data.get("terms", [])
    if not isinstance(entries, list):
        raise DataError(f"Tệp {path.name}: '[[terms]]' phải là danh sách bảng.")
    seen = seen_ids if seen_ids is not None else set()
    out: list[TermForms] = []
    for number, entry in enumerate(entries, 1):
        where = f"Tệp {path.name}, mục [[terms]] thứ {number}"
        if not isinstance(entry, dict):
            raise DataError(f"{where}: phải là một bảng.")
        term, forms = _parse_term(entry, where, default_category, source)
        if term.id in seen:
            raise DataError(f"{where}: id {term.id!r} bị trùng.")
        seen.add(term.id)
        out.append((term, forms))
    return out


def load_allow(path: Path) -> tuple[list[TermForms], list[TermForms]]:
    """`allow.toml`: `[[allow]] phrase` and `[[reporting]] phrases/categories/window`."""
    if not path.is_file():
        return [], []
    data = read_toml(path)
    allow: list[TermForms] = []
    for number, entry in enumerate(data.get("allow", []), 1):
        where = f"Tệp {path.name}, mục [[allow]] thứ {number}"
        phrases = entry.get("phrases", [entry["phrase"]] if "phrase" in entry else None)
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise DataError(f"{where}: cần trường 'phrase' (chuỗi) hoặc 'phrases' (danh sách).")
        allow.append((Term(id=f"allow.{number}", category="allow"), list(phrases)))
    reporting: list[TermForms] = []
    for number, entry in enumerate(data.get("reporting", []), 1):
        where = f"Tệp {path.name}, mục [[reporting]] thứ {number}"
        phrases = entry.get("phrases")
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise DataError(f"{where}: trường 'phrases' phải là danh sách chuỗi.")
        categories = entry.get("categories", list(CATEGORIES))
        if not isinstance(categories, list) or any(c not in CATEGORIES for c in categories):
            raise DataError(f"{where}: trường 'categories' chứa nhóm không hợp lệ.")
        window = _int_field(entry, "window", 8, where)
        term = Term(
            id=f"reporting.{number}",
            category="reporting",
            window=window,
            categories=tuple(categories),
        )
        reporting.append((term, list(phrases)))
    return allow, reporting


def data_fingerprint(files: Iterable[Path]) -> str:
    """Short sha256 over the data files' names and bytes: the verdict's lexicon version."""
    digest = hashlib.sha256()
    for path in sorted(set(files), key=lambda p: (p.name, str(p))):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()[:12]
