"""An automated accessibility check for the browser tests: axe-core (from the npm registry,
pinned in package.json, installed into node_modules/ by scripts/install.sh) is run inside the
page through the DevTools protocol, so Regie's Content-Security-Policy stays as it is."""

from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA, the level Regie promises.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


@cache
def _source() -> str:
    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: run scripts/install.sh --with-browser (npm ci)")
    return AXE.read_text(encoding="utf-8")


def axe_findings(page: Page) -> list[dict[str, Any]]:
    """The serious and critical violations axe finds on PAGE as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_source() + "\n;true")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


def assert_accessible(page: Page) -> None:
    findings = axe_findings(page)
    assert findings == [], f"axe-core on {page.url}: {findings}"
