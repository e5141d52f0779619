"""What a report shows, made from its frozen figures only (never from live data): the
charts, and the rows of the tables behind them."""

from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from regie.isms import chart as isms_chart
from regie.isms import picture
from regie.register.models import DpiaStatus
from regie.reports.charts import Bar, stacked_bars
from regie.reports.models import Report


def _month(text: str) -> str:
    return date_format(date.fromisoformat(text), "M Y")


def progress_chart(progress: list[dict[str, Any]]) -> SafeString | None:
    if not progress:
        return None
    return stacked_bars(
        [_("Done"), _("Late"), _("Planned")],
        [Bar(_month(row["on"]), (row["done"], row["late"], row["planned"])) for row in progress],
        key="progress",
    )


def quarter_label(row: dict[str, Any]) -> str:
    return _("Q%(quarter)s %(year)s") % {"quarter": row["quarter"], "year": row["year"]}


def breaches_chart(quarters: list[dict[str, Any]]) -> SafeString | None:
    if not quarters:
        return None
    return stacked_bars(
        [_("Reported to the AP"), _("Not reported")],
        [
            Bar(quarter_label(row), (row["reported"], row["total"] - row["reported"]))
            for row in quarters
        ],
        key="breaches",
    )


def gap_rows(gap: dict[str, Any], previous: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Per part: compliance now, at the previous report (or the previous assessment when there
    is no earlier report) and the change."""
    earlier = (previous or {}).get("gaps", {}).get(gap.get("framework"), {}).get("parts")
    rows = []
    for part in gap["parts"]:
        before = earlier.get(part["key"]) if earlier is not None else part["previous_percent"]
        now = part["percent_compliant"]
        rows.append(
            {
                **part,
                "before": before,
                "change": None if now is None or before is None else round(now - before, 1),
            }
        )
    return rows


def gap_chart(rows: list[dict[str, Any]], *, key: str) -> SafeString:
    parts = [
        picture.Part(row["key"], row["label"], dict(row["counts"]), previous_percent=row["before"])
        for row in rows
    ]
    return isms_chart.gap_chart(parts, key=key)


def _risk_move(row: dict[str, Any]) -> str:
    before = row.get("score_before")
    if before is None:
        return _("new")
    if row["score"] < before:
        return _("down")
    if row["score"] > before:
        return _("up")
    return _("unchanged")


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def context(report: Report) -> dict[str, Any]:
    figures = report.figures
    isms = figures.get("isms", {"available": False})
    at_end = isms.get("at_end")
    previous = figures.get("previous")
    gaps = []
    if at_end and report.is_confidential:
        for number, gap in enumerate(at_end["gaps"], start=1):
            rows = gap_rows(gap, previous)
            gaps.append({**gap, "rows": rows, "chart": gap_chart(rows, key=f"gap{number}")})
    awareness = [
        {**row, "percent": _percent(row["completed"], row["staff"])}
        for row in (at_end or {}).get("awareness", [])
    ]
    breaches = figures.get("breaches", {"available": False})
    register = figures.get("register", {"available": False})
    return {
        "report": report,
        "figures": figures,
        "isms": isms,
        "at_end": at_end,
        "previous": previous,
        "progress_chart": progress_chart(isms.get("progress", [])),
        "gaps": gaps,
        "risks": [{**row, "move": _risk_move(row)} for row in isms.get("risks", [])],
        "awareness": awareness,
        "breaches": breaches,
        "breach_quarters": [
            {**row, "label": quarter_label(row)} for row in breaches.get("quarters", [])
        ],
        "breaches_chart": breaches_chart(breaches.get("quarters", [])),
        "requests": figures.get("requests", {"available": False}),
        "register": register,
        "dpia": [
            (DpiaStatus(status).label if status in DpiaStatus.values else status, count)
            for status, count in register.get("dpia", {}).items()
        ],
        "monitoring": figures.get("monitoring", {"available": False}),
    }
