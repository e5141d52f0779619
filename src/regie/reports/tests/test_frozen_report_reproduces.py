"""A report for a past period shows the figures as they were when it was drafted, whatever
happens to the live data afterwards, and a frozen report can no longer change."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from regie.conftest import People
from regie.isms import services as isms
from regie.isms.models import MeasureStatus
from regie.reports import services
from regie.reports.models import Kind, Report, ReportFrozen, Status
from regie.reports.tests.figures import first_half_of_2026

pytestmark = pytest.mark.django_db


def _frozen(people: People) -> Report:
    report = services.report_draft(kind=Kind.HALF_YEARLY, year=2026, half=1, by=people.ciso)
    services.report_review(report=report, by=people.privacy_officer)
    return services.report_freeze(report=report, by=people.ciso)


def _page(client: Client, report: Report) -> str:
    response = client.get(reverse("reports:detail", kwargs={"public_id": report.public_id}))
    assert response.status_code == 200
    return response.content.decode()


def test_it_keeps_the_figures_of_the_day_it_was_drafted(people: People, login_as) -> None:
    first_half_of_2026(people)
    report = _frozen(people)
    assert report.figures["isms"]["at_end"]["measures"]["done"] == 1
    client = login_as(people.commissielid)
    before = _page(client, report)
    stored = Report.objects.get(pk=report.pk).pdf_bytes()

    # The live data moves on: more measures done, and the snapshot of June is taken again.
    for title in ("Clean desk", "Tweefactor voor iedereen", "Back-up getest"):
        isms.measure_save(
            title=title, status=MeasureStatus.DONE, budget_year=2026, incidental_cost=Decimal(1)
        )
    isms.snapshot_take(on=date(2026, 6, 30))

    again = Report.objects.get(pk=report.pk)
    assert again.figures == report.figures
    assert again.figures["isms"]["at_end"]["measures"]["done"] == 1
    assert _page(client, again).split("<main", 1)[1].split("</main>")[0].replace(
        "aria-current", ""
    ) == before.split("<main", 1)[1].split("</main>")[0].replace("aria-current", "")
    assert again.pdf_bytes() == stored
    # A report drafted now would show the new figures: the comparison above can fail.
    fresh = services.report_draft(kind=Kind.ANNUAL, year=2026, half=None, by=people.ciso)
    assert fresh.figures["isms"]["at_end"]["measures"]["done"] == 4


def test_it_never_changes_a_frozen_report(people: People) -> None:
    first_half_of_2026(people)
    report = _frozen(people)
    assert report.status == Status.FROZEN
    assert len(report.pdf_sha256) == 64
    with pytest.raises(ReportFrozen):
        services.report_refresh(report=report, by=people.ciso)
    stored = Report.objects.get(pk=report.pk)
    stored.figures = {}
    with pytest.raises(ReportFrozen):
        stored.save()
    with pytest.raises(ReportFrozen):
        stored.delete()
    event = report.events.get(kind="frozen")
    assert event.sha256 == report.pdf_sha256
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(stored.pdf_bytes())).pages)
    assert "Versleutelde" not in text  # measure titles are not in the report, counts are
