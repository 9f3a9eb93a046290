"""Small server-rendered SVG charts: no script, nothing fetched from elsewhere.

Each chart is an image to assistive technology (role="img", named by its <title> and
<desc>); the page puts the same numbers in a table beside it, which is what a screen-reader
user reads. Series differ by dash pattern and marker as well as colour, so the lines can be
told apart in greyscale and by people who do not see the colours.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
INK = "#1a1a1a"
AXIS = "#767676"
GRID = "#d6d6d6"
# The whole scale behind each bar, so a short bar reads as "small", not as "cut off".
TRACK = "#e8ebf0"
# Dark enough for 3:1 against white (WCAG 1.4.11 for graphical objects).
PALETTE = ("#003580", "#b00020", "#1e6b30", "#8a5300", "#6a1b9a", "#00606b")
DASHES = ("", "8 4", "3 3", "10 4 3 4", "1 4", "14 6")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as printed next to the bar, e.g. "12,5 %"


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]  # None: no value that month (a gap in the line)


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k that is at least value (1 for nothing)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power + 1e-9:
            return step * power
    return 10 * power


def _frame(chart_id: str, title: str, description: str, height: int, body: SafeString) -> str:
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{0}-title {0}-desc" focusable="false" '
        'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {1} {2}" width="{1}" height="{2}" '
        'preserveAspectRatio="xMinYMin meet" '
        "font-family=\"'Source Sans Pro', Arial, sans-serif\" "
        'font-size="14" fill="{3}">'
        '<title id="{0}-title">{4}</title><desc id="{0}-desc">{5}</desc>{6}</svg>',
        chart_id,
        WIDTH,
        height,
        INK,
        title,
        description,
        body,
    )


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    maximum: float | None = None,
) -> SafeString:
    """Horizontal bars on a light track showing the full scale, each label on its own line
    above its bar so long Finnish labels need no truncation; the value follows the track."""
    row, top, bar_width = 44, 8, WIDTH - 170
    top_value = maximum if maximum else max((b.value for b in bars), default=0) or 1
    parts = []
    for i, bar in enumerate(bars):
        y = top + i * row
        length = round(bar_width * min(max(bar.value, 0), top_value) / top_value, 1)
        parts.append(
            format_html(
                '<text x="0" y="{}">{}</text>'
                '<rect x="0" y="{}" width="{}" height="16" fill="{}"/>'
                '<rect x="0" y="{}" width="{}" height="16" fill="{}"/>'
                '<text x="{}" y="{}">{}</text>',
                y + 15,
                bar.label,
                y + 21,
                bar_width,
                TRACK,
                y + 21,
                length,
                PALETTE[0],
                bar_width + 8,
                y + 34,
                bar.text,
            )
        )
    height = top * 2 + max(len(bars), 1) * row
    return mark_safe(_frame(chart_id, title, description, height, mark_safe("".join(parts))))


def line_chart(
    chart_id: str,
    title: str,
    description: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    maximum: float | None = None,
    unit: str = "",
    counts: bool = False,
) -> SafeString:
    """Lines over months. An x label may hold a newline: the month on the first line, the
    year on the second. Labels are thinned out when there are too many to fit. With
    counts=True the scale has whole-number ticks only: "1,5 photos" reads as an error."""
    left, right, top, plot_height = 56, 16, 12, 200
    plot_width = WIDTH - left - right
    values = [v for s in series for v in s.values if v is not None]
    top_value = maximum or nice_ceiling(max(values, default=0))
    if counts:
        top_value = max(4, 4 * math.ceil(top_value / 4))
    count = max(len(x_labels), 1)

    def x(i: int) -> float:
        return round(left + (plot_width * (i + 0.5) / count), 1)

    def y(value: float) -> float:
        return round(top + plot_height * (1 - min(value, top_value) / top_value), 1)

    parts = []
    for k in range(5):
        tick = top_value * k / 4
        decimals = 0 if float(tick).is_integer() else 1
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"/>'
                '<text x="{}" y="{}" text-anchor="end" font-size="12">{}{}</text>',
                left,
                WIDTH - right,
                y(tick),
                y(tick),
                GRID if k else AXIS,
                left - 6,
                y(tick) + 4,
                number_format(tick, decimals),
                unit,
            )
        )
    every = math.ceil(count / 12)
    for i, text in enumerate(x_labels):
        if i % every:
            continue
        lines = text.split("\n")
        spans = format_html_join(
            "",
            '<tspan x="{}" dy="{}">{}</tspan>',
            ((x(i), 0 if n == 0 else 14, line) for n, line in enumerate(lines)),
        )
        parts.append(
            format_html(
                '<text y="{}" text-anchor="middle" font-size="12">{}</text>',
                top + plot_height + 18,
                spans,
            )
        )
    legend_top = top + plot_height + 52
    for n, line in enumerate(series):
        colour, dash = PALETTE[n % len(PALETTE)], DASHES[n % len(DASHES)]
        segments, current = [], []
        for i, value in enumerate(line.values):
            if value is None:
                segments.append(current)
                current = []
            else:
                current.append(f"{x(i)},{y(value)}")
        segments.append(current)
        for points in segments:
            if len(points) > 1:
                parts.append(
                    format_html(
                        '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5" '
                        'stroke-dasharray="{}"/>',
                        " ".join(points),
                        colour,
                        dash or "none",
                    )
                )
        for i, value in enumerate(line.values):
            if value is not None:
                parts.append(_marker(n, x(i), y(value), colour))
        ly = legend_top + n * 22
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2.5" '
                'stroke-dasharray="{}"/>{}<text x="{}" y="{}">{}</text>',
                left,
                left + 36,
                ly,
                ly,
                colour,
                dash or "none",
                _marker(n, left + 18, ly, colour),
                left + 44,
                ly + 5,
                line.name,
            )
        )
    height = legend_top + max(len(series), 1) * 22
    return mark_safe(_frame(chart_id, title, description, height, mark_safe("".join(parts))))


def _marker(n: int, cx: float, cy: float, colour: str) -> str:
    """Circle, square, diamond, triangle in turn: a second cue besides the colour."""
    shape = n % 4
    if shape == 0:
        return format_html('<circle cx="{}" cy="{}" r="4" fill="{}"/>', cx, cy, colour)
    if shape == 1:
        return format_html(
            '<rect x="{}" y="{}" width="8" height="8" fill="{}"/>', cx - 4, cy - 4, colour
        )
    if shape == 2:
        points = f"{cx},{cy - 5} {cx + 5},{cy} {cx},{cy + 5} {cx - 5},{cy}"
    else:
        points = f"{cx},{cy - 5} {cx + 5},{cy + 4} {cx - 5},{cy + 4}"
    return format_html('<polygon points="{}" fill="{}"/>', points, colour)
