"""Accessible bar charts as inline SVG, drawn by our own code.

Each chart is one `<svg role="img">` named by its `<title>` and described by its `<desc>`
(through `aria-labelledby`), so a screen reader hears the title and every figure. The
pages also put the same numbers in a table beside each chart, for people who would rather
read a table and for copying. Bars are one colour, and every bar has its figure written
at its end in words or digits: nothing is said by colour alone. A value withheld under the
small-number rule gets no bar, only its words ("fewer than 5").

Every piece of text is escaped here, so the result can be inserted as Markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from markupsafe import Markup, escape

WIDTH = 400
LABEL_SIZE = 15
ROW = 50
"""Height of one bar with its label above it."""
BAR_HEIGHT = 18
VALUE_ROOM = 120
"""Space kept to the right of the longest bar for its figure."""
LABEL_LIMIT = 52
"""Characters of a label shown in the chart; the table beside it has the full text."""
BAR_COLOUR = "#005eb8"
TEXT_COLOUR = "#212b32"
AXIS_COLOUR = "#4c6272"


@dataclass(frozen=True)
class Bar:
    """One bar: what it is, how long it is, and its figure as people should read it."""

    label: str
    value: float | None
    """None draws no bar (a figure withheld as a small number, or not known)."""
    text: str
    """The figure in words or digits: "12", "fewer than 5", "4.2 out of 5"."""


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar], summary: str = "", maximum: float | None = None) -> Markup:
    """A horizontal bar chart: a label above each bar and its figure at the bar's end.

    `chart_id` must be unique on the page (it names the title and description).
    `summary` opens the description; the figures follow it. `maximum` sets the full
    length of a bar (5 for a rating out of 5); by default the largest value fills it.
    """
    top = max((bar.value or 0 for bar in bars), default=0)
    scale_max = maximum if maximum is not None else top
    track = WIDTH - VALUE_ROOM
    height = max(len(bars), 1) * ROW + 8
    figures = "; ".join(f"{bar.label}: {bar.text}" for bar in bars) or "No figures."
    description = " ".join(part for part in (summary.strip(), figures + ".", "The same figures are in the table below.") if part)
    parts = [
        f'<svg class="yswd-barchart__svg" role="img" aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg" focusable="false">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>',
        f'<line x1="0.5" y1="0" x2="0.5" y2="{height - 4}" stroke="{AXIS_COLOUR}" stroke-width="1"/>',
    ]
    for index, bar in enumerate(bars):
        y = index * ROW
        label = bar.label if len(bar.label) <= LABEL_LIMIT else bar.label[: LABEL_LIMIT - 1].rstrip() + "…"
        parts.append(
            f'<text x="6" y="{y + 17}" font-size="{LABEL_SIZE}" fill="{TEXT_COLOUR}" '
            f'font-family="Arial, Helvetica, sans-serif">{escape(label)}</text>'
        )
        length = 0.0
        if bar.value is not None and scale_max > 0 and bar.value > 0:
            length = max(2.0, round(track * min(bar.value, scale_max) / scale_max, 1))
            parts.append(
                f'<rect x="1" y="{y + 24}" width="{length}" height="{BAR_HEIGHT}" fill="{BAR_COLOUR}"/>'
            )
        parts.append(
            f'<text x="{length + 8:g}" y="{y + 38}" font-size="{LABEL_SIZE}" font-weight="bold" fill="{TEXT_COLOUR}" '
            f'font-family="Arial, Helvetica, sans-serif">{escape(bar.text)}</text>'
        )
    parts.append("</svg>")
    return Markup("\n".join(parts))
