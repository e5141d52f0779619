"""Journey: the privacy officer registers a lost USB stick, sees the assessment and the
72-hour countdown, confirms it, reads the AP form and the residents' letter, records the
report and closes the breach; then handles a rights request that came by letter."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from regie.breaches.models import Breach, Status
from regie.conftest import BSN_ANNA, PASSWORD, People, inspecting
from regie.requests.models import RightsRequest
from regie.requests.models import Status as RequestStatus
from regie.testing.browser import _, log_in_staff, screenshot

pytestmark = pytest.mark.browser


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_it_registers_assesses_reports_and_closes_a_breach(page: Page, people: People) -> None:
    log_in_staff(page, people.privacy_officer, PASSWORD)
    page.get_by_role("link", name=_("Data breaches"), exact=True).first.click()
    expect(page.get_by_text(_("No breach is waiting to be reported."))).to_be_visible()

    page.get_by_role("link", name=_("Register a breach")).click()
    discovered = timezone.now() - timedelta(hours=3)
    page.get_by_label(_("Short description")).fill("USB-stick kwijt in de trein")
    page.get_by_label(_("What happened"), exact=True).fill(
        "Werklijst van team Wmo, niet versleuteld."
    )
    page.get_by_label(_("When it happened")).fill(_local(discovered - timedelta(hours=1)))
    page.get_by_label(_("When it was discovered")).fill(_local(discovered))
    page.get_by_label(_("Names"), exact=True).check()
    page.get_by_label(_("Addresses"), exact=True).check()
    page.get_by_label(_("Number of people concerned")).fill("38")
    page.get_by_label(_("Number of records concerned")).fill("38")
    page.get_by_label(_("Others could see or take the data")).check()
    screenshot(page, "privacy-breach-new.png")
    page.get_by_role("button", name=_("Register and assess")).click()

    expect(page.get_by_role("status")).to_contain_text("DL-")
    expect(page.get_by_test_id("risk")).to_have_text(_("Risk"))
    expect(page.get_by_test_id("notify-authority")).to_have_text(
        _("yes, within 72 hours of discovery")
    )
    expect(page.get_by_test_id("countdown")).to_contain_text("68")
    expect(page.get_by_text(_("AVG art. 33(1)")).first).to_be_visible()
    screenshot(page, "privacy-breach-assessed.png")
    page.get_by_role("link", name=_("All breaches")).click()
    expect(page.get_by_test_id("countdown")).to_contain_text("68")
    screenshot(page, "privacy-breaches.png")
    page.get_by_role("link", name=_("Start"), exact=True).click()
    expect(page.get_by_test_id("countdown")).to_contain_text("68")
    # Every card holds its text, long Dutch compounds included.
    overflowing = page.locator(".regie-card h2").evaluate_all(
        "hs => hs.filter(h => h.scrollWidth > h.clientWidth).map(h => h.textContent)"
    )
    assert overflowing == []
    screenshot(page, "privacy-home.png")
    page.get_by_role("link", name="DL-", exact=False).first.click()

    page.get_by_role("link", name=_("Confirm assessment")).click()
    page.get_by_role("button", name=_("Confirm assessment")).click()
    expect(page.get_by_test_id("status")).to_have_text(_("Assessed"))

    page.get_by_role("link", name=_("Content of the AP's notification form")).click()
    expect(page.get_by_role("heading", name=_("Timeline"))).to_be_visible()
    screenshot(page, "privacy-breach-ap-form.png")
    page.go_back()
    page.get_by_role("link", name=_("Draft letter to the people concerned")).click()
    expect(page.get_by_test_id("letter")).to_contain_text("USB-stick kwijt in de trein")
    screenshot(page, "privacy-breach-letter.png")
    page.go_back()

    page.get_by_role("link", name=_("Record the report to the AP")).click()
    page.get_by_label(_("AP reference number")).fill("M-2026-1001")
    page.get_by_role("button", name=_("Record report")).click()
    expect(page.get_by_test_id("status")).to_have_text(_("Reported to the AP"))
    expect(page.get_by_test_id("countdown")).to_have_count(0)

    page.get_by_role("link", name=_("Close the breach")).click()
    page.get_by_role("button", name=_("Yes, close")).click()
    expect(page.get_by_test_id("status")).to_have_text(_("Closed"))
    breach = Breach.objects.get()
    assert breach.status == Status.CLOSED and breach.reports.get().authority_reference


def test_it_shows_a_wrong_count_on_the_field(page: Page, people: People) -> None:
    log_in_staff(page, people.privacy_officer, PASSWORD)
    page.goto("/privacy/datalekken/nieuw/")
    page.get_by_label(_("Short description")).fill("Hack van het archief")
    page.get_by_label(_("What happened"), exact=True).fill("Onbekende toegang.")
    page.get_by_label(_("When it was discovered")).fill(_local(timezone.now()))
    page.get_by_label(_("Number of people concerned")).fill("10")
    page.get_by_label(_("Number of records concerned")).fill("500")
    page.get_by_label(_("Number of records the system holds")).fill("100")
    page.get_by_role("button", name=_("Register and assess")).click()

    expect(page.get_by_label(_("Number of records concerned"))).to_have_attribute(
        "aria-invalid", "true"
    )
    message = _("More records are concerned than the system holds (%(held)s); check both numbers.")
    expect(page.get_by_text(message % {"held": 100})).to_be_visible()
    assert not Breach.objects.exists()


def test_it_handles_a_rights_request_that_came_by_letter(page: Page, people: People) -> None:
    log_in_staff(page, people.privacy_officer, PASSWORD)
    page.get_by_role("link", name=_("Rights requests"), exact=True).first.click()
    page.get_by_role("link", name=_("Register a request")).click()
    page.get_by_label(_("BSN of the resident")).fill(BSN_ANNA)
    page.get_by_label(_("Kind of request")).select_option("access")
    page.get_by_label(_("Received through")).select_option("letter")
    page.get_by_label(_("What the resident asks")).fill("Welke gegevens heeft u van mij?")
    page.get_by_role("button", name=_("Register request")).click()

    expect(page.get_by_role("status")).to_contain_text("RV-")
    expect(page.get_by_role("main")).to_contain_text("Anna Willems")
    page.get_by_role("link", name=_("Check the identity")).click()
    page.get_by_label(_("How the identity was checked")).fill("Kopie paspoort bij de brief")
    page.get_by_role("button", name=_("Record identity check")).click()

    page.get_by_role("link", name=_("What Regie holds about this resident")).click()
    expect(page.get_by_test_id("processing")).to_be_visible()
    page.go_back()
    page.get_by_role("link", name=_("Decide")).click()
    page.get_by_label(_("Decision")).select_option("granted")
    page.get_by_label(_("Letter to the resident, with the reasons")).fill(
        "Beste mevrouw Willems, bijgaand het overzicht van uw gegevens."
    )
    screenshot(page, "privacy-request-decide.png")
    page.get_by_role("button", name=_("Record decision")).click()
    page.get_by_role("link", name=_("Close the request")).click()
    page.get_by_role("button", name=_("Yes, close")).click()

    expect(page.get_by_test_id("status")).to_have_text(_("Closed"))
    with inspecting():
        assert RightsRequest.objects.get().status == RequestStatus.CLOSED
    page.get_by_role("link", name=_("All requests")).click()
    screenshot(page, "privacy-requests.png")
