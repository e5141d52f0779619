"""A section whose source app is not in use says so instead of showing zeros, and a period
without data says that per section."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from regie.conftest import People
from regie.reports import services, sources
from regie.reports.models import Kind, Report
from regie.reports.periods import Period

pytestmark = pytest.mark.django_db


def _nl(message: str) -> str:
    with translation.override("nl"):
        return translation.gettext(message)


def test_it_reports_a_missing_app_as_missing() -> None:
    elsewhere = sources.Source("elsewhere", "regie.not_installed", lambda s, p: {"total": 0})
    assert elsewhere.figures(Period(date(2026, 1, 1), date(2026, 6, 30))) == {"available": False}
    assert sources.REGISTER.figures(Period(date(2026, 1, 1), date(2026, 6, 30)))["available"]


def test_it_says_so_in_the_report(people: People, login_as) -> None:
    client = login_as(people.ciso)
    without = Report.objects.create(
        kind=Kind.HALF_YEARLY,
        period_start=date(2024, 7, 1),
        period_end=date(2024, 12, 31),
        figures={"breaches": {"available": False}, "monitoring": {"available": False}},
        gathered_at=timezone.now(),
        drafted_by=people.ciso,
    )
    page = client.get(reverse("reports:detail", kwargs={"public_id": without.public_id}))
    assert _nl("Source not yet available.") == "Bron nog niet beschikbaar."
    assert page.content.decode().count(_nl("Source not yet available.")) >= 4  # every section

    report = services.report_draft(kind=Kind.HALF_YEARLY, year=2025, half=1, by=people.ciso)
    text = client.get(
        reverse("reports:detail", kwargs={"public_id": report.public_id})
    ).content.decode()
    # The ISMS is installed but kept nothing in 2025: it says so rather than showing zeros.
    assert report.figures["isms"]["at_end"] is None
    assert _nl("No figures were kept for this period.") in text
