"""The demo holds a frozen committee report for the previous half year, a draft for the
current one and last year's published annual report; loading again changes nothing."""

import pytest
from django.utils import timezone

from regie.demo import data
from regie.reports.models import Kind, Report, ReportEvent, Status

pytestmark = pytest.mark.django_db


def test_it_loads_the_demo_reports_once() -> None:
    data.load()
    today = timezone.localdate()
    half_yearly = list(Report.objects.filter(kind=Kind.HALF_YEARLY).order_by("period_start"))
    assert [r.status for r in half_yearly] == [Status.FROZEN, Status.DRAFT]
    assert half_yearly[1].period_start <= today <= half_yearly[1].period_end
    assert half_yearly[0].period_end < half_yearly[1].period_start
    assert half_yearly[0].figures["isms"]["at_end"] is not None  # the month-end snapshots
    annual = Report.objects.get(kind=Kind.ANNUAL)
    assert (annual.status, annual.period_start.year) == (Status.FROZEN, today.year - 1)
    events = ReportEvent.objects.count()
    data.load()
    assert Report.objects.count() == 3
    assert ReportEvent.objects.count() == events
