"""Personal data read from the ORIGINAL text: ID numbers, phones, bank accounts, e-mails,
licence plates and street addresses.

Every regex is linear (bounded repeats, no nested quantifiers) and is gated by a cheap test (a
digit or an `@` present) so clean comments cost almost nothing. Numbers are validated beyond
their shape: a CCCD needs a real province prefix and a plausible century/gender digit, a mobile
number a real network prefix, a landline, CMND or bank account number a nearby cue word, and a
digit run followed by a currency word is a price, not a phone number.

Addresses without a house number (a village name, "ở thôn …") need a rural or place word: the
shared automaton pass reports where those words and the "ở/tại/địa chỉ" leads occur (gate
words), so a text without them costs a dictionary look-up, and the address patterns are tried
only at those positions, never scanned over the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ungxu.screening.detectors.base import Resources
from ungxu.screening.detectors.support import (
    PerData,
    find_all,
    phrase_regex,
    search_text_of,
    str_list,
)
from ungxu.screening.matcher import padded_words, spaced
from ungxu.screening.normalize import NormalizedText, fold
from ungxu.screening.registry import register
from ungxu.screening.types import Hit

__all__ = ["PiiDetector", "find_addresses", "find_phones"]

CATEGORY = "personal_data"
_DIGIT_RE = re.compile(r"\d")
# A run of digits with single separators; the lookarounds keep it from starting or ending inside
# a longer number (including decimals such as 1.234.567).
_NUMBER_RE = re.compile(r"(?<![\d\w])(?<!\d[.,])\+?\d(?:[ .\-]?\d){5,22}(?![\d])(?![.,]\d)")
_PHONE_RE = re.compile(
    r"(?<![\w+])(?<!\d[.,])(?:\(\+?84\)[ .\-]?|\+84[ .\-]?|84(?=\d{9}(?!\d))|0)"
    r"(?:[35789](?:[ .\-]?\d){8}|2(?:[ .\-]?\d){9})(?!\d)(?![.,]\d)"
)
_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62})"
    r"(?:\.[A-Za-z0-9\-]{1,63}){1,6}"
)
_PLATE_RE = re.compile(
    r"(?<![\w.\-])([1-9]\d)[ ]?([A-Z]{1,2}\d?)[ \-.]?(\d{3}\.\d{2}|\d{4,5})(?![\w])"
)
_TAX_RE = re.compile(r"(?<![\w])\d{10}(?:-\d{3})?(?![\w])")
_INSURANCE_RE = re.compile(r"(?<![\w])(?:[A-Za-z]{2}\d{13}|\d{10})(?![\w])")
_PLATE_LOOSE_RE = re.compile(
    r"(?<![\w.\-])([1-9]\d)[ ]?([A-Za-z]{1,2}\d?)[ \-.]?(\d{3}[ .]?\d{2}|\d{4})(?![\w])"
)
_PASSPORT_RE = re.compile(r"(?<![\w])[A-Za-z]\d{7}(?![\w])")
_PRICE_AFTER_RE = re.compile(r"\s?(?:[₫$]|(?:d|dong|vnd|k|tr|trieu|nghin|ngan|usd|ty)\b)")


@dataclass(frozen=True)
class _Compiled:
    provinces: frozenset[str]
    century: frozenset[str]
    cmnd_cues: re.Pattern[str] | None
    cccd_cues: re.Pattern[str] | None
    passport_cues: re.Pattern[str] | None
    tax_cues: re.Pattern[str] | None
    insurance_cues: re.Pattern[str] | None
    plate_cues: re.Pattern[str] | None
    mobile: frozenset[str]
    landline_cues: re.Pattern[str] | None
    bank_cues: re.Pattern[str] | None
    secret_cues: re.Pattern[str] | None
    bank_before: int
    bank_after: int
    house: re.Pattern[str] | None
    rural: re.Pattern[str] | None
    rural_words: tuple[str, ...]
    rural_gate: frozenset[str]  # the rural words folded, as gate words of the padded view
    rural_at_gates: bool  # every rural word folds to a gate word (see `_rural_starts`)
    address_gate: frozenset[str]  # every gate word of the address rules
    unnumbered_gate: frozenset[str]  # those that need no digit (rural and place words)
    lived_at: re.Pattern[str] | None
    lived_at_home: re.Pattern[str] | None
    lived_at_gate: frozenset[str]
    lived_at_leads: frozenset[str]  # first words of the "ở/tại/địa chỉ" leads, padded
    lived_at_numbered_gate: frozenset[str]
    # The same gate word families as tuples, for `str.startswith` at a known position.
    rurals: tuple[str, ...]
    places: tuple[str, ...]
    numbered: tuple[str, ...]
    phone_cues: re.Pattern[str] | None


def _compile(data: Mapping[str, Any]) -> _Compiled:
    cccd, phone, bank, address, other = (
        data.get(k, {}) for k in ("cccd", "phone", "bank", "address", "other_ids")
    )
    street = [re.escape(w) for w in str_list(address, "street_words")]
    rural = [re.escape(w).replace("\\ ", r"\s+") for w in str_list(address, "rural_words")]
    house = (
        re.compile(
            r"(?i:(?<![^\W_])(?:số nhà|số|nhà)\s*)?(?<![\d/])\d{1,4}[A-Za-z]?(?:/\d{1,4}[A-Za-z]?){0,3}"
            r"\s*(?:,\s*)?(?i:" + "|".join(street) + r")\s+(?:\d{1,4}[A-Za-z]?|[^\W\d_]+)"
            # (no two adjacent space quantifiers: a long run of spaces must not backtrack)
            r"(?:[ ,]+(?:(?i:ngõ|ngách|hẻm|kiệt|đường|phố|tổ)\s+)?(?:\d{1,4}|[A-ZĐ][^\W\d_]*)){0,4}"
        )
        if street
        else None
    )
    rural_re = (
        re.compile(
            r"(?<![^\W_])(?i:" + "|".join(rural) + r")\s+(?:\d{1,3}(?![\d\w])|[A-ZĐ][^\W\d_]*"
            r"(?:\s+[A-ZĐ][^\W\d_]*){0,3})"
        )
        if rural
        else None
    )
    phone_regex = phrase_regex(str_list(phone, "phone_cues"))
    rural_gate = frozenset(
        f" {' '.join(fold(w.lower()).split())} " for w in str_list(address, "rural_words")
    )
    lived_at_gate = frozenset(f" {w.split()[0]} " for w in str_list(address, "lived_at_places"))
    numbered_gate = frozenset(f" {w.split()[0]} " for w in str_list(address, "lived_at_numbered"))
    return _Compiled(
        provinces=frozenset(str_list(cccd, "province_codes")),
        century=frozenset(str_list(cccd, "century_gender_digits")),
        cmnd_cues=phrase_regex(str_list(cccd, "cmnd_cues")),
        cccd_cues=phrase_regex(str_list(cccd, "cccd_cues")),
        passport_cues=phrase_regex(str_list(cccd, "passport_cues")),
        tax_cues=phrase_regex(str_list(other, "tax_cues")),
        insurance_cues=phrase_regex(str_list(other, "insurance_cues")),
        plate_cues=phrase_regex(str_list(other, "plate_cues")),
        mobile=frozenset(str_list(phone, "mobile_prefixes")),
        landline_cues=phrase_regex(str_list(phone, "landline_cues")),
        bank_cues=phrase_regex(str_list(bank, "cues")),
        secret_cues=phrase_regex(str_list(bank, "secret_cues")),
        bank_before=int(bank.get("window_before", 40)),
        bank_after=int(bank.get("window_after", 25)),
        house=house,
        rural=rural_re,
        rural_words=tuple(f" {w.lower()} " for w in str_list(address, "rural_words")),
        rural_gate=rural_gate,
        rural_at_gates=all(
            spaced(fold(f" {w.lower()} ")) in rural_gate for w in str_list(address, "rural_words")
        ),
        address_gate=rural_gate | lived_at_gate | numbered_gate,
        unnumbered_gate=rural_gate | lived_at_gate,
        lived_at=_lived_at(address, "lived_at_words"),
        lived_at_home=_lived_at(address, "lived_at_home_words"),
        lived_at_leads=frozenset(
            (
                " dia chi ",
                *(
                    f" {w.split()[0]} "
                    for key in ("lived_at_words", "lived_at_home_words")
                    for w in str_list(address, key)
                ),
            )
        ),
        lived_at_gate=lived_at_gate,
        lived_at_numbered_gate=numbered_gate,
        rurals=tuple(sorted(rural_gate)),
        places=tuple(sorted(lived_at_gate)),
        numbered=tuple(sorted(numbered_gate)),
        phone_cues=phone_regex,
    )


def _lived_at(address: Mapping[str, Any], key: str) -> re.Pattern[str] | None:
    """A place word after "ở/tại" ("ở thôn đông", "o to 7"), read on the folded text."""
    lived = str_list(address, key)
    places = str_list(address, "lived_at_places")
    numbered = str_list(address, "lived_at_numbered") or ["so"]
    if not lived or not places:
        return None

    def alt(words: list[str]) -> str:
        return "|".join(
            re.escape(w).replace("\\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
        )

    lead = rf"dia chi(?:\s+[a-z]{{1,7}}){{0,6}}?\s+(?:la|o|tai)|{alt(lived)}"
    if key != "lived_at_home_words":
        lead = alt(lived)
    return re.compile(
        rf"(?<![^\W_])(?:{lead})\s+(?:(?:{alt(places)})\s+(?:\d{{1,4}}[a-z]?|[a-z]{{2,7}})"
        rf"|(?:{alt(numbered)})\s+\d{{1,4}}[a-z]?)(?:\s+[a-z]{{2,7}})?(?![^\W_])"
    )


_compiled = PerData(_compile)
_PHONE_LOOSE_RE = re.compile(r"(?<![\w+])(?<!\d[.,])0[35789](?:[ .\-]?\d){7,9}(?!\d)(?![.,]\d)")


class _Cues:
    """Cue words found on the NORMALIZED text (so `t.à.i k.h.o.ả.n` still counts), as original
    spans; computed on first use per cue list."""

    def __init__(self, doc: NormalizedText | None, lowered: str) -> None:
        self._doc = doc
        self._lowered = lowered
        self._spans: dict[int, list[tuple[int, int]]] = {}

    def near(
        self, cues: re.Pattern[str] | None, start: int, end: int, before: int, after: int
    ) -> bool:
        if cues is None:
            return False
        spans = self._spans.get(id(cues))
        if spans is None:
            if self._doc is not None:
                doc = self._doc
                spans = [doc.to_original(m.start(), m.end()) for m in cues.finditer(doc.folded)]
            else:
                spans = [m.span() for m in cues.finditer(self._lowered)]
            self._spans[id(cues)] = spans
        return any(a < end + after and b > start - before for a, b in spans)


def find_phones(
    original: str, c: _Compiled, lowered: str, cues: _Cues | None = None
) -> list[tuple[int, int, bool]]:
    """(start, end, is_mobile) of phone numbers; prices and non-network prefixes skipped."""
    cues = cues or _Cues(None, lowered)
    out: list[tuple[int, int, bool]] = []
    for m in _PHONE_RE.finditer(original):
        digits = re.sub(r"\D", "", m.group())
        if digits.startswith("84"):
            digits = "0" + digits[2:]
        if _PRICE_AFTER_RE.match(lowered, m.end()):
            continue
        if len(digits) == 10 and digits[:3] in c.mobile:
            out.append((m.start(), m.end(), True))
        elif (
            len(digits) == 11
            and digits.startswith("02")
            and cues.near(c.landline_cues, m.start(), m.end(), 30, 0)
        ):
            out.append((m.start(), m.end(), False))
    # With "số điện thoại", "gọi", "zalo"… just before it, a mobile-looking number with a digit
    # too few or too many is still somebody's phone (people mistype, the number still leaks).
    if c.phone_cues is not None:
        for m in _PHONE_LOOSE_RE.finditer(original):
            if any(a < m.end() and m.start() < b for a, b, _ in out):
                continue
            if _PRICE_AFTER_RE.match(lowered, m.end()):
                continue
            if cues.near(c.phone_cues, m.start(), m.end(), 60, 0):
                out.append((m.start(), m.end(), True))
    return out


def _scan(pattern: re.Pattern[str], text: str, anchors: list[int] | None) -> list[re.Match[str]]:
    """All matches of `pattern` in `text`, tried only at `anchors` when given (fast path)."""
    if anchors is None:
        return list(pattern.finditer(text))
    out: list[re.Match[str]] = []
    end = -1
    for pos in anchors:
        if pos >= end:
            m = pattern.match(text, pos)
            if m is not None:
                out.append(m)
                end = m.end()
    return out


def find_addresses(
    original: str,
    c: _Compiled,
    lowered: str | None = None,
    folded: str | None = None,
    has_digit: bool | None = None,
    rural_at: list[int] | None = None,
    lived_at: list[int] | None = None,
) -> list[tuple[int, int, int]]:
    """(start, end, severity): a house number on a street is 2, a village/hamlet name 1.

    `lowered` is any lower-cased version of the text, only used to skip the rural pattern;
    `folded` is `search_text(original)` (same length), for the "ở thôn …" pattern.
    `rural_at`/`lived_at`: original positions where those patterns may start (the detector
    finds them with `str.find`); None scans the whole text.
    """
    out: list[tuple[int, int, int]] = []
    if has_digit is None:
        has_digit = _DIGIT_RE.search(original) is not None
    if c.house is not None and has_digit:
        out.extend((m.start(), m.end(), 2) for m in c.house.finditer(original))
    if c.rural is not None:
        if rural_at is None:
            lowered = " " + (original.lower() if lowered is None else lowered) + " "
            if any(w in lowered for w in c.rural_words):
                out.extend((m.start(), m.end(), 1) for m in c.rural.finditer(original))
        else:
            out.extend((m.start(), m.end(), 1) for m in _scan(c.rural, original, rural_at))
    if folded is not None:
        for pattern, severity in ((c.lived_at_home, 2), (c.lived_at, 1)):
            if pattern is None:
                continue
            for m in _scan(pattern, folded, lived_at):
                overlapping = [x for x in out if x[0] < m.end() and m.start() < x[1]]
                if not overlapping:
                    out.append((m.start(), m.end(), severity))
                elif severity == 2:  # "nhà ở xóm 5": the home makes a village address personal
                    for x in overlapping:
                        out.remove(x)
                    out.append(
                        (
                            min(m.start(), *(x[0] for x in overlapping)),
                            max(m.end(), *(x[1] for x in overlapping)),
                            2,
                        )
                    )
    return out


@register
class PiiDetector:
    name = "pii"

    def gate_words(self, patterns: Mapping[str, Mapping[str, Any]]) -> Iterable[str]:
        data = patterns.get("pii")
        if not data:
            return ()
        c = _compiled.get(data)
        # The leads ("ở", "tại") are common words, but riding along in the shared pass costs
        # less than a pass of their own over every text holding a place word.
        return (*c.rural_gate, *c.lived_at_gate, *c.lived_at_numbered_gate, *c.lived_at_leads)

    def detect(self, doc: NormalizedText, resources: Resources) -> Iterable[Hit]:
        original = doc.original
        data = resources.patterns.get("pii")
        if not data or not original:
            return []
        c = _compiled.get(data)
        has_digit = bool(doc.memo.get("digits", True)) and _DIGIT_RE.search(original) is not None
        has_at = "@" in original
        if not has_digit and not has_at:
            # Most comments: no number and no e-mail, so only an address without a house
            # number may be there (and the shared pass says whether its words occur).
            return self._address_hits(doc, c, resources, "", False)
        lowered = search_text_of(doc)
        hits = self._numbers(original, c, lowered, _Cues(doc, lowered)) if has_digit else []
        if has_at:
            hits.extend(self._emails(original))
        hits.extend(self._address_hits(doc, c, resources, lowered, has_digit))
        return hits

    def _numbers(self, original: str, c: _Compiled, lowered: str, cues: _Cues) -> list[Hit]:
        """Phones, ID, bank, passport, tax and insurance numbers and licence plates."""
        hits: list[Hit] = []
        taken: list[tuple[int, int]] = []
        for start, end, mobile in find_phones(original, c, lowered, cues):
            taken.append((start, end))
            hits.append(
                Hit(
                    CATEGORY,
                    start,
                    end,
                    2,
                    "pii.phone" if mobile else "pii.landline",
                    reason="Nội dung chứa số điện thoại.",
                )
            )
        for m in _NUMBER_RE.finditer(original):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            hit = self._number(m, c, lowered, cues)
            if hit is not None:
                hits.append(hit)
        if c.passport_cues is not None:
            for m in _PASSPORT_RE.finditer(original):
                if cues.near(c.passport_cues, m.start(), m.end(), 30, 0):
                    hits.append(
                        Hit(
                            CATEGORY,
                            m.start(),
                            m.end(),
                            3,
                            "pii.passport",
                            reason="Nội dung chứa số hộ chiếu.",
                        )
                    )
        plates = [m.span() for m in _PLATE_RE.finditer(original)]
        if c.plate_cues is not None:
            plates.extend(
                m.span()
                for m in _PLATE_LOOSE_RE.finditer(original)
                if cues.near(c.plate_cues, m.start(), m.end(), 25, 0)
                and not any(a < m.end() and m.start() < b for a, b in plates)
            )
        for start, end in plates:
            hits.append(
                Hit(CATEGORY, start, end, 2, "pii.plate", reason="Nội dung chứa biển số xe.")
            )
        for pattern, cue, rule, reason in (
            (_TAX_RE, c.tax_cues, "pii.tax_code", "Nội dung chứa mã số thuế cá nhân."),
            (
                _INSURANCE_RE,
                c.insurance_cues,
                "pii.insurance",
                "Nội dung chứa mã số bảo hiểm xã hội, bảo hiểm y tế.",
            ),
        ):
            if cue is None:
                continue
            for m in pattern.finditer(original):
                if cues.near(cue, m.start(), m.end(), 30, 0) and not any(
                    h.start < m.end() and m.start() < h.end for h in hits
                ):
                    hits.append(Hit(CATEGORY, m.start(), m.end(), 2, rule, reason=reason))
        return hits

    @staticmethod
    def _emails(original: str) -> list[Hit]:
        hits: list[Hit] = []
        for m in _EMAIL_RE.finditer(original):
            tld = m.group().rsplit(".", 1)[-1]
            if tld.isalpha() and len(tld) >= 2:
                hits.append(
                    Hit(
                        CATEGORY,
                        m.start(),
                        m.end(),
                        2,
                        "pii.email",
                        reason="Nội dung chứa địa chỉ thư điện tử.",
                    )
                )
        return hits

    def _address_hits(
        self, doc: NormalizedText, c: _Compiled, resources: Resources, lowered: str, has_digit: bool
    ) -> list[Hit]:
        """Addresses. Those without a house number start at a rural word or at "ở/tại/địa
        chỉ": the patterns are tried only there, and only when the shared automaton pass saw
        one of their (folded) words."""
        # ("tổ 7", "ngõ 12": a numbered place word counts only with a digit in the text.)
        at = resources.gate_positions(doc, c.address_gate if has_digit else c.unnumbered_gate)
        if not at:
            return self._addresses(doc, c, None, has_digit, [], []) if has_digit else []
        # `at` holds every start of the words asked for; which word starts there is read off
        # the padded view (cheaper than asking the shared pass once per word family).
        padded = padded_words(doc)
        rural_at = self._rural_starts(doc, c, [i for i in at if padded.startswith(c.rurals, i)])
        places = any(padded.startswith(c.places, i) for i in at) or (
            has_digit and any(padded.startswith(c.numbered, i) for i in at)
        )
        leads = resources.gate_positions(doc, c.lived_at_leads) if places else []
        lived_at = [doc.to_original(i, i + 1)[0] for i in leads]
        folded = (lowered or search_text_of(doc)) if lived_at else None
        if has_digit or rural_at or lived_at:
            return self._addresses(doc, c, folded, has_digit, rural_at, lived_at)
        return []

    @staticmethod
    def _rural_starts(doc: NormalizedText, c: _Compiled, gates: list[int]) -> list[int]:
        """Original starts of the rural words, as written (accented), in the normalized text;
        `gates`: the starts of their folded forms (gate words) on the padded view."""
        if not gates:
            return []
        accented = " " + doc.text + " "
        if c.rural_at_gates:
            # `accented` and the padded view have the same length and every rural word folds
            # to a gate word, so a rural word can only start where the shared pass saw a gate.
            starts = [i for i in gates if accented.startswith(c.rural_words, i)]
        else:
            starts = find_all(accented, c.rural_words)
        return [doc.to_original(i, i + 1)[0] for i in starts]

    @staticmethod
    def _addresses(
        doc: NormalizedText,
        c: _Compiled,
        folded: str | None,
        has_digit: bool,
        rural_at: list[int],
        lived_at: list[int],
    ) -> list[Hit]:
        return [
            Hit(
                CATEGORY, start, end, severity, "pii.address", reason="Nội dung chứa địa chỉ nơi ở."
            )
            for start, end, severity in find_addresses(
                doc.original, c, doc.text, folded, has_digit, rural_at, lived_at
            )
        ]

    @staticmethod
    def _number(m: re.Match[str], c: _Compiled, lowered: str, cues: _Cues) -> Hit | None:
        digits = re.sub(r"\D", "", m.group())
        start, end = m.start(), m.end()
        if _PRICE_AFTER_RE.match(lowered, end):
            return None
        if cues.near(c.secret_cues, start, end, 50, 0):
            return None  # a password or OTP: the credentials detector reports it
        near_bank = cues.near(c.bank_cues, start, end, c.bank_before, c.bank_after)
        if near_bank and 6 <= len(digits) <= 19:
            return Hit(
                CATEGORY,
                start,
                end,
                2,
                "pii.bank_account",
                reason="Nội dung chứa số tài khoản ngân hàng.",
            )
        if len(digits) == 12 and (
            (digits[:3] in c.provinces and digits[3] in c.century)
            or cues.near(c.cccd_cues, start, end, 25, 0)
        ):
            return Hit(
                CATEGORY,
                start,
                end,
                3,
                "pii.cccd",
                reason="Nội dung chứa số căn cước công dân (số định danh cá nhân).",
            )
        if len(digits) in (9, 12) and cues.near(c.cmnd_cues, start, end, 30, 0):
            return Hit(
                CATEGORY, start, end, 3, "pii.cmnd", reason="Nội dung chứa số chứng minh nhân dân."
            )
        return None
