"""A small bar chart as inline SVG, drawn on the server from plain numbers.

Pure: no Flask, no database. The caller passes already translated text; every piece of
text is escaped here, so the result can be put into a page as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 400
HEIGHT = 220
_TOP = 24  # room for the value above the highest bar
_BOTTOM = 32  # room for the labels under the bars
_SIDE = 8
_GAP_SHARE = 0.25  # of each bar's slot


@dataclass(frozen=True)
class Bar:
    """One bar: its label under the axis and its value (not negative)."""

    label: str
    value: float


def _number(value: float) -> str:
    return f"{value:.0f}" if value == round(value) else f"{value:.1f}"


def bar_chart_svg(
    bars: Sequence[Bar], *, title: str, description: str, chart_id: str = "chart"
) -> str:
    """Return an accessible SVG bar chart: <title> and <desc>, the value on each bar.

    The SVG scales to its container (viewBox, no fixed size). Colour only fills the
    bars; each value is written as text above its bar.
    """
    if any(bar.value < 0 for bar in bars):
        raise ValueError("bar values cannot be negative")
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" id="{escape(chart_id)}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{escape(title_id)} {escape(desc_id)}">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        f'<desc id="{escape(desc_id)}">{escape(description)}</desc>',
    ]
    baseline = HEIGHT - _BOTTOM
    parts.append(
        f'<line class="bar-chart__axis" x1="{_SIDE}" y1="{baseline}" '
        f'x2="{WIDTH - _SIDE}" y2="{baseline}" />'
    )
    if bars:
        highest = max(bar.value for bar in bars) or 1.0
        slot = (WIDTH - 2 * _SIDE) / len(bars)
        width = slot * (1 - _GAP_SHARE)
        room = baseline - _TOP
        for i, bar in enumerate(bars):
            x = _SIDE + i * slot + (slot - width) / 2
            height = room * bar.value / highest
            middle = x + width / 2
            parts.append(
                f'<rect class="bar-chart__bar" x="{x:.1f}" y="{baseline - height:.1f}" '
                f'width="{width:.1f}" height="{height:.1f}" />'
            )
            parts.append(
                f'<text class="bar-chart__value" x="{middle:.1f}" '
                f'y="{baseline - height - 6:.1f}" text-anchor="middle">'
                f"{escape(_number(bar.value))}</text>"
            )
            parts.append(
                f'<text class="bar-chart__label" x="{middle:.1f}" y="{HEIGHT - 10}" '
                f'text-anchor="middle">{escape(bar.label)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
