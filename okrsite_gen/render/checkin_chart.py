"""A key result's check-ins as a small inline SVG chart: no script, no network.

x is the date within the cycle, y the value; dashed lines mark the baseline, the target
(and the stretch); each check-in is a point whose size grows with the confidence given
that day, labelled with it. Lower-is-better KRs need nothing special: the target line is
simply drawn below the baseline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from markupsafe import Markup

from .text import number

__all__ = ["ChartPoint", "checkin_chart"]

WIDTH, HEIGHT = 360, 150
_LEFT, _RIGHT, _TOP, _BOTTOM = 10, 96, 14, 22  # room for line labels on the right
_MAX_LABELS = 8  # more points than this: confidence only in each point's tooltip


@dataclass(frozen=True, slots=True)
class ChartPoint:
    day: date
    value: float
    confidence: float | None = None  # 0.0-1.0
    text: str = ""  # plain text for the tooltip (escaped here)


def checkin_chart(
    points: list[ChartPoint],
    *,
    start: date,
    end: date,
    baseline: float | None,
    target: float | None,
    stretch: float | None = None,
    unit: str = "",
    today: date | None = None,
    label: str = "",
) -> Markup:
    """The chart as one `<svg>`; empty when there is nothing to draw."""
    if not points:
        return Markup("")
    start = min(start, *(p.day for p in points))  # a stray date widens the axis, never
    end = max(end, *(p.day for p in points))  # falls off it
    days = max((end - start).days, 1)
    marks: list[tuple[str, float]] = [
        (name, value)
        for name, value in (("baseline", baseline), ("target", target), ("stretch", stretch))
        if value is not None
    ]
    values = [p.value for p in points] + [value for _, value in marks]
    low, high = min(values), max(values)
    pad = (high - low) * 0.08 or abs(high) * 0.1 or 1.0
    low, high = low - pad, high + pad
    plot_w = WIDTH - _LEFT - _RIGHT
    plot_h = HEIGHT - _TOP - _BOTTOM

    def x(day: date) -> float:
        return _LEFT + (day - start).days / days * plot_w

    def y(value: float) -> float:
        return _TOP + (high - value) / (high - low) * plot_h

    parts = [
        f'<svg class="okr-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-label="{escape(label)}" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}">',
        f"<title>{escape(label)}</title>",
        f'<rect class="okr-chart__frame" x="{_LEFT}" y="{_TOP}" width="{plot_w}" '
        f'height="{plot_h}"/>',
    ]
    for name, value in marks:
        at = y(value)
        parts.append(
            f'<line class="okr-chart__{name}" x1="{_LEFT}" x2="{_LEFT + plot_w}" '
            f'y1="{at:.1f}" y2="{at:.1f}"/>'
            f'<text class="okr-chart__label okr-chart__label--{name}" x="{_LEFT + plot_w + 4}" '
            f'y="{at + 4:.1f}">{escape(name)} {escape(number(value, unit))}</text>'
        )
    if today is not None and start <= today <= end:
        at = x(today)
        parts.append(
            f'<line class="okr-chart__today" x1="{at:.1f}" x2="{at:.1f}" y1="{_TOP}" '
            f'y2="{_TOP + plot_h}"><title>today, {today.isoformat()}</title></line>'
        )
    for day, anchor, at in ((start, "start", _LEFT), (end, "end", _LEFT + plot_w)):
        parts.append(
            f'<text class="okr-chart__axis" x="{at}" y="{HEIGHT - 6}" text-anchor="{anchor}">'
            f"{day.isoformat()}</text>"
        )
    coordinates = [(x(p.day), y(p.value)) for p in points]
    if len(points) > 1:
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in coordinates)
        parts.append(f'<polyline class="okr-chart__line" points="{path}"/>')
    labelled = len(points) <= _MAX_LABELS
    for point, (px, py) in zip(points, coordinates, strict=True):
        confidence = point.confidence
        radius = 2.5 + 4 * confidence if confidence is not None else 2.5
        tooltip = point.text or f"{point.day.isoformat()}: {number(point.value, unit)}"
        parts.append(
            f'<circle class="okr-chart__point" cx="{px:.1f}" cy="{py:.1f}" r="{radius:.1f}"'
            f' data-date="{point.day.isoformat()}"><title>{escape(tooltip)}</title></circle>'
        )
        if labelled and confidence is not None:
            parts.append(
                f'<text class="okr-chart__confidence" x="{px:.1f}" y="{py - radius - 3:.1f}" '
                f'text-anchor="middle">{round(confidence * 100)}%</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))
