"""The original text with each finding wrapped in <mark>, built safely.

Every piece of the user's text goes through `escape`; only our own <mark> tags are added, at the
finding offsets (which index the original text). Overlapping findings are merged into one mark
listing each finding it covers, so the HTML never nests or crosses tags.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def highlight(text: str, findings: Sequence[Mapping[str, Any]]) -> SafeString:
    spans: list[tuple[int, int, list[int]]] = []
    ordered = sorted(enumerate(findings), key=lambda pair: (int(pair[1]["start"]), pair[0]))
    for index, finding in ordered:
        start = max(0, min(len(text), int(finding["start"])))
        end = max(start, min(len(text), int(finding["end"])))
        if end == start:
            continue
        if spans and start < spans[-1][1]:
            first, last, members = spans[-1]
            spans[-1] = (first, max(last, end), [*members, index])
        else:
            spans.append((start, end, [index]))
    out: list[str] = []
    cursor = 0
    for start, end, members in spans:
        out.append(escape(text[cursor:start]))
        numbers = ", ".join(str(m + 1) for m in members)
        categories = " ".join(sorted({str(findings[m]["category"]) for m in members}))
        out.append(
            f'<mark class="finding" data-categories="{escape(categories)}" '
            f'title="Phát hiện {numbers}">{escape(text[start:end])}'
            f'<sup class="finding-ref">{numbers}</sup></mark>'
        )
        cursor = end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))
