"""Journey: a committee member reads the frozen confidential report and downloads a copy with
her name on every page; a council member cannot open it (404, recorded) and reads the
published annual report instead."""

from io import BytesIO
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from regie.conftest import PASSWORD, People
from regie.reports import services
from regie.reports.models import EventKind, Kind, Report, ReportEvent
from regie.reports.tests.figures import first_half_of_2026
from regie.testing.browser import _, log_in_staff, screenshot

pytestmark = pytest.mark.browser


def _frozen(people: People, kind: str, half: int | None) -> Report:
    report = services.report_draft(kind=kind, year=2026, half=half, by=people.ciso)
    services.report_review(report=report, by=people.privacy_officer)
    return services.report_freeze(report=report, by=people.ciso)


def test_it_lets_the_committee_read_and_not_the_council(page: Page, people: People) -> None:
    first_half_of_2026(people)
    report = _frozen(people, Kind.HALF_YEARLY, 1)
    _frozen(people, Kind.ANNUAL, None)

    log_in_staff(page, people.commissielid, PASSWORD)
    page.get_by_role("link", name=_("Council reports"), exact=True).click()
    screenshot(page, "commissielid-rapportages.png")
    page.get_by_role("link", name=_("Half-yearly committee report (confidential)")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        _("Half-yearly committee report (confidential)")
    )
    expect(page.get_by_text(_("Confidential."), exact=True)).to_be_visible()
    plan = _("Progress of the implementation plan")
    expect(page.get_by_role("heading", name=plan)).to_be_visible()
    screenshot(page, "commissielid-rapportage.png")
    with page.expect_download() as download:
        page.get_by_role("link", name=_("Download as PDF")).click()
    pages = PdfReader(BytesIO(Path(download.value.path()).read_bytes())).pages
    for pdf_page in pages:
        text = pdf_page.extract_text()
        assert _("Confidential") in text
        assert "Commissielid Test" in text
    page.get_by_role("button", name=_("Log out")).click()

    log_in_staff(page, people.raadslid, PASSWORD)
    navigation = page.get_by_role("navigation", name=_("Main navigation"))
    expect(navigation.get_by_role("link", name=_("Council reports"), exact=True)).to_have_count(0)
    refused = page.request.get(f"/rapportages/{report.public_id}/")
    assert refused.status == 404
    assert ReportEvent.objects.filter(
        kind=EventKind.REFUSED, report=report, user=people.raadslid
    ).exists()
    navigation.get_by_role("link", name=_("Annual reports"), exact=True).click()
    screenshot(page, "raadslid-jaarverslagen.png")
    page.get_by_role("link", name=_("Annual report %(year)s") % {"year": 2026}).click()
    expect(page.get_by_role("heading", name=_("Data breaches and their handling"))).to_be_visible()
    screenshot(page, "raadslid-jaarverslag.png")
