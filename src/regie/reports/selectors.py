"""Reads of the reports (figures only, no resident data)."""

from django.db.models import QuerySet

from regie.reports.models import Kind, Report, ReportEvent, Status


def reports_for(*, manager: bool) -> QuerySet[Report]:
    """Those who draft reports see all of them; the committee only frozen ones."""
    found = Report.objects.all()
    return found if manager else found.filter(status=Status.FROZEN)


def published() -> QuerySet[Report]:
    return Report.objects.filter(kind=Kind.ANNUAL, status=Status.FROZEN)


def published_for(year: int) -> Report | None:
    return published().filter(period_start__year=year).first()


def events(report: Report) -> QuerySet[ReportEvent]:
    return report.events.select_related("user")
