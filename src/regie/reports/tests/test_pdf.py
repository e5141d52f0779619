"""The PDFs, read back: the confidential copy carries "Confidential", the reader and the time
on every page; the public one has the figures and no such mark."""

from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from regie.conftest import People
from regie.reports import services
from regie.reports.models import EventKind, Kind, Report
from regie.reports.tests.figures import first_half_of_2026

pytestmark = pytest.mark.django_db


def _pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(content)).pages]


def _frozen(people: People, kind: str, half: int | None) -> Report:
    report = services.report_draft(kind=kind, year=2026, half=half, by=people.ciso)
    services.report_review(report=report, by=people.privacy_officer)
    return services.report_freeze(report=report, by=people.ciso)


def test_it_marks_every_page_of_a_confidential_copy(people: People, login_as) -> None:
    first_half_of_2026(people)
    report = _frozen(people, Kind.HALF_YEARLY, 1)
    client = login_as(people.commissielid)
    response = client.get(reverse("reports:pdf", kwargs={"public_id": report.public_id}))
    assert response.status_code == 200
    pages = _pages(response.content)
    with translation.override("nl"):
        confidential = translation.gettext("Confidential")
        done = translation.gettext("Done")
    assert confidential == "Vertrouwelijk"
    assert len(pages) >= 2
    for text in pages:
        assert confidential in text
        assert "Commissielid Test" in text
        assert "2026" in text  # the moment of download, with the year
    everything = "\n".join(pages)
    assert f"{done} 1" in everything  # one measure done at the end of June
    event = report.events.get(kind=EventKind.DOWNLOADED)
    assert event.user == people.commissielid
    assert len(event.sha256) == 64


def test_it_publishes_the_annual_report_without_the_mark(people: People, client) -> None:
    first_half_of_2026(people)
    report = _frozen(people, Kind.ANNUAL, None)
    response = client.get(reverse("reports:public-pdf", kwargs={"year": 2026}))
    assert response.status_code == 200
    assert response.content == Report.objects.get(pk=report.pk).pdf_bytes()
    pages = _pages(response.content)
    with translation.override("nl"):
        assert translation.gettext("Confidential") not in "".join(pages)
        headline = translation.gettext(
            "Of the implementation plan, %(done)s measures are done, %(late)s are late and "
            "%(planned)s are planned."
        ) % {"done": 1, "late": 0, "planned": 1}
    assert headline in " ".join(" ".join(pages).split())
    page = client.get(reverse("reports:public-year", kwargs={"year": 2026}))
    assert page.status_code == 200
    assert client.get(reverse("reports:public-year", kwargs={"year": 2025})).status_code == 404
