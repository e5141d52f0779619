"""Journey: a beheerder makes an API token for another system, revokes it, and deactivates
a colleague, whose open session ends at once."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from regie.accounts.models import ApiToken
from regie.conftest import PASSWORD, People
from regie.testing.browser import _, log_in_staff, screenshot

pytestmark = pytest.mark.browser


def test_it_makes_shows_once_and_revokes_an_api_token(page: Page, people: People) -> None:
    log_in_staff(page, people.beheerder, PASSWORD)
    page.get_by_role("link", name=_("API tokens"), exact=True).first.click()
    expect(page.get_by_text(_("No tokens yet."))).to_be_visible()

    page.get_by_label(_("Name of the system that uses the token")).fill("Zaaksysteem")
    page.get_by_label("(api.me)").check()
    page.get_by_role("button", name=_("Make token")).click()

    secret = page.get_by_test_id("new-token").inner_text()
    assert secret.startswith("regie_")
    screenshot(page, "beheerder-token-made.png")
    page.reload()
    expect(page.get_by_test_id("new-token")).to_have_count(0)

    page.get_by_role("link", name=_("Revoke") + " Zaaksysteem").click()
    screenshot(page, "beheerder-token-revoke.png")
    page.get_by_role("button", name=_("Yes, revoke")).click()
    expect(page.get_by_role("status")).to_contain_text("Zaaksysteem")
    token = ApiToken.objects.get(name="Zaaksysteem")
    assert token.revoked_at is not None


def test_it_asks_for_a_name_and_a_scope_before_making_a_token(page: Page, people: People) -> None:
    log_in_staff(page, people.beheerder, PASSWORD)
    page.goto(reverse("accounts:tokens"))
    page.get_by_role("button", name=_("Make token")).click()

    expect(page.get_by_text(_("Choose at least one thing the token may do."))).to_be_visible()
    assert not ApiToken.objects.exists()


def test_it_deactivates_a_colleague_and_ends_their_session(
    page: Page, browser: Browser, people: People, live_server
) -> None:
    colleague_context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    colleague = colleague_context.new_page()
    log_in_staff(colleague, people.consulent, PASSWORD)

    log_in_staff(page, people.beheerder, PASSWORD)
    page.get_by_role("link", name=_("Users"), exact=True).first.click()
    screenshot(page, "beheerder-users.png")
    page.get_by_role("link", name=_("Deactivate") + " consulent").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("consulent")
    page.get_by_role("button", name=_("Yes, deactivate")).click()
    expect(page.get_by_role("status")).to_contain_text("consulent")

    colleague.goto(reverse("accounts:home"))
    expect(colleague).to_have_url(f"{live_server.url}{reverse('accounts:login')}?next=/werk/")
    colleague_context.close()
