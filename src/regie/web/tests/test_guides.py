"""The role guides show only screenshots that a browser test takes (so `make screenshots`
renews every one of them), and every picture in their folder is shown somewhere."""

import re

from regie.testing.browser import REPO_ROOT

GUIDES = REPO_ROOT / "docs" / "guides"
SOURCE = REPO_ROOT / "src" / "regie"


def _shown() -> set[str]:
    return {
        name
        for guide in GUIDES.glob("*.md")
        for name in re.findall(r"\]\(img/([^)]+\.png)\)", guide.read_text(encoding="utf-8"))
    }


def _taken() -> set[str]:
    return {
        name
        for test in SOURCE.rglob("test_*.py")
        for name in re.findall(r"\"([a-z0-9-]+\.png)\"", test.read_text(encoding="utf-8"))
    }


def test_it_shows_only_pictures_a_browser_test_takes() -> None:
    assert _shown() - _taken() == set()


def test_it_keeps_no_picture_that_no_guide_shows() -> None:
    kept = {picture.name for picture in (GUIDES / "img").glob("*.png")}

    assert kept - _shown() == set()
    assert _shown() - kept == set()
