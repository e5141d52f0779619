"""Journey: a consulent records, from Anna's case, that someone the municipality does not know
yet is her curator, with the evidence seen; that person logs in with the DigiD mock, sees
whom they act for and acts for Anna. Each page checked by axe-core."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from regie.conftest import PASSWORD, People
from regie.portal.models import Basis
from regie.portal.tests.conftest import make_dossier
from regie.testing.accessibility import assert_accessible
from regie.testing.browser import _, log_in_resident, log_in_staff, screenshot

pytestmark = pytest.mark.browser

BSN_SANNE = "999990068"
EVIDENCE = "Beschikking rechtbank Lindendal d.d. 1 oktober 2026 (curatele)"


def test_it_records_a_representative_who_then_acts_in_the_portal(
    page: Page, people: People
) -> None:
    dossier = make_dossier(people)
    log_in_staff(page, people.consulent, PASSWORD)
    page.goto(reverse("cases:detail", args=[dossier.case.public_id]))
    page.get_by_role("link", name=_("Legal representation")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Legal representation"))
    expect(page.get_by_role("main")).to_contain_text(
        _("Nobody is recorded as legal representative of this resident.")
    )

    # A mistyped BSN is named on the field, in Dutch, and nothing is recorded.
    page.get_by_label(_("BSN of the representative")).fill("999990067")
    page.get_by_label(_("Name of the representative (optional)")).fill("Sanne de Wit")
    page.get_by_label(_(str(Basis.CURATELE.label))).check()
    page.get_by_label(_("Evidence seen")).fill(EVIDENCE)
    page.get_by_role("button", name=_("Record the representation")).click()
    expect(page.locator(".utrecht-form-field--invalid")).to_contain_text(
        _("This is not a valid BSN (it fails the 11-check).")
    )
    page.get_by_label(_("BSN of the representative")).fill(BSN_SANNE)
    page.get_by_role("button", name=_("Record the representation")).click()

    current = page.get_by_test_id("representations-current")
    expect(current).to_contain_text("Sanne de Wit")
    expect(current).to_contain_text(_(str(Basis.CURATELE.label)))
    expect(current).to_contain_text(EVIDENCE)
    assert_accessible(page)
    screenshot(page, "consulent-representation.png")

    # Sanne logs in with DigiD for the first time and finds Anna waiting for her.
    page.context.clear_cookies()
    log_in_resident(page, BSN_SANNE)
    page.get_by_role("navigation").get_by_role("link", name=_("Legal representation")).click()
    expect(page.get_by_test_id("by-me")).to_contain_text("Anna Willems")
    expect(page.get_by_role("main")).to_contain_text(
        _("Nobody is recorded as your legal representative.")
    )
    assert_accessible(page)
    screenshot(page, "inwoner-vertegenwoordiging.png")

    page.get_by_role("navigation").get_by_role("link", name=_("Messages")).click()
    expect(page.get_by_role("main")).to_contain_text(
        _("You act for someone as legal representative")
    )
    page.get_by_role("navigation").get_by_role("link", name=_("My Inwonercloud")).click()
    page.get_by_label(_("You are acting for")).select_option(label="Anna Willems")
    page.get_by_role("main").get_by_role("button", name=_("Switch")).click()
    page.get_by_role("navigation").get_by_role("link", name=_("My cases")).click()
    expect(page.get_by_role("main")).to_contain_text(dossier.case.get_law_display())
    expect(page.get_by_role("main")).to_contain_text(
        _(
            "You act as legal representative for someone else. Everything you do here is "
            "recorded as done by you."
        )
    )
