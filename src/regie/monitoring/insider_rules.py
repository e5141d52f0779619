"""Insider-access rules over one day of the processing log (no Django imports).

The rules read the records of staff members, one at a time, and report findings: who, which
rule, the records that triggered it and the facts a plain-language explanation needs. A
finding has a stable key, so evaluating the same day twice finds the same alerts.

- OUTSIDE_CASELOAD: a dossier opened of a resident who is not in the staff member's caseload
  (a team leader: not in their team's).
- VOLUME: more residents in one hour than the minimum and than FACTOR times the staff
  member's own average per active hour in the days before.
- CONFIDENTIAL_ADDRESS: a confidential address was revealed.
- UNUSUAL_HOURS: work on residents' data before the working day starts, after it ends, or in
  the weekend.
- BULK_EXPORT: many residents in one search or export of the log (one trace).
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

OUTSIDE_CASELOAD = "outside-caseload"
VOLUME = "volume"
CONFIDENTIAL_ADDRESS = "confidential-address"
UNUSUAL_HOURS = "unusual-hours"
BULK_EXPORT = "bulk-export"
RULES = (OUTSIDE_CASELOAD, VOLUME, CONFIDENTIAL_ADDRESS, UNUSUAL_HOURS, BULK_EXPORT)

# Record names (processing_log `name`) that mean "a dossier was opened": cases.selectors.
DOSSIER_NAMES = frozenset({"case.read"})
# The record cases.services.address_reveal_open writes when a confidential address is shown.
ADDRESS_REVEAL_NAMES = frozenset({"address.reveal"})
# Reading the log hands out records of many residents at once.
EXPORT_NAMES = frozenset({"processing_log.read", "processing_log.export"})

MAX_RECORDS_PER_FINDING = 500


@dataclass(frozen=True)
class Thresholds:
    outside_caseload: bool = True
    volume_minimum: int = 30
    volume_factor: float = 3.0
    confidential_address: bool = True
    workday_start: int = 7
    workday_end: int = 19
    weekend_is_unusual: bool = True
    bulk_export_minimum: int = 25


@dataclass(frozen=True)
class Access:
    """One processing-log record of a staff member; AT in local time."""

    record_id: int
    actor: str
    role: str
    name: str
    subject: str
    trace: str
    at: datetime


@dataclass
class Finding:
    rule: str
    actor: str
    key: str
    record_ids: list[int] = field(default_factory=list)
    subjects: set[str] = field(default_factory=set)
    facts: dict[str, int | float | str] = field(default_factory=dict)

    def add(self, access: Access) -> None:
        if len(self.record_ids) < MAX_RECORDS_PER_FINDING:
            self.record_ids.append(access.record_id)
        self.subjects.add(access.subject)


@dataclass(frozen=True)
class DayActivity:
    """What a staff member did on a day, for the baseline of later days."""

    active_hours: int
    residents_per_hour_total: int


@dataclass
class Evaluation:
    findings: list[Finding]
    activity: dict[str, DayActivity]


def baseline(history: Iterable[DayActivity]) -> float | None:
    """Average number of residents per active hour over the days given; None without any."""
    hours = total = 0
    for day in history:
        hours += day.active_hours
        total += day.residents_per_hour_total
    return total / hours if hours else None


def evaluate(
    accesses: Iterable[Access],
    *,
    day: date,
    thresholds: Thresholds,
    caseloads: Mapping[str, frozenset[str]],
    baselines: Mapping[str, float | None],
) -> Evaluation:
    """CASELOADS maps a staff member to the residents they may open; BASELINES maps a staff
    member to their residents-per-active-hour before DAY (missing: no history)."""
    findings: dict[str, Finding] = {}
    hourly: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    hourly_records: dict[tuple[str, int], list[int]] = defaultdict(list)
    per_trace: dict[tuple[str, str], Finding] = {}

    def finding(rule: str, actor: str, key: str) -> Finding:
        full = f"{rule}:{actor}:{key}"
        if full not in findings:
            findings[full] = Finding(rule=rule, actor=actor, key=full)
        return findings[full]

    for access in accesses:
        hourly[access.actor][access.at.hour].add(access.subject)
        records = hourly_records[(access.actor, access.at.hour)]
        if len(records) < MAX_RECORDS_PER_FINDING:
            records.append(access.record_id)
        if (
            thresholds.outside_caseload
            and access.name in DOSSIER_NAMES
            and access.subject not in caseloads.get(access.actor, frozenset())
        ):
            finding(OUTSIDE_CASELOAD, access.actor, day.isoformat()).add(access)
        if thresholds.confidential_address and access.name in ADDRESS_REVEAL_NAMES:
            finding(CONFIDENTIAL_ADDRESS, access.actor, day.isoformat()).add(access)
        if _unusual_hour(access.at, thresholds):
            finding(UNUSUAL_HOURS, access.actor, day.isoformat()).add(access)
        if access.name in EXPORT_NAMES:
            trace_key = (access.actor, access.trace)
            if trace_key not in per_trace:
                per_trace[trace_key] = Finding(
                    rule=BULK_EXPORT,
                    actor=access.actor,
                    key=f"{BULK_EXPORT}:{access.actor}:{access.trace}",
                )
            per_trace[trace_key].add(access)

    for trace_finding in per_trace.values():
        if len(trace_finding.subjects) >= thresholds.bulk_export_minimum:
            trace_finding.facts = {"residents": len(trace_finding.subjects)}
            findings[trace_finding.key] = trace_finding

    activity = {}
    for actor, hours in hourly.items():
        activity[actor] = DayActivity(
            active_hours=len(hours),
            residents_per_hour_total=sum(len(subjects) for subjects in hours.values()),
        )
        usual = baselines.get(actor)
        for hour, subjects in sorted(hours.items()):
            count = len(subjects)
            if count < thresholds.volume_minimum:
                continue
            if usual is not None and count < thresholds.volume_factor * usual:
                continue
            volume = finding(VOLUME, actor, f"{day.isoformat()}T{hour:02d}")
            volume.record_ids = hourly_records[(actor, hour)]
            volume.subjects = subjects
            volume.facts = {
                "residents": count,
                "hour": hour,
                "usual": round(usual, 1) if usual is not None else "",
            }

    for item in findings.values():
        item.facts.setdefault("residents", len(item.subjects))
        item.facts.setdefault("records", len(item.record_ids))
    return Evaluation(findings=list(findings.values()), activity=activity)


def _unusual_hour(moment: datetime, thresholds: Thresholds) -> bool:
    if thresholds.weekend_is_unusual and moment.weekday() >= 5:
        return True
    return not thresholds.workday_start <= moment.hour < thresholds.workday_end
