"""The gap picture as a server-rendered SVG bar chart. Each bar is stacked from the results
(compliant, partial, not compliant, not assessed) and each result has its own fill pattern,
so the chart reads without colour; every bar also carries its percentage as text, and a
dashed mark shows where the previous assessment stood. The page puts the same figures in a
table for screen readers; the SVG itself is hidden from them."""

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from regie.isms import picture

LABEL_WIDTH = 380
BAR_WIDTH = 340
VALUE_WIDTH = 120
ROW = 34
TOP = 56

# (result, fill); "hatch" and "dots" are patterns defined in _defs().
SEGMENTS = (
    (picture.COMPLIANT, "#1f4e3d"),
    (picture.PARTIAL, "hatch"),
    (picture.NON_COMPLIANT, "#ffffff"),
    (picture.NOT_ASSESSED, "dots"),
)


def _fill(fill: str, key: str) -> str:
    return f"url(#isms-{key}-{fill})" if fill in {"hatch", "dots"} else fill


def _defs(key: str) -> str:
    """The patterns of one chart; their ids carry the chart's KEY, because a report holds a
    chart per framework and an id must be unique in the document."""
    return (
        f'<defs><pattern id="isms-{key}-hatch" width="8" height="8" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="8" height="8" fill="#ffffff"/>'
        '<line x1="0" y1="0" x2="0" y2="8" stroke="#1f4e3d" stroke-width="4"/></pattern>'
        f'<pattern id="isms-{key}-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#ffffff"/><circle cx="3" cy="3" r="1.2" fill="#333333"/>'
        "</pattern></defs>"
    )


def _labels() -> dict[str, str]:
    return {
        picture.COMPLIANT: _("Compliant"),
        picture.PARTIAL: _("Partially compliant"),
        picture.NON_COMPLIANT: _("Not compliant"),
        picture.NOT_ASSESSED: _("Not assessed"),
    }


def _legend(key: str) -> SafeString:
    labels = _labels()
    items = []
    for index, (result, fill) in enumerate(SEGMENTS):
        x = 10 + index * 170
        items.append(
            format_html(
                '<rect x="{}" y="10" width="18" height="18" fill="{}" stroke="#000000"/>'
                '<text x="{}" y="24" font-size="13">{}</text>',
                x,
                _fill(fill, key),
                x + 24,
                labels[result],
            )
        )
    items.append(
        format_html(
            '<line x1="10" y1="40" x2="28" y2="40" stroke="#000000" stroke-width="2" '
            'stroke-dasharray="4 3"/><text x="34" y="44" font-size="13">{}</text>',
            _("Previous assessment"),
        )
    )
    return SafeString("".join(items))


def _bar(part: picture.Part, y: int, key: str) -> SafeString:
    pieces = [
        format_html(
            '<text x="{}" y="{}" font-size="13" text-anchor="end">{}</text>',
            LABEL_WIDTH - 8,
            y + 20,
            part.label[:48],
        )
    ]
    x = float(LABEL_WIDTH)
    applicable = part.applicable or 1
    for result, fill in SEGMENTS:
        width = BAR_WIDTH * part.counts[result] / applicable
        if width:
            pieces.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="24" fill="{}" '
                    'stroke="#000000" stroke-width="1"/>',
                    f"{x:.1f}",
                    y + 4,
                    f"{width:.1f}",
                    _fill(fill, key),
                )
            )
        x += width
    if part.previous_percent is not None:
        mark = LABEL_WIDTH + BAR_WIDTH * part.previous_percent / 100
        pieces.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#000000" '
                'stroke-width="2" stroke-dasharray="4 3"/>',
                f"{mark:.1f}",
                y,
                f"{mark:.1f}",
                y + 32,
            )
        )
    value = (
        "-" if part.percent_compliant is None else f"{number_format(part.percent_compliant, 1)}%"
    )
    if part.change:
        value += f" ({'+' if part.change > 0 else ''}{number_format(part.change, 1)})"
    pieces.append(
        format_html(
            '<text x="{}" y="{}" font-size="13">{}</text>',
            LABEL_WIDTH + BAR_WIDTH + 8,
            y + 20,
            value,
        )
    )
    return SafeString("".join(pieces))


def gap_chart(parts: list[picture.Part], *, key: str = "gap") -> SafeString:
    """KEY names the chart, unique within the page (letters, digits and hyphens)."""
    height = TOP + ROW * len(parts) + 8
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    bars = format_html_join(
        "", "{}", ((_bar(part, TOP + ROW * i, key),) for i, part in enumerate(parts))
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="isms-chart" viewBox="0 0 {} {}" '
        'width="100%" aria-hidden="true" focusable="false" font-family="sans-serif">'
        "{}{}{}</svg>",
        width,
        height,
        SafeString(_defs(key)),
        _legend(key),
        bars,
    )
