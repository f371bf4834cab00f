"""Progress bars per unit as SVG geometry (no script, no inline style: CSP-safe, printable)."""

from __future__ import annotations

from dataclasses import dataclass

from ungxu.campaigns.progress import Progress

WIDTH = 400
ROW = 40
BAR = 14
GUTTER = 70  # room for "12/30"
LABEL_MAX = 50
MAX_BARS = 15


@dataclass(frozen=True)
class ProgressBar:
    label: str
    acknowledged: int
    audience: int
    percent: int
    y_label: int
    y_bar: int
    done_width: float
    value_x: float


@dataclass(frozen=True)
class ProgressChart:
    width: int
    height: int
    track: int
    bar_height: int
    bars: list[ProgressBar]


def progress_chart(progress: Progress) -> ProgressChart:
    """One bar per unit at the top two levels of what the user sees."""
    track = WIDTH - GUTTER
    rows = [row for row in progress.units if row.depth <= 1][:MAX_BARS]
    bars = []
    for index, row in enumerate(rows):
        top = index * ROW
        counts = row.counts
        name = ("— " if row.depth else "") + row.organisation.name
        label = name if len(name) <= LABEL_MAX else name[: LABEL_MAX - 1] + "…"
        bars.append(
            ProgressBar(
                label=label,
                acknowledged=counts.acknowledged,
                audience=counts.audience,
                percent=counts.percent,
                y_label=top + 12,
                y_bar=top + 18,
                done_width=round(track * counts.acknowledged / counts.audience, 1)
                if counts.audience
                else 0.0,
                value_x=track + 6,
            )
        )
    return ProgressChart(WIDTH, max(len(bars) * ROW, ROW), track, BAR, bars)
