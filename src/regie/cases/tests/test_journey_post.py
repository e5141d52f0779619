"""Journey: a case worker prints a case's cover sheet, scans the paper with it and uploads a
batch of post. The batch page counts while a real task worker takes the files in, and updates
itself: one file (a picture-only scan, read by tesseract) is filed by its cover sheet, one
waits in the queue, one is refused. The team leader reads the waiting one and files it into
the case; the privacy officer sees that it was opened.

The live server runs in this process and enqueues into the database queue (`task_queue`), so
the page is seen before the worker runs, as it is in production; the demo's immediate backend
takes the files in before the page is first shown (`test_post_intake`)."""

from pathlib import Path

import pytest
from playwright.sync_api import FilePayload, Page, expect

from regie.cases.models import Case, CaseDocument, PostItem, PostStatus
from regie.cases.tests.test_post_intake import joined, letter
from regie.cases.tests.test_post_ocr import image_only
from regie.conftest import PASSWORD, People, inspecting
from regie.testing.browser import _, log_in_staff, screenshot
from regie.testing.worker import run_worker

pytestmark = pytest.mark.browser


def test_it_files_scanned_post_and_the_queue_is_worked(
    page: Page,
    people: People,
    case: Case,
    tesseract: None,
    task_queue: None,
    worker_env: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REGIE_OCR", "tesseract")
    log_in_staff(page, people.consulent, PASSWORD)
    page.get_by_role("link", name=_("My caseload")).click()
    page.get_by_role("link", name="Anna Willems").click()
    expect(page.get_by_test_id("case-number")).to_have_text(case.number)
    with page.expect_download() as download:
        page.get_by_role("link", name=_("Print the cover sheet for incoming post")).click()
    sheet = Path(download.value.path()).read_bytes()
    screenshot(page, "consulent-post-case.png")

    page.get_by_role("link", name=_("Incoming post"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Incoming post"))
    scans: list[FilePayload] = [
        {
            "name": "scan-0001.pdf",
            "mimeType": "application/pdf",
            "buffer": image_only(joined(sheet, letter())),
        },
        {"name": "scan-0002.pdf", "mimeType": "application/pdf", "buffer": letter()},
        {"name": "foto.txt", "mimeType": "text/plain", "buffer": b"geen pdf"},
    ]
    page.get_by_label(_("Scanned post (PDF, several at once)")).set_input_files(scans)
    screenshot(page, "consulent-post-intake.png")
    page.get_by_role("button", name=_("Upload and file")).click()

    progress = page.get_by_role("status")
    expect(progress).to_contain_text(
        _("%(done)s of %(total)s processed.") % {"done": 0, "total": 3}
    )
    expect(page.get_by_test_id("post-result")).to_have_count(0)
    bar = page.get_by_role("progressbar")
    expect(bar).to_have_attribute("value", "0")
    expect(bar).to_have_attribute("max", "3")
    screenshot(page, "consulent-post-batch.png")
    worker = run_worker()
    assert worker.returncode == 0, worker.stderr

    # No reload here: the page refreshes itself every three seconds.
    expect(progress).to_contain_text(
        _("%(done)s of %(total)s processed.") % {"done": 3, "total": 3}, timeout=10_000
    )
    results = page.get_by_test_id("post-result")
    expect(results).to_have_count(3)
    expect(page.get_by_role("progressbar")).to_have_count(0)
    expect(results.nth(0)).to_contain_text(case.number)
    expect(results.nth(1)).to_contain_text(
        _("No case found: it waits, encrypted, in the queue for a team leader.")
    )
    expect(results.nth(2)).to_contain_text(_("Nothing of this file was stored."))
    screenshot(page, "consulent-post-results.png")
    page.get_by_role("link", name=_("Upload more post")).click()
    expect(page.get_by_test_id("post-batches")).to_contain_text(
        _("%(done)s of %(total)s processed.") % {"done": 3, "total": 3}
    )

    page.context.clear_cookies()
    log_in_staff(page, people.teamleider, PASSWORD)
    page.get_by_role("link", name=_("Post to file")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Post to file"))
    screenshot(page, "teamleider-post-queue.png")
    page.get_by_role("link", name=_("File or reject")).click()
    expect(page.get_by_test_id("post-openings")).to_have_text(_("no one yet"))
    scan = page.request.get(
        page.get_by_role("link", name=_("Read the scan (PDF)")).get_attribute("href") or ""
    )
    assert scan.ok and scan.body().startswith(b"%PDF")
    page.reload()
    expect(page.get_by_test_id("post-openings")).to_contain_text(people.teamleider.get_full_name())
    page.get_by_label(_("Case number")).fill(case.number)
    page.get_by_label(_("Title in the case (optional)")).fill("Brief zonder kenmerk")
    screenshot(page, "teamleider-post-file.png")
    page.get_by_role("button", name=_("File into this case")).click()
    expect(page.get_by_role("status")).to_contain_text(
        _("The post is filed into the case, encrypted.")
    )
    expect(page.get_by_text(_("No post waits to be filed."))).to_be_visible()

    assert PostItem.objects.get().status == PostStatus.FILED
    with inspecting():
        assert CaseDocument.objects.filter(case=case).count() == 2

    page.context.clear_cookies()
    log_in_staff(page, people.privacy_officer, PASSWORD)
    page.get_by_role("link", name=_("Opened waiting post")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Opened waiting post"))
    expect(page.get_by_role("table")).to_contain_text(people.teamleider.get_full_name())
    screenshot(page, "privacy-officer-post-openings.png")
