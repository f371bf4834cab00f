"""The content of an official document in the Nghị định 30/2020/NĐ-CP format, renderer-neutral.

An :class:`OfficialDocument` holds the nine mandatory parts (national title and motto are fixed
text; everything else is data). ``render_docx`` and ``render_pdf`` turn it into bytes; neither
touches Django, so views, tasks and the CLI call them alike.

Formatting facts applied here (ND30, Phụ lục I): the day of the month below 10 and the months
January and February get a leading zero ("ngày 05 tháng 01", "ngày 15 tháng 3"); a document
number below 10 gets a leading zero ("Số: 05/BC-SNN"); a công văn has no type heading and carries
its summary as "V/v …" under the number; the last line of "Nơi nhận" is the archive line
"- Lưu: VT, …".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
CONG_VAN = "CÔNG VĂN"
# Authorities a signer may sign for (ND30 Điều 13); "Q." is an acting head and takes no
# second line.
AUTHORITIES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")
_CODE = re.compile(r"[A-ZĐ0-9]+(?:[-.][A-ZĐ0-9]+)*")


class DocumentError(ValueError):
    """The document's data breaks a rule of the format; the message is Vietnamese."""


@dataclass(frozen=True)
class Heading:
    """A numbered heading: level 1 "I.", level 2 "1.", level 3 "a)". ``number`` overrides the
    automatic numbering (which restarts under each higher heading)."""

    text: str
    level: int = 1
    number: str | None = None


@dataclass(frozen=True)
class Paragraph:
    """Body text, justified with a first-line indent (``indent=False`` for a list line)."""

    text: str
    indent: bool = True
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Table:
    """A simple grid (report figures). Cells are text; the first row is ``headers``."""

    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    title: str | None = None
    widths: Sequence[float] | None = None  # relative column widths
    note: str | None = None


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class Annex:
    """A "Phụ lục" printed on its own page after the signature."""

    title: str
    blocks: Sequence[Block]
    subtitle: str | None = None


@dataclass(frozen=True)
class Signer:
    """The signature block: ``authority`` + ``on_behalf_of`` ("KT. GIÁM ĐỐC"), then ``title``
    ("PHÓ GIÁM ĐỐC"), the signature/seal placeholder, then ``name``."""

    name: str
    title: str
    authority: str | None = None
    on_behalf_of: str | None = None
    placeholder: str = "(Đã ký)"

    def lines(self) -> list[str]:
        """The upper-case lines above the signature space."""
        if self.authority is None:
            return [self.title.upper()]
        if self.authority == "Q.":
            return [f"Q. {self.title.upper()}"]
        return [f"{self.authority} {(self.on_behalf_of or '').upper()}", self.title.upper()]


@dataclass(frozen=True)
class OfficialDocument:
    issuing_body: str
    code: str  # code symbol after the slash: "BC-SNN" (report), "SNN-VP" (công văn)
    place: str
    doc_type: str  # "BÁO CÁO", "CÔNG VĂN", "TỜ TRÌNH", "THÔNG BÁO", "KẾ HOẠCH"…
    summary: str
    body: Sequence[Block]
    signer: Signer
    parent_body: str | None = None
    number: int | None = None  # None: a draft, the number is left blank for the văn thư
    date: dt.date | None = None  # None: a draft, the date is left blank
    recipients: Sequence[str] = ()  # "Kính gửi:" (công văn, tờ trình)
    distribution: Sequence[str] = ()  # "Nơi nhận:" lines, without the leading "- "
    archive: str = "VT"  # what follows "Lưu:" on the last line of "Nơi nhận"
    annexes: Sequence[Annex] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        validate(self)

    @property
    def is_cong_van(self) -> bool:
        return self.doc_type.strip().upper() == CONG_VAN

    def number_line(self) -> str:
        number = f"{self.number:02d}" if self.number is not None else " " * 6
        return f"Số: {number}/{self.code}"

    def date_line(self) -> str:
        return vn_date_line(self.place, self.date)

    def summary_line(self) -> str:
        """ "V/v …" for a công văn, the plain summary otherwise."""
        text = self.summary.strip()
        if self.is_cong_van and not text.lower().startswith("v/v"):
            return f"V/v {text}"
        return text

    def distribution_lines(self) -> list[str]:
        """Every "Nơi nhận" line with its dash; the archive line comes last, added if absent."""
        lines = [f"- {line.strip().removeprefix('- ').rstrip(';.')};" for line in self.distribution]
        lines = [line for line in lines if not line.startswith("- Lưu:")]
        archive = self.archive.strip().removeprefix("Lưu:").strip().rstrip(".")
        lines.append(f"- Lưu: {archive}.")
        return lines

    def annex_label(self, index: int) -> str:
        return "PHỤ LỤC" if len(self.annexes) == 1 else f"PHỤ LỤC {roman(index)}"

    def annex_subtitle(self, annex: Annex) -> str:
        """The annex's own subtitle, or "(Kèm theo Báo cáo số 05/BC-SNN ngày 05/01/2026)"."""
        if annex.subtitle:
            return annex.subtitle
        kind = self.doc_type.strip().capitalize()
        when = f" ngày {self.date:%d/%m/%Y}" if self.date else ""
        return f"(Kèm theo {kind} số {self.number_line().removeprefix('Số: ').strip()}{when})"

    def numbered_blocks(self) -> list[tuple[Block, str | None]]:
        """Body blocks with the number each heading shows (roman / arabic / letter)."""
        return number_blocks(self.body)


