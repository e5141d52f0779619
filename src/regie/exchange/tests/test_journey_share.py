"""Journey: a case worker shares a support plan with a care partner; the professional opens the
e-mailed link, proves who they are with the code, downloads the plan; the case worker revokes
the share and the link is dead at once."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from regie.conftest import PASSWORD, People
from regie.exchange.tests.conftest import PLAN, Shareable, link_token, mailed_code
from regie.testing.browser import _, log_in_staff, pgettext, screenshot

pytestmark = pytest.mark.browser


def test_it_shares_opens_downloads_and_revokes(
    page: Page, browser: Browser, live_server: LiveServer, people: People, shareable: Shareable
) -> None:
    log_in_staff(page, people.consulent, PASSWORD)
    page.goto(f"/werk/dossiers/{shareable.case.public_id}/")
    page.get_by_role("link", name=_("Share documents with a care partner")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Share documents"))
    page.get_by_label(_("Recipient")).select_option(label="Karin Bos, Zorggroep De Linde")
    page.get_by_label("Plan").check()
    page.get_by_label(_("Valid for (days)")).fill("3")
    screenshot(page, "consulent-share.png")
    page.get_by_role("button", name=_("Check and share")).click()
    expect(page.get_by_role("status")).to_contain_text("Zorggroep De Linde")
    expect(page.get_by_role("cell", name=_("active"))).to_be_visible()

    recipient_context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    recipient = recipient_context.new_page()
    token = link_token()
    recipient.goto(f"/delen/{token}/")
    expect(recipient.get_by_role("heading", level=1)).to_have_text(_("Open shared documents"))
    recipient.get_by_role("button", name=_("Send me a code")).click()
    recipient.get_by_label(_("Code")).fill(mailed_code())
    screenshot(recipient, "professional-code.png")
    recipient.get_by_role("button", name=pgettext("button", "Open"), exact=True).click()
    expect(recipient.get_by_role("heading", level=1)).to_have_text(_("Shared documents"))
    screenshot(recipient, "professional-documents.png")
    with recipient.expect_download() as download:
        recipient.get_by_role("link", name="Plan").click()
    assert Path(download.value.path()).read_bytes() == PLAN

    page.reload()
    page.get_by_role("link", name=_("Revoke")).click()
    page.get_by_role("button", name=_("Yes, revoke")).click()
    expect(page.get_by_role("cell", name=_("revoked"))).to_be_visible()
    screenshot(page, "consulent-share-revoked.png")

    recipient.reload()
    expect(recipient.get_by_role("heading", level=1)).to_have_text(_("This link does not work"))
    expect(recipient.get_by_text("Plan")).to_have_count(0)
    recipient_context.close()
