"""A horizontal bar chart as SVG geometry, computed here and drawn by a template.

No chart library and no script: the numbers become rectangles with fixed coordinates in a
viewBox, so the chart scales with the page, prints, and passes a CSP without inline code.
Each bar sits under its unit's name, because Vietnamese unit names are long.
"""

from __future__ import annotations

from dataclasses import dataclass

from ungxu.dashboard.services import UnitCount

# A narrow viewBox keeps the text legible when the card shrinks to a phone's width: the SVG
# scales as a whole, so the font sizes in the CSS are relative to these units.
WIDTH = 400
BAR_HEIGHT = 14
ROW_HEIGHT = 44
LABEL_MAX = 48
VALUE_GUTTER = 62  # room on the right for "123 / 4"


@dataclass(frozen=True)
class Bar:
    label: str
    full_label: str
    active: int
    departed: int
    y_label: int
    y_bar: int
    active_width: float
    departed_x: float
    departed_width: float
    value_x: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    track_width: int
    bar_height: int


def bar_chart(units: list[UnitCount]) -> Chart:
    track = WIDTH - VALUE_GUTTER
    largest = max((unit.total for unit in units), default=0) or 1
    bars = []
    for position, unit in enumerate(units):
        top = position * ROW_HEIGHT
        active_width = round(track * unit.active / largest, 1)
        departed_width = round(track * unit.departed / largest, 1)
        name = unit.organisation.name
        label = name if len(name) <= LABEL_MAX else name[: LABEL_MAX - 1].rstrip() + "…"
        bars.append(
            Bar(
                label=label,
                full_label=name,
                active=unit.active,
                departed=unit.departed,
                y_label=top + 15,
                y_bar=top + 21,
                active_width=active_width,
                departed_x=active_width,
                departed_width=departed_width,
                value_x=active_width + departed_width + 8,
            )
        )
    return Chart(
        width=WIDTH,
        height=max(len(bars) * ROW_HEIGHT, ROW_HEIGHT),
        bars=bars,
        track_width=track,
        bar_height=BAR_HEIGHT,
    )
