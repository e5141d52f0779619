"""Every page a role reaches from the menu, and the first item listed on it, passes the
automated WCAG 2.1 AA check, with the demo municipality's data on screen. The journeys check
the pages they walk through; this walks the rest."""

from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import Page

from regie.demo.data import DEMO_PASSWORD, RESIDENTS, STAFF
from regie.testing.accessibility import axe_findings
from regie.testing.browser import log_in_resident, log_in_staff

pytestmark = pytest.mark.browser

# Pages that answer with a file, and the log-out button.
SKIP = ("/uitloggen/",)


@pytest.fixture
def demo(transactional_db: None, settings) -> None:
    settings.DEMO = True
    call_command("demo", no_serve=True, stdout=StringIO())


def _menu(page: Page) -> list[str]:
    hrefs = (
        page.get_by_role("navigation")
        .locator("a")
        .evaluate_all("links => links.map(a => a.getAttribute('href'))")
    )
    return [
        href for href in dict.fromkeys(hrefs) if href and href.startswith("/") and href not in SKIP
    ]


def _first_listed(page: Page) -> str | None:
    """The first item a list page links to (a table row or list entry in the main content)."""
    links = page.locator("main table a, main li a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    here = urlsplit(page.url).path
    for href in links:
        if href and href.startswith("/") and href != here and not href.endswith((".pdf", "/pdf/")):
            return href
    return None


def _walk(page: Page, who: str, visited: list[str]) -> list[str]:
    findings = []
    for href in _menu(page):
        for target in (href, None):
            if target is None:
                target = _first_listed(page)
                if target is None:
                    break
            response = page.goto(target)
            if response is None or "html" not in response.headers.get("content-type", ""):
                continue
            visited.append(target)
            for finding in axe_findings(page):
                findings.append(f"{who} {target}: {finding}")
    return findings


def test_every_menu_page_passes_the_accessibility_check(page: Page, demo: None) -> None:
    users = get_user_model().objects
    findings: list[str] = []
    visited: list[str] = []
    for person in STAFF:
        page.context.clear_cookies()
        log_in_staff(page, users.get(username=person.username), DEMO_PASSWORD)
        findings += _walk(page, person.username, visited)
    page.context.clear_cookies()
    log_in_resident(page, RESIDENTS[0][0])
    findings += _walk(page, "resident", visited)
    page.set_viewport_size({"width": 390, "height": 844})  # residents use their phones
    findings += _walk(page, "resident on a phone", visited)
    page.context.clear_cookies()
    log_in_staff(page, users.get(username=STAFF[0].username), DEMO_PASSWORD)
    findings += _walk(page, f"{STAFF[0].username} on a phone", visited)

    assert len(set(visited)) > 40  # the walk reached the pages, not just the start pages
    assert findings == [], "\n".join(findings)
