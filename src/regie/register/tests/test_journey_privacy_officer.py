"""Journey: the privacy officer maintains the register in the browser: an activity and its
versions, a work process with a gap, a care partner and its agreement, the dashboard; and a
resident reads the public privacy page without logging in."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from regie.conftest import PASSWORD, People
from regie.register.selectors import activity_version_in_force, processor_may_receive
from regie.testing.browser import _, log_in_staff, screenshot

pytestmark = pytest.mark.browser

ACTIVITY = {
    "#id_slug": "wmo-keukentafel",
    "#id_name": "Wmo: keukentafelgesprek",
    "#id_purpose": "Met de inwoner onderzoeken welke ondersteuning nodig is.",
    "#id_legal_source": "Wmo 2015 art. 2.3.2",
    "#id_personal_data_categories": "Naam, gezinssituatie, gezondheid",
    "#id_special_categories": "Gezondheid",
    "#id_special_category_exception": "AVG art. 9 lid 2 sub g; Wmo 2015 art. 5.1.1",
    "#id_retention": "P7Y",
    "#id_owner": "Team Wmo",
    "#id_plain_explanation": "We spraken met u over wat u nodig heeft.",
}


def _field_error(page: Page, field: str) -> str:
    return page.locator(f"#id_{field}_error").inner_text()


def test_it_maintains_the_register_and_shows_its_versions(page: Page, people: People) -> None:
    log_in_staff(page, people.privacy_officer, PASSWORD)
    page.get_by_role("navigation", name=_("Main navigation")).get_by_role(
        "link", name=_("Register"), exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        _("Register of processing activities")
    )

    page.get_by_role("link", name=_("New activity")).click()
    for selector, value in ACTIVITY.items():
        page.locator(selector).fill(value)
    page.locator("#id_lawful_ground").select_option("a")
    page.get_by_role("button", name=_("Add to the register")).click()
    expect(page.locator("#id_lawful_ground_error")).to_contain_text("Wmo")
    screenshot(page, "privacy-officer-consent-refused.png")
    page.locator("#id_lawful_ground").select_option("c")
    page.locator("#id_retention").fill("zeven jaar")
    page.get_by_role("button", name=_("Add to the register")).click()
    assert _field_error(page, "retention") == _(
        "Give the retention period as an ISO 8601 duration, such as P7Y."
    )
    page.locator("#id_retention").fill("P7Y")
    page.get_by_role("button", name=_("Add to the register")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ACTIVITY["#id_name"])

    page.get_by_role("link", name=_("Change (new version)")).click()
    page.locator("#id_retention").fill("P10Y")
    page.locator("#id_change_note").fill("Nieuwe selectielijst")
    page.get_by_role("button", name=_("Save as version %(number)d") % {"number": 2}).click()
    expect(
        page.get_by_text(_("Version %(number)d is in force now.") % {"number": 2})
    ).to_be_visible()
    screenshot(page, "privacy-officer-activity-versions.png")
    assert activity_version_in_force("urn:regie:verwerking:wmo-keukentafel").retention == "P10Y"

    page.get_by_role("link", name=_("Version %(number)s") % {"number": 1}, exact=True).click()
    expect(page.get_by_test_id("version-status")).to_contain_text(_("See the version in force"))
    expect(page.get_by_role("main")).to_contain_text("P7Y")


def test_it_maps_a_work_process_and_a_care_partner(page: Page, people: People) -> None:
    log_in_staff(page, people.privacy_officer, PASSWORD)
    page.goto(reverse("register:processes"))
    page.get_by_role("link", name=_("New work process")).click()
    page.locator("#id_name").fill("LindendalWijzer: aanvraag")
    page.get_by_role("button", name=_("Save")).click()

    page.get_by_role("link", name=_("Add a step")).click()
    page.locator("#id_name").fill("Huisarts bevragen")
    page.locator("#id_data_registered").fill("Diagnose")
    page.locator("#id_needs_consent").check()
    page.get_by_role("button", name=_("Add step")).click()
    expect(page.locator("#id_consent_note_error")).to_be_visible()
    page.locator("#id_consent_note").fill("Toestemming om de huisarts te bevragen")
    page.get_by_role("button", name=_("Add step")).click()
    page.get_by_role("link", name=_("Add a step")).click()
    page.locator("#id_name").fill("Melding")
    page.locator("#id_data_registered").fill("Naam, hulpvraag")
    registering = activity_version_in_force("urn:regie:verwerking:inwoner-registreren")
    page.locator("#id_activity").select_option(label=registering.name)
    page.get_by_role("button", name=_("Add step")).click()
    expect(page.get_by_text(_("Gap: no processing activity covers this step"))).to_have_count(1)
    expect(page.get_by_role("main")).to_contain_text(registering.legal_source)
    screenshot(page, "privacy-officer-work-process.png")

    page.get_by_role("link", name=_("Processors and agreements")).click()
    page.get_by_role("link", name=_("New processor")).click()
    page.locator("#id_name").fill("Zorggroep De Linde")
    page.locator("#id_kind").select_option("care_partner")
    page.get_by_role("button", name=_("Save")).click()
    expect(page.get_by_test_id("may-receive")).to_contain_text(
        _("No signed agreement is in force: this processor may not receive personal data.")
    )
    page.get_by_role("link", name=_("New agreement")).click()
    today = timezone.localdate()
    page.locator("#id_status").select_option("signed")
    page.locator("#id_model_version").fill("Regio Utrecht West 2025.1")
    page.locator("#id_signed_on").fill((today - timedelta(days=10)).isoformat())
    page.locator("#id_starts_on").fill((today - timedelta(days=1)).isoformat())
    page.locator("#id_ends_on").fill((today - timedelta(days=2)).isoformat())
    page.get_by_role("button", name=_("Save")).click()
    assert _field_error(page, "ends_on") == _("The agreement cannot end before it is in force.")
    page.locator("#id_ends_on").fill((today + timedelta(days=30)).isoformat())
    page.get_by_role("button", name=_("Save")).click()
    expect(page.get_by_test_id("may-receive")).to_contain_text(
        _("A signed agreement is in force: this processor may receive personal data.")
    )
    assert processor_may_receive("Zorggroep De Linde")

    page.get_by_role("link", name=_("Privacy dashboard")).click()
    attention = page.get_by_test_id("attention")
    expect(attention).to_contain_text("Zorggroep De Linde")
    expect(attention).to_contain_text(_("agreement ends soon"))
    screenshot(page, "privacy-officer-dashboard.png")


def test_it_shows_residents_the_privacy_page_without_logging_in(page: Page, db: None) -> None:
    page.goto(reverse("register:public"))
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Privacy in the social domain"))
    registering = activity_version_in_force("urn:regie:verwerking:inwoner-registreren")
    expect(page.get_by_role("main")).to_contain_text(registering.plain_explanation)
    expect(page.get_by_role("link", name=_("Log in to see who used your data"))).to_be_visible()
    screenshot(page, "resident-privacy-page.png")
