"""The declarative importer: columns, validation, preview plan and all-or-nothing commit.

An `Importer` subclass names its columns (Vietnamese header, field, cell kind, required, help),
its model and stable key, and implements three hooks: `check_rows` (references, scope, conflicts
against the database), `values_for` (cleaned row -> model field values) and `save` (write one
object). The base class does the rest the same way for every list we import:

1. match headers (case, spacing and a trailing "*" ignored) and refuse missing required columns;
2. parse every cell, collect every problem as `RowError(row, column, message)`;
3. refuse duplicate keys inside the file, naming both rows;
4. look up existing objects by key and classify each row as create / update / unchanged;
5. commit inside one transaction, re-planning first so nothing written if anything fails.

Unchanged rows are never saved, so re-importing a file writes nothing and leaves no audit noise.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any, ClassVar

from django.db import models, transaction

from ungxu.imports.cells import CellError, Text
from ungxu.imports.readers import Table

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
ACTION_LABELS = {CREATE: "Thêm mới", UPDATE: "Cập nhật", UNCHANGED: "Không đổi"}


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    kind: Any = dc_field(default_factory=Text)
    required: bool = False
    help: str = ""
    example: str = ""

    def parse(self, raw: str) -> Any:
        return self.kind.parse(raw) if raw.strip() else self.kind.empty

    def format(self, value: Any) -> str:
        return str(self.kind.format(value))


@dataclass(frozen=True)
class RowError:
    row: int | None  # None: the problem concerns the whole file
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"Dòng {self.row}")
        if self.column:
            where.append(f"cột «{self.column}»")
        text = f"{', '.join(where)}: {self.message}" if where else self.message
        return text[:1].upper() + text[1:]

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class Row:
    number: int
    values: dict[str, Any]  # column field -> parsed value
    key: Any = None
    action: str = ""
    existing: Any = None
    changes: dict[str, tuple[Any, Any]] = dc_field(default_factory=dict)
    data: dict[str, Any] = dc_field(default_factory=dict)  # importer scratch space (resolved FKs…)


@dataclass
class Plan:
    rows: list[Row]
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {action: self.count(action) for action in (CREATE, UPDATE, UNCHANGED)}


class ImportFailed(Exception):
    def __init__(self, errors: Sequence[RowError]):
        super().__init__("; ".join(str(e) for e in errors[:5]))
        self.errors = list(errors)


def _normal_header(text: str) -> str:
    text = unicodedata.normalize("NFC", text).strip().rstrip("*").strip()
    return " ".join(text.split()).casefold()


class Importer:
    """Base class; see the module docstring. Subclasses set the class attributes below."""

    name: ClassVar[str]  # registry key and URL part, e.g. "people"
    title: ClassVar[str]  # Vietnamese list name, e.g. "Nhân sự"
    model: ClassVar[type[models.Model]]
    columns: ClassVar[tuple[Column, ...]]
    key_field: ClassVar[str] = "code"
    capability: ClassVar[str]  # scoping action needed on each row's organisation
    do_not_call_in_templates: ClassVar[bool] = True  # templates receive the class itself

    def __init__(self, user: Any):
        self.user = user

    # ---- hooks -----------------------------------------------------------------------------
    def check_rows(self, rows: list[Row], errors: list[RowError]) -> None:
        """Validate references, scope and conflicts; append problems to `errors`."""

    def values_for(self, row: Row) -> dict[str, Any]:
        """The values the row asks for, keyed by column field; compared with `export_row`."""
        return dict(row.values)

    def save(self, row: Row, values: dict[str, Any]) -> models.Model:
        """Write one created or changed row; `row.existing` is the object or None."""
        obj = row.existing or self.model()
        for name, value in values.items():
            setattr(obj, name, value)
        obj.full_clean()
        obj.save()
        return obj

    def queryset(self) -> models.QuerySet[Any]:
        """Where existing objects are looked up by key (add select_related for export_row)."""
        return self.model._default_manager.all()

    def ordered_for_commit(self, rows: list[Row]) -> list[Row]:
        """Rows in the order they must be written (e.g. parents before children)."""
        return rows

    def export_queryset(self) -> models.QuerySet[Any]:
        raise NotImplementedError

    def export_row(self, obj: Any) -> dict[str, Any]:
        """Column field -> value of an existing object, in the terms a parsed cell has."""
        return {column.field: getattr(obj, column.field) for column in self.columns}

    # ---- the shared machinery --------------------------------------------------------------
    def column(self, field_name: str) -> Column:
        return next(c for c in self.columns if c.field == field_name)

    def header(self, field_name: str) -> str:
        return self.column(field_name).header

    def plan(self, table: Table) -> Plan:
        errors: list[RowError] = []
        positions = self._match_headers(table.headers, errors)
        if errors:
            return Plan(rows=[], errors=errors)
        rows = [
            self._parse_row(number, cells, positions, table, errors) for number, cells in table.rows
        ]
        if not rows:
            errors.append(RowError(None, None, "Tệp không có dòng dữ liệu nào."))
        self._check_duplicates(rows, errors)
        self._attach_existing(rows)
        self.check_rows(rows, errors)
        bad_rows = {e.row for e in errors}
        for row in rows:
            if row.number not in bad_rows:
                self._classify(row)
        return Plan(rows=rows, errors=sorted(errors, key=lambda e: (e.row or 0, e.column or "")))

    @transaction.atomic
    def commit(self, table: Table, progress: Any = None) -> Plan:
        """Plan again and write; raise ImportFailed (nothing written) on any problem."""
        plan = self.plan(table)
        if not plan.ok:
            raise ImportFailed(plan.errors)
        todo = [r for r in self.ordered_for_commit(plan.rows) if r.action in (CREATE, UPDATE)]
        for index, row in enumerate(todo, start=1):
            values = self.values_for(row)
            try:
                row.existing = self.save(row, values)
            except Exception as error:  # a model-level check we did not foresee
                messages = getattr(error, "messages", None) or [str(error)]
                raise ImportFailed([RowError(row.number, None, "; ".join(messages))]) from error
            if progress is not None:
                progress(index, len(todo))
        return plan

    def _match_headers(self, headers: list[str], errors: list[RowError]) -> dict[str, int]:
        wanted = {_normal_header(c.header): c for c in self.columns}
        positions: dict[str, int] = {}
        for index, header in enumerate(headers):
            column = wanted.get(_normal_header(header))
            if column is None:
                continue  # extra columns (notes, row numbers…) are allowed and ignored
            if column.field in positions:
                errors.append(RowError(None, column.header, "cột này xuất hiện hai lần"))
            positions[column.field] = index
        for column in self.columns:
            if column.required and column.field not in positions:
                errors.append(RowError(None, column.header, "thiếu cột bắt buộc; hãy dùng tệp mẫu"))
        return positions

    def _parse_row(
        self,
        number: int,
        cells: list[str],
        positions: dict[str, int],
        table: Table,
        errors: list[RowError],
    ) -> Row:
        values: dict[str, Any] = {}
        for column in self.columns:
            index = positions.get(column.field)
            if index is None:
                continue  # optional column absent from the file: leave the field alone
            raw = cells[index] if index < len(cells) else ""
            if (number, index) in table.formula_cells:
                errors.append(
                    RowError(
                        number, column.header, "ô chứa công thức; hãy dán giá trị thay vì công thức"
                    )
                )
                continue
            if column.required and not raw.strip():
                errors.append(RowError(number, column.header, "không được để trống"))
                continue
            try:
                values[column.field] = column.parse(raw)
            except CellError as error:
                errors.append(RowError(number, column.header, str(error)))
        row = Row(number=number, values=values)
        row.key = values.get(self.key_field)
        return row

    def _check_duplicates(self, rows: list[Row], errors: list[RowError]) -> None:
        first_seen: dict[Any, int] = {}
        header = self.header(self.key_field)
        for row in rows:
            if row.key in (None, ""):
                continue
            if row.key in first_seen:
                errors.append(
                    RowError(
                        row.number,
                        header,
                        f"«{row.key}» trùng với dòng {first_seen[row.key]} trong cùng tệp",
                    )
                )
            else:
                first_seen[row.key] = row.number

    def _attach_existing(self, rows: list[Row]) -> None:
        keys = [row.key for row in rows if row.key not in (None, "")]
        found = {
            getattr(obj, self.key_field): obj
            for obj in self.queryset().filter(**{f"{self.key_field}__in": keys})
        }
        for row in rows:
            row.existing = found.get(row.key)

    def _classify(self, row: Row) -> None:
        if row.existing is None:
            row.action = CREATE
            return
        wanted = self.values_for(row)
        current = self.export_row(row.existing)
        row.changes = {
            name: (current.get(name), value)
            for name, value in wanted.items()
            if current.get(name) != value
        }
        row.action = UPDATE if row.changes else UNCHANGED


def fields_of(columns: Iterable[Column]) -> list[str]:
    return [c.field for c in columns]
