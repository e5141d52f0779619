"""Journey: a resident logs in with DigiD and reads who used their data, and why."""

import pytest
from playwright.sync_api import Page, expect

from regie.conftest import BSN_ANNA, People
from regie.processing_log.services import log_seal_all
from regie.register import builtin
from regie.register.selectors import activity_version_in_force
from regie.testing.browser import _, log_in_resident, screenshot

pytestmark = pytest.mark.browser


def test_it_shows_a_resident_who_used_their_data(page: Page, people: People) -> None:
    log_seal_all()
    log_in_resident(page, BSN_ANNA)

    page.get_by_role("link", name=_("Who used my data")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(_("Who used my data"))
    register = activity_version_in_force(builtin.REGISTER_RESIDENT)
    entry = page.get_by_role("listitem").filter(has_text=register.name)
    expect(entry).to_contain_text(register.plain_explanation)
    expect(entry).to_contain_text(
        _("Sealed in the log: this entry can no longer be changed unnoticed.")
    )
    # The log-in just now is recorded too, and waits for the next seal.
    login = activity_version_in_force(builtin.IDENTIFY_RESIDENT)
    expect(page.get_by_role("listitem").filter(has_text=login.name).first).to_contain_text(
        _("Not sealed yet: this happens within a few minutes.")
    )
    screenshot(page, "resident-log.png")
