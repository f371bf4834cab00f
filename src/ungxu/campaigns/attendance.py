"""Attendance of an in-person session, imported from a sheet and matched to people by code.

All or nothing: if any row names an unknown person (or one outside the importer's scope), no
attendance is written and every problem is reported with its row number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ungxu.audit.models import Action, record
from ungxu.campaigns.models import InPersonSession
from ungxu.core import scoping
from ungxu.imports.readers import FileRejected, read_table
from ungxu.orgs.models import Person

CODE_HEADER = "mã nhân sự"


@dataclass
class AttendanceResult:
    added: int = 0
    already: int = 0
    errors: list[str] = field(default_factory=list)


def import_attendance(
    session: InPersonSession, user: Any, name: str, data: bytes
) -> AttendanceResult:
    result = AttendanceResult()
    try:
        table = read_table(name, data)
    except FileRejected as exc:
        result.errors.append(str(exc))
        return result
    headers = [h.strip().casefold() for h in table.headers]
    if CODE_HEADER not in headers:
        result.errors.append("Dòng tiêu đề thiếu cột «Mã nhân sự».")
        return result
    column = headers.index(CODE_HEADER)
    wanted: dict[str, int] = {}
    for number, cells in table.rows:
        code = (cells[column] if column < len(cells) else "").strip().upper()
        if not code:
            result.errors.append(f"Dòng {number}, cột «Mã nhân sự»: để trống.")
        elif code in wanted:
            result.errors.append(
                f"Dòng {number}, cột «Mã nhân sự»: «{code}» trùng với dòng {wanted[code]}."
            )
        else:
            wanted[code] = number
    people = {p.code: p for p in scoping.scope(Person.objects.filter(code__in=wanted), user)}
    for code, number in wanted.items():
        if code not in people:
            result.errors.append(
                f"Dòng {number}, cột «Mã nhân sự»: không có nhân sự mã «{code}» "
                "(hoặc người này ngoài phạm vi của bạn)."
            )
    if result.errors:
        return result
    present = set(session.attendees.values_list("pk", flat=True))
    new = [p for p in people.values() if p.pk not in present]
    session.attendees.add(*new)
    result.added, result.already = len(new), len(people) - len(new)
    record(
        Action.IMPORT,
        session,
        message=f"Nhập danh sách tham dự: thêm {result.added}, đã có {result.already}.",
    )
    return result