def number_blocks(blocks: Sequence[Block]) -> list[tuple[Block, str | None]]:
    counters = [0, 0, 0]
    out: list[tuple[Block, str | None]] = []
    for block in blocks:
        if not isinstance(block, Heading):
            out.append((block, None))
            continue
        level = block.level
        counters[level - 1] += 1
        for deeper in range(level, 3):
            counters[deeper] = 0
        n = counters[level - 1]
        auto = f"{roman(n)}." if level == 1 else f"{n}." if level == 2 else f"{_letter(n)})"
        out.append((block, block.number if block.number is not None else auto))
    return out


def balanced_split(text: str, width: Callable[[str], float], limit: float) -> list[str]:
    """``text`` as one line if it fits ``limit``, else two lines of similar length.

    Long agency names wrap on paper as two even lines ("SỞ NÔNG NGHIỆP / VÀ MÔI TRƯỜNG"), not as
    a full line and an orphan word, which is what plain word wrapping gives.
    """
    words = text.split()
    if width(text) <= limit or len(words) < 2:
        return [text]
    best: list[str] = [text]
    best_width = float("inf")
    for cut in range(1, len(words)):
        lines = [" ".join(words[:cut]), " ".join(words[cut:])]
        widest = max(width(line) for line in lines)
        if widest < best_width:
            best, best_width = lines, widest
    return best


def vn_date_line(place: str, date: dt.date | None) -> str:
    """ "Ninh Bình, ngày 05 tháng 01 năm 2026"; a draft without date leaves blanks to fill in."""
    if date is None:
        return f"{place}, ngày      tháng      năm {dt.date.today().year}"
    return f"{place}, {vn_long_date(date)}"


def vn_long_date(date: dt.date) -> str:
    """ "ngày 05 tháng 01 năm 2026", "ngày 15 tháng 3 năm 2026".

    NĐ 30/2020 pads days below 10 and the months 1 and 2 with a zero (so "tháng 01" cannot be
    altered into "tháng 11" or "tháng 12"); other months are written as they are.
    """
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


def validate(doc: OfficialDocument) -> None:
    problems: list[str] = []
    for name, label in (
        ("issuing_body", "cơ quan ban hành"),
        ("place", "địa danh"),
        ("doc_type", "loại văn bản"),
        ("summary", "trích yếu"),
    ):
        if not str(getattr(doc, name)).strip():
            problems.append(f"Thiếu {label} ({name}).")
    if not _CODE.fullmatch(doc.code.strip()):
        problems.append(
            f"Ký hiệu văn bản '{doc.code}' không hợp lệ: chỉ gồm chữ in hoa, số, '-' hoặc '.' "
            "(ví dụ BC-SNN, SNN-VP)."
        )
    if doc.number is not None and not 1 <= doc.number <= 99_999:
        problems.append(f"Số văn bản {doc.number} không hợp lệ (từ 1 trở lên).")
    if doc.is_cong_van and not doc.recipients:
        problems.append("Công văn phải có ít nhất một nơi nhận ở mục 'Kính gửi'.")
    if not doc.body:
        problems.append("Nội dung văn bản (body) đang trống.")
    problems.extend(_block_problems(doc.body, "Nội dung"))
    for number, annex in enumerate(doc.annexes, start=1):
        problems.extend(_block_problems(annex.blocks, f"Phụ lục {number}"))
    signer = doc.signer
    if not signer.name.strip() or not signer.title.strip():
        problems.append("Người ký phải có họ tên và chức vụ.")
    if signer.authority is not None:
        if signer.authority not in AUTHORITIES:
            problems.append(
                f"Thẩm quyền ký '{signer.authority}' không hợp lệ (dùng {', '.join(AUTHORITIES)})."
            )
        elif signer.authority != "Q." and not (signer.on_behalf_of or "").strip():
            problems.append(
                f"Ký '{signer.authority}' phải ghi rõ thay mặt/thay cho ai (on_behalf_of)."
            )
    if problems:
        raise DocumentError(" ".join(problems))


def _block_problems(blocks: Sequence[Block], where: str) -> list[str]:
    problems: list[str] = []
    for index, block in enumerate(blocks, start=1):
        if isinstance(block, Heading) and block.level not in (1, 2, 3):
            problems.append(
                f"{where}, khối thứ {index}: đề mục cấp {block.level} không hợp lệ "
                "(chỉ 1, 2 hoặc 3)."
            )
        if isinstance(block, Table):
            width = len(block.headers)
            if width == 0:
                problems.append(f"{where}, khối thứ {index}: bảng không có cột tiêu đề.")
            if block.widths is not None and len(block.widths) != width:
                problems.append(f"{where}, khối thứ {index}: số độ rộng cột khác số cột.")
            for r, row in enumerate(block.rows, start=1):
                if len(row) != width:
                    problems.append(
                        f"{where}, khối thứ {index} (bảng), dòng {r}: có {len(row)} ô, "
                        f"cần {width} ô."
                    )
    return problems


def roman(n: int) -> str:
    values = ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, symbol in values:
        while n >= value:
            out += symbol
            n -= value
    return out


def _letter(n: int) -> str:
    # Vietnamese documents skip no letters in practice; beyond z, double up (aa, ab…).
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[n - 1] if n <= 26 else letters[(n - 1) // 26 - 1] + letters[(n - 1) % 26]
