"""Server-rendered SVG bar charts for the reports, in the page and in the PDF. Each series has
its own fill pattern (solid, hatched, dotted, open) and every bar carries its numbers as text,
so the chart reads without colour; the page puts the same figures in a table for screen
readers, and the SVG itself is hidden from them."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

INK = "#1f4e3d"
PATTERNS = ("solid", "hatch", "dots")


def _fills(key: str) -> tuple[str, ...]:
    return (*(f"url(#rp-{key}-{name})" for name in PATTERNS), "#ffffff")


def _defs(key: str) -> str:
    """The fill patterns of one chart. Their ids carry the chart's KEY: a page or PDF holds
    several charts, and an id must be unique in a document (WeasyPrint warns and a browser
    uses the first)."""
    return (
        "<defs>"
        f'<pattern id="rp-{key}-solid" width="4" height="4" patternUnits="userSpaceOnUse">'
        f'<rect width="4" height="4" fill="{INK}"/></pattern>'
        f'<pattern id="rp-{key}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="8" stroke="{INK}" stroke-width="4"/></pattern>'
        f'<pattern id="rp-{key}-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#ffffff"/><circle cx="3" cy="3" r="1.4" fill="#333333"/>'
        "</pattern></defs>"
    )


LEFT = 40
TOP = 40
HEIGHT = 180
BOTTOM = 40
SLOT = 70
BAR = 40


@dataclass(frozen=True)
class Bar:
    label: str
    values: Sequence[int]


def stacked_bars(series: Sequence[str], bars: Sequence[Bar], *, key: str) -> SafeString:
    """Vertical bars, one per BAR, stacked from its values in the order of SERIES. KEY names
    the chart, unique within the page (letters and digits)."""
    fills = _fills(key)
    highest = max((sum(bar.values) for bar in bars), default=0) or 1
    width = LEFT + SLOT * max(len(bars), 1) + 20
    legend = format_html_join(
        "",
        '<rect x="{}" y="8" width="16" height="16" fill="{}" stroke="#000000"/>'
        '<text x="{}" y="21" font-size="12">{}</text>',
        (
            (LEFT + index * 150, fills[index], LEFT + index * 150 + 22, name)
            for index, name in enumerate(series)
        ),
    )
    pieces = []
    for slot, bar in enumerate(bars):
        x = LEFT + slot * SLOT + (SLOT - BAR) / 2
        y = float(TOP + HEIGHT)
        for index, value in enumerate(bar.values):
            height = HEIGHT * value / highest
            if height:
                y -= height
                pieces.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" '
                        'stroke="#000000" stroke-width="1"/>',
                        f"{x:.1f}",
                        f"{y:.1f}",
                        BAR,
                        f"{height:.1f}",
                        fills[index],
                    )
                )
        pieces.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" text-anchor="middle">{}</text>'
                '<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>',
                f"{x + BAR / 2:.1f}",
                f"{y - 4:.1f}",
                " / ".join(str(value) for value in bar.values),
                f"{x + BAR / 2:.1f}",
                TOP + HEIGHT + 18,
                bar.label,
            )
        )
    axis = format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#000000"/>',
        LEFT - 6,
        TOP + HEIGHT,
        width - 10,
        TOP + HEIGHT,
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" viewBox="0 0 {} {}" '
        'width="100%" aria-hidden="true" focusable="false" font-family="sans-serif">'
        "{}{}{}{}</svg>",
        max(width, LEFT + 150 * len(series)),
        TOP + HEIGHT + BOTTOM,
        SafeString(_defs(key)),
        legend,
        axis,
        SafeString("".join(pieces)),
    )
