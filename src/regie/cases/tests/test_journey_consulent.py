"""Journey: a case worker opens a case, adds a note, asks the engine about an exchange,
records the consent it asks for and an objection, and makes an anonymised summary for a
colleague."""

import pytest
from playwright.sync_api import Page, expect

from regie.cases import services
from regie.cases.models import Case
from regie.conftest import PASSWORD, People
from regie.processing_log.models import ProcessingRecord
from regie.testing.browser import _, log_in_staff, screenshot

pytestmark = pytest.mark.browser


def test_it_works_a_case_from_note_to_anonymised_consultation(
    page: Page, people: People, case: Case
) -> None:
    services.involved_person_add(
        actor=people.consulent,
        case_id=case.public_id,
        role="mentor",
        name="Cor van Dijk",
        contact="06-12345678",
    )
    log_in_staff(page, people.consulent, PASSWORD)

    page.get_by_role("link", name=_("My caseload")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(_("My caseload"))
    screenshot(page, "consulent-caseload.png")
    page.get_by_role("link", name="Anna Willems").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Anna Willems")

    page.get_by_role("link", name=_("Add a note")).click()
    page.get_by_label(_("Note")).fill(
        "Huisbezoek bij Anna Willems, Lindenlaan 12. Mentor Cor van Dijk was erbij. "
        "Zij wil dat het jeugddossier van vroeger niet zomaar gebruikt wordt."
    )
    page.get_by_role("button", name=_("Save")).click()
    expect(page.get_by_role("status")).to_contain_text(_("The note is saved."))
    screenshot(page, "consulent-case.png")

    page.get_by_role("link", name=_("Ask the engine")).click()
    page.get_by_label(_("Care partner (organisation)")).fill("Jeugdteam Lindendal")
    page.get_by_label(_("What do you want to do?")).select_option("use")
    page.get_by_label(_("With whom?")).select_option("jeugdwet_records")
    page.get_by_label(_("For what purpose?")).select_option("support_assessment")
    page.get_by_label(_("Which data, and why")).fill("Het jeugddossier, voor het onderzoek")
    page.get_by_label(_("The data are necessary for this purpose (no more than needed)")).check()
    screenshot(page, "consulent-ask-engine.png")
    page.get_by_role("button", name=_("Ask the engine")).click()
    decision = page.get_by_test_id("engine-decision")
    expect(decision).to_contain_text(_("Specific consent is needed first"))
    expect(decision).to_contain_text(_("the resident"))
    screenshot(page, "consulent-engine-decision.png")
    record = ProcessingRecord.objects.filter(name__startswith="exchange.assess [").get()
    assert "wmo." in record.name or "consent" in record.name

    page.get_by_role("link", name=_("Record consent")).click()
    page.get_by_label(_("Which data the consent covers")).fill("Het jeugddossier uit 2019")
    page.get_by_label(_("How was it given?")).select_option("in_person")
    page.get_by_role("button", name=_("Save")).click()
    expect(page.get_by_test_id("consent")).to_contain_text(_("In force."))
    screenshot(page, "consulent-consent.png")

    page.get_by_role("link", name=_("Record an objection")).click()
    page.get_by_label(_("What does the resident object to?")).fill(
        "Wil toch niet dat het jeugddossier gedeeld wordt"
    )
    page.get_by_label(_("How do you go on?")).select_option("limited")
    screenshot(page, "consulent-objection.png")
    page.get_by_role("button", name=_("Save")).click()
    expect(page.get_by_test_id("objection")).to_be_visible()

    page.get_by_role("link", name=_("Anonymised consultation")).click()
    page.get_by_label(_("Your question for your colleague")).fill(
        "Hoe zou jij Anna Willems benaderen?"
    )
    page.get_by_label(_("Colleague"), exact=True).select_option(label="Teamleider Test")
    page.get_by_role("button", name=_("Make the anonymised summary")).click()
    summary = page.get_by_test_id("anonymised-summary")
    expect(summary).to_contain_text(_("[resident]"))
    for secret in ("Anna", "Willems", "Lindenlaan", "Dijk"):
        expect(summary).not_to_contain_text(secret)
    screenshot(page, "consulent-anonymised-summary.png")
    page.get_by_role("button", name=_("Share with this colleague")).click()
    expect(page.get_by_role("status")).to_contain_text(
        _("The anonymised summary is shared with your colleague.")
    )


def test_it_masks_a_confidential_address_until_a_team_leader_approves(
    page: Page, people: People, shelter_case: Case
) -> None:
    log_in_staff(page, people.consulent, PASSWORD)
    page.goto(f"/werk/dossiers/{shelter_case.public_id}/")
    expect(page.get_by_test_id("address")).to_have_text(_("Confidential address (masked)"))
    page.get_by_role("link", name=_("Ask to see the address")).click()
    page.get_by_label(_("Why do you need to see the address?")).fill("Huisbezoek gepland")
    page.get_by_label(_("Your password, to confirm it is you")).fill(PASSWORD)
    screenshot(page, "consulent-confidential-address.png")
    page.get_by_role("button", name=_("Send the request")).click()
    expect(page.get_by_role("status")).to_contain_text(
        _("Your request is sent to your team leader.")
    )
    expect(page.get_by_role("button", name=_("Show the address now"))).to_have_count(0)
