"""Journeys: the CISO uploads an EVE file, triages a group and sees the monthly chart; the
privacy officer reads an insider alert."""

import io

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from regie.breaches.models import Breach
from regie.conftest import PASSWORD, People
from regie.monitoring import services
from regie.monitoring.models import SourceKind, TriageStatus
from regie.monitoring.tests.samples import MAIL_CSV, eve_alert, eve_file
from regie.processing_log.tests.factories import process
from regie.testing.browser import _, log_in_staff, screenshot

pytestmark = pytest.mark.browser


def test_the_ciso_uploads_triages_and_reads_the_figures(
    page: Page, people: People, tmp_path
) -> None:
    services.signal_source_create(
        name="Suricata DMZ", kind=SourceKind.SURICATA_EVE, created_by=people.ciso
    )
    mail = services.signal_source_create(
        name="Mailgateway", kind=SourceKind.MAIL_GATEWAY, created_by=people.ciso
    )[0]
    services.signals_ingest(source=mail, stream=io.BytesIO(MAIL_CSV.encode()))
    eve = tmp_path / "eve.json"
    eve.write_bytes(eve_file([eve_alert(n) for n in range(5)] + ["{broken"]))
    log_in_staff(page, people.ciso, PASSWORD)

    page.get_by_role("link", name=_("Security signals")).click()
    page.get_by_role("link", name=_("Upload signals")).click()
    page.get_by_label(_("Source")).select_option(label="Suricata DMZ")
    page.get_by_label(_("File")).set_input_files(str(eve))
    page.get_by_role("button", name=_("Upload")).click()
    expect(page.get_by_test_id("delivery-result")).to_contain_text("5")
    screenshot(page, "ciso-signals-upload.png")

    page.get_by_role("link", name=_("Back to the signals")).click()
    page.get_by_role("link", name="ET SCAN Suspicious inbound to mySQL port 3306").click()
    page.get_by_label(str(TriageStatus.INCIDENT.label)).check()
    page.get_by_label(_("Note")).fill("Poort 3306 stond open naar internet; dichtgezet.")
    screenshot(page, "ciso-signals-triage.png")
    page.get_by_role("button", name=_("Record decision")).click()
    with_dutch = page.get_by_test_id("group-status")
    expect(with_dutch).to_have_text(_("Incident"))
    expect(page.get_by_role("heading", name=_("For the breach register"))).to_be_visible()
    page.get_by_role("button", name=_("Escalate into the breach register")).click()
    expect(page.get_by_role("link", name=_("Open the breach"))).to_be_visible()
    breach = Breach.objects.get()
    assert breach.title.endswith("ET SCAN Suspicious inbound to mySQL port 3306")
    screenshot(page, "ciso-signals-escalated.png")

    page.get_by_role("link", name=_("Security figures")).click()
    page.goto(page.url + "?tot=2015-12")
    expect(page.locator("svg.regie-chart")).to_have_count(3)
    page.get_by_text(_("Figures as a table")).first.click()
    expect(page.get_by_test_id("mail-table")).to_contain_text("132608")
    screenshot(page, "ciso-signals-figures.png")


def test_the_privacy_officer_reads_an_insider_alert(page: Page, people: People) -> None:
    process(people.consulent, people.bram)
    services.insider_scan(day=timezone.localdate())
    log_in_staff(page, people.privacy_officer, PASSWORD)

    page.get_by_role("navigation").get_by_role("link", name=_("Insider alerts")).click()
    screenshot(page, "privacy-insider-list.png")
    page.get_by_role("link", name=_("Dossiers outside the caseload")).click()

    expect(page.get_by_test_id("explanation")).to_be_visible()
    page.get_by_label(str(_("Justified"))).check()
    page.get_by_label(_("Note")).fill("Vervanging van een zieke collega.")
    screenshot(page, "privacy-insider-alert.png")
    page.get_by_role("button", name=_("Record conclusion")).click()
    expect(page.get_by_test_id("alert-status")).to_have_text(_("Justified"))

    # On to the log: what else did this staff member do?
    page.get_by_role(
        "link", name=_("Search the processing log for what this staff member did")
    ).click()
    expect(page.get_by_label(_("Staff member"))).to_have_value(str(people.consulent.public_id))
    page.get_by_role("button", name=_("Search")).click()
    results = page.get_by_role("table")
    expect(results).to_contain_text("case.read")
    expect(results).to_contain_text(people.bram.subject_pseudonym[:12])
    screenshot(page, "privacy-log-search.png")
