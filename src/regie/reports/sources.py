"""Where a report's figures come from: one small adapter per section, each reading the
selectors of the app that owns the figures. When that app is not installed the section says
so ("available": False) instead of showing zeros. Everything returned is plain JSON, because
it is frozen into the report as its snapshot."""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib import import_module
from typing import Any

from django.apps import apps
from django.utils import timezone

from regie.reports.periods import Period, quarters

Gather = Callable[[Any, Period], dict[str, Any]]


def plain(value: Any) -> Any:
    """VALUE as JSON-ready data: dataclasses become objects, dates ISO text, keys text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Source:
    """A section fed by APP's selectors through GATHER."""

    key: str
    app: str
    gather: Gather

    def figures(self, period: Period) -> dict[str, Any]:
        if not apps.is_installed(self.app):
            return {"available": False}
        selectors = import_module(f"{self.app}.selectors")
        return {"available": True, **plain(self.gather(selectors, period))}


def _today() -> date:
    return timezone.localdate()


# ISMS -----------------------------------------------------------------------------------


def _isms_at_end(selectors: Any, period: Period) -> tuple[dict[str, Any] | None, list[Any]]:
    """The kept daily figures in the period and the ones at its end: the last snapshot, or
    today's figures while the period is still running and nothing was kept yet."""
    kept = selectors.snapshots(since=period.start, until=period.end)
    if kept:
        return kept[-1], kept
    if period.contains(_today()):
        return selectors.report_figures(on=_today()), []
    return None, []


def _monthly(kept: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The plan's progress: the last snapshot of each month."""
    by_month: dict[str, dict[str, Any]] = {}
    for snapshot in kept:
        by_month[snapshot["on"][:7]] = {"on": snapshot["on"], **snapshot["measures"]}
    return list(by_month.values())


def _isms_confidential(selectors: Any, period: Period) -> dict[str, Any]:
    at_end, kept = _isms_at_end(selectors, period)
    until = min(period.end, _today())
    return {
        "at_end": at_end,
        "progress": _monthly(kept),
        "risks": selectors.risk_movement(since=period.start, until=until),
    }


def _isms_public(selectors: Any, period: Period) -> dict[str, Any]:
    """Only the headline: no parts, no risks, nothing that shows an attacker where to push."""
    at_end, kept = _isms_at_end(selectors, period)
    if at_end is None:
        return {"at_end": None, "progress": []}
    return {
        "at_end": {
            "on": at_end["on"],
            "measures": at_end["measures"],
            "gaps": [
                {"assessed_on": gap["assessed_on"], "percent_compliant": gap["percent_compliant"]}
                for gap in at_end["gaps"]
            ],
            "awareness": at_end["awareness"],
        },
        "progress": _monthly(kept),
    }


# Register -------------------------------------------------------------------------------


def _register(selectors: Any, period: Period) -> dict[str, Any]:
    """The register as it stands when the report is drafted (the register keeps versions,
    not daily figures): activities, DPIA status, processors with an agreement in force."""
    day = min(period.end, _today())
    dpia: dict[str, int] = {}
    versions = list(selectors.versions_in_force())
    for version in versions:
        dpia[version.dpia_status] = dpia.get(version.dpia_status, 0) + 1
    processors = list(selectors.processors())
    covered = sum(selectors.processor_may_receive(p, on=day) for p in processors)
    return {
        "on": day,
        "activities": len(versions),
        "dpia": dpia,
        "processors": len(processors),
        "processors_covered": covered,
    }


# Breaches and rights requests (app "breaches"/"requests") --------------------------------


def _breaches(selectors: Any, period: Period) -> dict[str, Any]:
    return {
        "period": selectors.breach_figures(start=period.start, end=period.end),
        "quarters": [
            {
                "year": year,
                "quarter": number,
                "total": (found := selectors.breach_figures(start=part.start, end=part.end)).total,
                "reported": found.reported,
            }
            for year, number, part in quarters(period)
        ],
    }


def _requests(selectors: Any, period: Period) -> dict[str, Any]:
    found = plain(selectors.request_figures(start=period.start, end=period.end))
    kinds = import_module("regie.requests.models").Kind
    # The kind's name in the words of the day the report was drafted, frozen with it.
    found["by_kind"] = [
        {"kind": kind, "label": str(kinds(kind).label), "count": count}
        for kind, count in found["by_kind"].items()
    ]
    return {"period": found}


# Security signals (app "monitoring") ----------------------------------------------------


def _monitoring(selectors: Any, period: Period) -> dict[str, Any]:
    return {
        "period": selectors.period_figures(start=period.start, end=period.end),
        "months": selectors.monthly_figures(start=period.start, end=period.end),
    }


ISMS_CONFIDENTIAL = Source("isms", "regie.isms", _isms_confidential)
ISMS_PUBLIC = Source("isms", "regie.isms", _isms_public)
REGISTER = Source("register", "regie.register", _register)
BREACHES = Source("breaches", "regie.breaches", _breaches)
REQUESTS = Source("requests", "regie.requests", _requests)
MONITORING = Source("monitoring", "regie.monitoring", _monitoring)

# What each kind of report shows. The committee's report is about the plan and the
# security picture; the public one about the main lines.
SECTIONS = {
    "half_yearly": (ISMS_CONFIDENTIAL, MONITORING, BREACHES),
    "annual": (ISMS_PUBLIC, BREACHES, REQUESTS, REGISTER),
}


def gather(kind: str, period: Period) -> dict[str, Any]:
    return {source.key: source.figures(period) for source in SECTIONS[kind]}
