"""The Code's clauses, legal references with in-force dates, and per-category data.

A verdict cites, for each finding, the Code clauses of its category and the legal references of
its category that are in force on the screening date (`valid_from <= on <= valid_to`, either end
open when absent). All of it is data (`code_of_conduct.toml`, `legal_refs.toml`,
`categories.toml`) so an administrator can correct an article number or add a new decree
without a release.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ungxu.screening.data_loading import DataError, find_data_file, read_toml
from ungxu.screening.types import CATEGORIES, MAX_SEVERITY, MIN_SEVERITY, Citation

__all__ = ["Catalog", "CategoryInfo", "Clause", "LegalRef", "load_catalog"]


@dataclass(frozen=True, slots=True)
class Clause:
    key: str
    group: str
    article: str
    title: str
    summary: str
    verified: bool


@dataclass(frozen=True, slots=True)
class LegalRef:
    key: str
    title: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    note: str = ""

    def in_force(self, on: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


@dataclass(frozen=True, slots=True)
class CategoryInfo:
    id: str
    name: str
    reason: str
    action: str
    code_keys: tuple[str, ...]
    legal_keys: tuple[str, ...]
    review_at: int
    block_at: int


def _date(value: Any, where: str, field: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise DataError(f"{where}: trường '{field}' phải là ngày dạng YYYY-MM-DD, nhận {value!r}.")


def _str(entry: dict[str, Any], field: str, where: str, default: str | None = None) -> str:
    value = entry.get(field, default)
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise DataError(f"{where}: thiếu hoặc sai trường '{field}' (chuỗi).")
    return value


def _keys(entry: dict[str, Any], field: str, where: str) -> tuple[str, ...]:
    value = entry.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(f"{where}: trường '{field}' phải là danh sách chuỗi.")
    return tuple(value)


class Catalog:
    """Clauses, references and categories, with cached citation lists per (category, date)."""

    def __init__(
        self,
        clauses: dict[str, Clause],
        refs: dict[str, LegalRef],
        categories: dict[str, CategoryInfo],
        code_title: str = "Bộ Quy tắc ứng xử trên mạng xã hội",
    ) -> None:
        self.clauses = clauses
        self.refs = refs
        self.categories = categories
        self.code_title = code_title
        self._cache: dict[tuple[str, dt.date], tuple[Citation, ...]] = {}

    def category(self, category: str) -> CategoryInfo:
        info = self.categories.get(category)
        if info is None:
            return CategoryInfo(
                category,
                category,
                "Nội dung có dấu hiệu vi phạm.",
                "Xem xét lại nội dung.",
                (),
                (),
                2,
                3,
            )
        return info

    def citations(self, category: str, on: dt.date) -> tuple[Citation, ...]:
        cached = self._cache.get((category, on))
        if cached is not None:
            return cached
        info = self.category(category)
        out: list[Citation] = []
        for key in info.code_keys:
            clause = self.clauses.get(key)
            if clause is not None:
                out.append(Citation(key, f"{self.code_title}: {clause.title}", "code"))
        for key in info.legal_keys:
            ref = self.refs.get(key)
            if ref is not None and ref.in_force(on):
                out.append(Citation(key, ref.title, "law"))
        result = tuple(out)
        if len(self._cache) < 4096:
            self._cache[(category, on)] = result
        return result


def _load_clauses(path: Path) -> tuple[dict[str, Clause], str]:
    data = read_toml(path)
    document = data.get("document", {})
    code_title = str(document.get("short_title", "Bộ Quy tắc ứng xử trên mạng xã hội"))
    clauses: dict[str, Clause] = {}
    for number, entry in enumerate(data.get("clauses", []), 1):
        where = f"Tệp {path.name}, mục [[clauses]] thứ {number}"
        key = _str(entry, "key", where)
        article = entry.get("article", "")
        clauses[key] = Clause(
            key=key,
            group=_str(entry, "group", where),
            article=str(article),
            title=_str(entry, "title", where),
            summary=_str(entry, "summary", where, ""),
            verified=bool(entry.get("verified", False)),
        )
    return clauses, code_title


def _load_refs(path: Path) -> dict[str, LegalRef]:
    data = read_toml(path)
    refs: dict[str, LegalRef] = {}
    for number, entry in enumerate(data.get("refs", []), 1):
        where = f"Tệp {path.name}, mục [[refs]] thứ {number}"
        key = _str(entry, "key", where)
        ref = LegalRef(
            key=key,
            title=_str(entry, "title", where),
            valid_from=_date(entry.get("valid_from"), where, "valid_from"),
            valid_to=_date(entry.get("valid_to"), where, "valid_to"),
            note=_str(entry, "note", where, ""),
        )
        if ref.valid_from and ref.valid_to and ref.valid_to < ref.valid_from:
            raise DataError(f"{where}: 'valid_to' trước 'valid_from'.")
        refs[key] = ref
    return refs


def _load_categories(
    path: Path, clauses: dict[str, Clause], refs: dict[str, LegalRef]
) -> dict[str, CategoryInfo]:
    data = read_toml(path).get("categories", {})
    out: dict[str, CategoryInfo] = {}
    for cid, entry in data.items():
        where = f"Tệp {path.name}, mục [categories.{cid}]"
        if cid not in CATEGORIES:
            raise DataError(f"{where}: nhóm vi phạm không hợp lệ.")
        code_keys = _keys(entry, "code_keys", where)
        legal_keys = _keys(entry, "legal_keys", where)
        for key in code_keys:
            if key not in clauses:
                raise DataError(f"{where}: khoản {key!r} không có trong code_of_conduct.toml.")
        for key in legal_keys:
            if key not in refs:
                raise DataError(f"{where}: căn cứ {key!r} không có trong legal_refs.toml.")
        review_at, block_at = entry.get("review_at", 2), entry.get("block_at", 3)
        for field, value in (("review_at", review_at), ("block_at", block_at)):
            if not isinstance(value, int) or not MIN_SEVERITY <= value <= MAX_SEVERITY + 1:
                raise DataError(f"{where}: trường '{field}' phải là số nguyên 1–5.")
        out[cid] = CategoryInfo(
            id=cid,
            name=_str(entry, "name", where),
            reason=_str(entry, "reason", where),
            action=_str(entry, "action", where),
            code_keys=code_keys,
            legal_keys=legal_keys,
            review_at=review_at,
            block_at=block_at,
        )
    return out


@lru_cache(maxsize=8)
def load_catalog(root: Path) -> Catalog:
    clauses, code_title = _load_clauses(find_data_file(root, "code_of_conduct.toml"))
    refs = _load_refs(find_data_file(root, "legal_refs.toml"))
    categories = _load_categories(find_data_file(root, "categories.toml"), clauses, refs)
    return Catalog(clauses, refs, categories, code_title)
