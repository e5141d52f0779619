"""The demo's council reports: the committee report of the previous half year, frozen; a draft
for the current half year; and last year's annual report, published. The ISMS keeps a
snapshot at the end of each month of both half years first, so the plan's progress has a
line. Made through the services; loading twice changes nothing."""

from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from regie.accounts.models import User
from regie.isms import services as isms
from regie.isms.models import Framework, Snapshot
from regie.reports import services
from regie.reports.models import Kind, Report, ReportEvent
from regie.reports.periods import half_year


def _month_ends(start: date, until: date) -> list[date]:
    ends = []
    day = start
    while day <= until:
        following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        if following - timedelta(days=1) <= until:
            ends.append(following - timedelta(days=1))
        day = following
    return ends


def _frozen(kind: str, year: int, half: int | None, users: dict[str, User]) -> None:
    report = services.report_draft(kind=kind, year=year, half=half, by=users["ciso"])
    services.report_review(report=report, by=users["privacy"])
    services.report_freeze(report=report, by=users["ciso"])


def load(users: dict[str, User]) -> None:
    today = timezone.localdate()
    half = 1 if today.month <= 6 else 2
    previous = (today.year - 1, 2) if half == 1 else (today.year, 1)
    previous_period = half_year(*previous)
    if Framework.objects.exists():
        for day in _month_ends(previous_period.start, today):
            if not Snapshot.objects.filter(taken_on=day).exists():
                isms.snapshot_take(on=day)
    half_yearly = Report.objects.filter(kind=Kind.HALF_YEARLY)
    if not half_yearly.filter(period_start=previous_period.start).exists():
        _frozen(Kind.HALF_YEARLY, *previous, users)
    current = half_year(today.year, half)
    if not half_yearly.filter(period_start=current.start).exists():
        services.report_draft(kind=Kind.HALF_YEARLY, year=today.year, half=half, by=users["ciso"])
    if not Report.objects.filter(kind=Kind.ANNUAL, period_start__year=today.year - 1).exists():
        _frozen(Kind.ANNUAL, today.year - 1, None, users)


def remove() -> None:
    """Before the demo people go: the reports they drafted and every event of a demo person.
    The only deletion of frozen reports, and only of fictional ones."""
    demo_reports = Report.objects.filter(drafted_by__is_demo=True)
    ReportEvent.objects.filter(Q(user__is_demo=True) | Q(report__in=demo_reports)).delete()
    demo_reports.delete()
