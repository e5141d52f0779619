"""Journey: staff log in with password and authenticator code, residents with DigiD."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from regie.accounts.models import User
from regie.conftest import BSN_ANNA, PASSWORD
from regie.testing.browser import _, enter_password, screenshot, totp_code

pytestmark = pytest.mark.browser


def _enter_password(page: Page, user: User, *, screenshot_name: str | None = None) -> None:
    enter_password(page, user, PASSWORD, screenshot_name=screenshot_name)


def test_it_logs_a_consulent_in_with_password_andtotp_code(page: Page, people, live_server):
    consulent = people.consulent
    _enter_password(page, consulent, screenshot_name="staff-login.png")

    page.get_by_label(_("Code from your authenticator app")).fill(totp_code(consulent))
    screenshot(page, "staff-code.png")
    page.get_by_role("button", name=_("Log in"), exact=True).click()

    expect(page).to_have_url(live_server.url + reverse("accounts:home"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(consulent.first_name)
    expect(page.get_by_role("navigation", name=_("Main navigation"))).to_be_visible()
    screenshot(page, "staff-home.png")


def test_it_refuses_a_wrongtotp_code(page: Page, people):
    consulent = people.consulent
    _enter_password(page, consulent)

    # The server also accepts the codes of the neighbouring time steps, for clock drift.
    accepted = {totp_code(consulent, steps) for steps in (-1, 0, 1)}
    wrong = next(code for code in ("000000", "111111", "222222") if code not in accepted)
    page.get_by_label(_("Code from your authenticator app")).fill(wrong)
    page.get_by_role("button", name=_("Log in"), exact=True).click()

    expect(page.get_by_text(_("This code is incorrect or has expired."))).to_be_visible()
    assert urlsplit(page.url).path == reverse("accounts:login-code")
    expect(page.get_by_role("navigation", name=_("Main navigation"))).to_have_count(0)
    page.goto(reverse("accounts:home"))
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Two-step verification"))


def test_it_logs_a_resident_in_with_digid_without_the_bsn_in_any_url(
    page: Page, people, live_server
):
    urls: list[str] = []
    page.context.on("request", lambda request: urls.append(request.url))
    page.on("framenavigated", lambda frame: urls.append(frame.url))

    page.goto("/")
    page.get_by_role("main").get_by_role("link", name=_("Log in with DigiD")).click()
    expect(page).to_have_url(live_server.url + reverse("accounts:digid-start"))
    page.get_by_role("main").get_by_role("link", name=_("Log in with DigiD")).click()

    # The mock IdP of django-digid-eherkenning: a choice of method, then a BSN field.
    page.get_by_role("link", name="Met burgerservicenummer").click()
    page.locator("input[name=auth_bsn]").fill(BSN_ANNA)
    screenshot(page, "resident-digid.png")
    page.get_by_role("button", name="Inloggen").click()

    expect(page).to_have_url(live_server.url + reverse("portal:home"))
    expect(page.get_by_role("heading", level=1)).to_have_text(_("My Inwonercloud"))
    assert any("/digid-mock/" in url for url in urls)
    assert [url for url in urls if BSN_ANNA in url] == []


def test_it_offers_the_skip_link_first_when_tabbing(page: Page):
    page.goto("/")
    skip_link = page.get_by_role("link", name=_("Skip to main content"))
    expect(skip_link).not_to_be_in_viewport()

    page.keyboard.press("Tab")

    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
