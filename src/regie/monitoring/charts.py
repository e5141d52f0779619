"""Charts as SVG drawn on the server: no script, no colour needed to read them.

Series differ by pattern (solid, hatched, dotted) or by line style and marker, every bar and
point carries its value, and each chart has a title for screen readers; the page puts the
same numbers in a table next to it.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 36, 48
INK = "#1a1a1a"

# Fills that tell series apart in black and white.
PATTERNS = ("solid", "hatch", "dots")
# Line styles and markers for line charts.
DASHES = ("", "6 4", "2 3")
MARKERS = ("circle", "square", "triangle")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]


def _number(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u202f").replace(".", ",")


def _scale(maximum: float) -> float:
    return maximum if maximum > 0 else 1.0


def _frame(chart_id: str, title: str, body: list[str], defs: str = "") -> SafeString:
    return format_html(
        '<svg class="regie-chart" id="{id}" viewBox="0 0 {w} {h}" width="100%" role="img" '
        'aria-labelledby="{id}-title" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><defs>{defs}</defs>{body}</svg>',
        id=chart_id,
        w=WIDTH,
        h=HEIGHT,
        title=title,
        defs=mark_safe(defs),  # noqa: S308 (built below from fixed markup)
        body=mark_safe("".join(body)),  # noqa: S308 (every piece is escaped where it is made)
    )


def _patterns(chart_id: str) -> str:
    return (
        f'<pattern id="{chart_id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{INK}" stroke-width="3"/></pattern>'
        f'<pattern id="{chart_id}-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
        f'<rect width="5" height="5" fill="#fff"/><circle cx="2.5" cy="2.5" r="1.2" '
        f'fill="{INK}"/></pattern>'
    )


def _fill(chart_id: str, index: int) -> str:
    pattern = PATTERNS[index % len(PATTERNS)]
    return INK if pattern == "solid" else f"url(#{chart_id}-{pattern})"


def _axes(labels: Sequence[str], maximum: float, decimals: int) -> list[str]:
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" '
        f'y2="{HEIGHT - BOTTOM}" stroke="{INK}"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="{INK}"/>',
    ]
    for step in range(5):
        value = maximum * step / 4
        y = HEIGHT - BOTTOM - plot_h * step / 4
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">'
            f"{escape(_number(value, decimals))}</text>"
        )
    slot = (WIDTH - LEFT - RIGHT) / max(len(labels), 1)
    for index, label in enumerate(labels):
        x = LEFT + slot * (index + 0.5)
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'font-size="11">{escape(label)}</text>'
        )
    return parts


def _legend(chart_id: str, series: Sequence[Series], *, lines: bool) -> list[str]:
    parts = []
    x = LEFT
    for index, item in enumerate(series):
        if lines:
            parts.append(
                f'<line x1="{x}" y1="16" x2="{x + 24}" y2="16" stroke="{INK}" stroke-width="2" '
                f'stroke-dasharray="{DASHES[index % 3]}"/>' + _marker(index, x + 12, 16)
            )
        else:
            parts.append(
                f'<rect x="{x}" y="8" width="16" height="16" fill="{_fill(chart_id, index)}" '
                f'stroke="{INK}"/>'
            )
        parts.append(f'<text x="{x + 30}" y="20" font-size="12">{escape(item.name)}</text>')
        x += 40 + 7 * len(item.name)
    return parts


def _marker(index: int, x: float, y: float) -> str:
    shape = MARKERS[index % len(MARKERS)]
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{INK}"/>'
    if shape == "square":
        return (
            f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="#fff" '
            f'stroke="{INK}"/>'
        )
    return (
        f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}" '
        f'fill="{INK}"/>'
    )


def bar_chart(
    chart_id: str, title: str, labels: Sequence[str], series: Sequence[Series], decimals: int = 0
) -> SafeString:
    """Grouped bars, one pattern per series, each bar labelled with its value."""
    values = [value for item in series for value in item.values if value is not None]
    maximum = _scale(max(values, default=0))
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(labels), 1)
    bar = slot * 0.8 / max(len(series), 1)
    body = _axes(labels, maximum, decimals)
    for index, item in enumerate(series):
        for position, value in enumerate(item.values):
            if value is None:
                continue
            height = plot_h * value / maximum
            x = LEFT + slot * position + slot * 0.1 + bar * index
            y = HEIGHT - BOTTOM - height
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{height:.1f}" '
                f'fill="{_fill(chart_id, index)}" stroke="{INK}"/>'
            )
            if len(series) * len(labels) <= 24:
                body.append(
                    f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" '
                    f'font-size="9">{escape(_number(value, decimals))}</text>'
                )
    if len(series) > 1:
        body += _legend(chart_id, series, lines=False)
    return _frame(chart_id, title, body, _patterns(chart_id))


def line_chart(
    chart_id: str, title: str, labels: Sequence[str], series: Sequence[Series], decimals: int = 1
) -> SafeString:
    """Lines that differ by dash and marker; the last point of each carries its value."""
    values = [value for item in series for value in item.values if value is not None]
    maximum = _scale(max(values, default=0))
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(labels), 1)
    body = _axes(labels, maximum, decimals)
    for index, item in enumerate(series):
        points = [
            (LEFT + slot * (position + 0.5), HEIGHT - BOTTOM - plot_h * value / maximum, value)
            for position, value in enumerate(item.values)
            if value is not None
        ]
        if not points:
            continue
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _value in points)
        body.append(
            f'<polyline points="{path}" fill="none" stroke="{INK}" stroke-width="2" '
            f'stroke-dasharray="{DASHES[index % 3]}"/>'
        )
        body += [_marker(index, x, y) for x, y, _value in points]
        x, y, value = points[-1]
        body.append(
            f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle" font-size="10">'
            f"{escape(_number(value, decimals))}</text>"
        )
    body += _legend(chart_id, series, lines=True)
    return _frame(chart_id, title, body)
