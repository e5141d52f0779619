"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

Fixtures: `browser` (one Chromium per test session) and `page` (a fresh context per test, Dutch
locale, relative URLs resolve against the live server). A test fails when a page it opened
logged a console error or a Content-Security-Policy violation, so CSP breakage is caught.
`screenshot(page, name)` saves a full-page PNG for the guides.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    WebError,
    expect,
    sync_playwright,
)
from pytest_django.live_server_helper import LiveServer

from regie.accounts.models import User
from regie.testing.pages import totp_code

# Playwright's sync API runs an asyncio event loop in the test thread, so Django sees a
# running loop and refuses ORM calls from the test (SynchronousOnlyOperation); the test code
# itself stays synchronous, so the check is a false alarm here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO_ROOT = Path(__file__).resolve().parents[3]
# Short enough that a missing element fails the test quickly, long enough for a slow CI box.
TIMEOUT_MS = 10_000

# Pages that stand in for another party's site: the DigiD mock IdP of django-digid-eherkenning.
# Its templates use inline styles that Regie's CSP blocks and its script throws on the BSN page;
# the real DigiD runs on its own origin under its own policy, so its noise is not Regie's.
FOREIGN_PAGES = ("/digid-mock/",)


def _is_foreign(page: Page | None) -> bool:
    return page is not None and urlsplit(page.url).path.startswith(FOREIGN_PAGES)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # CSP violations arrive here too, as console errors.
        if message.type == "error" and not _is_foreign(message.page):
            where = message.location["url"] or (message.page.url if message.page else "?")
            problems.append(f"console error on {where}: {message.text}")

    def on_web_error(web_error: WebError) -> None:
        if not _is_foreign(web_error.page):
            problems.append(f"uncaught exception: {web_error.error}")

    context.on("console", on_console)
    context.on("weberror", on_web_error)
    yield context.new_page()
    context.close()
    if problems:
        pytest.fail("The browser reported problems:\n" + "\n".join(problems), pytrace=False)


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG of PAGE as NAME in $REGIE_SCREENSHOT_DIR (test-artifacts/screenshots
    by default) and return its path."""
    directory = Path(
        os.environ.get("REGIE_SCREENSHOT_DIR") or REPO_ROOT / "test-artifacts" / "screenshots"
    )
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    page.screenshot(path=path, full_page=True, animations="disabled", caret="hide")
    return path


def _(message: str) -> str:
    """MESSAGE as the browser sees it: the browser asks for Dutch."""
    with translation.override("nl"):
        return translation.gettext(message)


def pgettext(context: str, message: str) -> str:
    """MESSAGE marked with CONTEXT as the browser sees it (in Dutch)."""
    with translation.override("nl"):
        return translation.pgettext(context, message)


def enter_password(
    page: Page, user: User, password: str, *, screenshot_name: str | None = None
) -> None:
    page.goto(reverse("accounts:login"))
    page.get_by_label(_("User name"), exact=True).fill(user.username)
    page.get_by_label(_("Password"), exact=True).fill(password)
    if screenshot_name:
        screenshot(page, screenshot_name)
    page.get_by_role("button", name=_("Next")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Two-step verification"))


def log_in_staff(page: Page, user: User, password: str) -> None:
    """Log USER in through the real pages: password, then the authenticator code."""
    enter_password(page, user, password)
    page.get_by_label(_("Code from your authenticator app")).fill(totp_code(user))
    page.get_by_role("button", name=_("Log in"), exact=True).click()
    expect(page.get_by_role("navigation", name=_("Main navigation"))).to_be_visible()


def log_in_resident(page: Page, bsn: str, *, screenshot_name: str | None = None) -> None:
    """Log a resident in through the DigiD mock, starting from the landing page."""
    page.goto("/")
    page.get_by_role("main").get_by_role("link", name=_("Log in with DigiD")).click()
    page.get_by_role("main").get_by_role("link", name=_("Log in with DigiD")).click()
    # The mock IdP of django-digid-eherkenning: a choice of method, then a BSN field.
    page.get_by_role("link", name="Met burgerservicenummer").click()
    page.locator("input[name=auth_bsn]").fill(bsn)
    if screenshot_name:
        screenshot(page, screenshot_name)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(_("My Inwonercloud"))
