"""Journey: the CISO imports the BIG structure, assesses a few control points, keeps the
minutes of a security meeting as evidence and downloads them again, sees the picture per part
with its trend, plans a measure (and is stopped at a negative cost), and updates a risk."""

import hashlib
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from regie.conftest import PASSWORD, People
from regie.isms import services
from regie.isms.models import EvidenceFile, Framework, Measure, Result, Risk
from regie.isms.tests.libraries import BIG
from regie.testing.browser import _, log_in_staff, pgettext, screenshot

pytestmark = pytest.mark.browser


def _assess(page: Page, ref: str, result: str, maturity: str) -> None:
    page.get_by_role("link", name=f"{_('Assess')} {ref}", exact=True).click()
    page.get_by_label(_("Result")).select_option(label=_(result))
    page.get_by_label(_("Maturity")).fill(maturity)
    page.get_by_label(pgettext("explanation of a result", "Notes")).fill(
        "Besproken in het beveiligingsoverleg"
    )
    page.get_by_role("button", name=_("Save")).click()
    expect(page.get_by_role("status")).to_contain_text(ref)


def _earlier_assessment(people: People) -> None:
    """Half a year ago the CISO assessed the same structure: the trend compares with it."""
    framework = services.framework_import(text=BIG.read_bytes()).framework
    earlier = services.assessment_create(
        framework=framework,
        title="GAP-analyse voorjaar",
        assessed_on=timezone.localdate() - timedelta(days=182),
        department="",
        created_by=people.ciso,
    )
    result = earlier.results.get(node__ref_id="6.1")
    services.assessment_result_record(result=result, outcome=Result.PARTIAL, maturity=1)


def _keep_evidence(page: Page, ref: str, tmp_path: Path) -> None:
    """Attach the minutes of a meeting to REF, then download them as an auditor would."""
    from weasyprint import HTML

    minutes = tmp_path / "verslag-beveiligingsoverleg.pdf"
    minutes.write_bytes(
        HTML(string="<h1>Verslag beveiligingsoverleg</h1><p>Incidenten besproken.</p>").write_pdf()
    )
    page.get_by_role("link", name=f"{_('Assess')} {ref}", exact=True).click()
    expect(page.get_by_text(_("No evidence files yet."))).to_be_visible()
    page.get_by_role("link", name=_("Add an evidence file")).click()
    page.get_by_label(_("File")).set_input_files(minutes)
    page.get_by_label(_("Description")).fill("Verslag van het beveiligingsoverleg van oktober")
    page.get_by_role("button", name=_("Upload")).click()
    expect(page.get_by_role("status")).to_contain_text(minutes.name)
    evidence = EvidenceFile.objects.select_related("file").get()
    files = page.get_by_test_id("evidence-files")
    expect(files).to_contain_text(evidence.file.sha256)
    expect(page.get_by_test_id("evidence-trail")).to_contain_text(_("Uploaded"))
    screenshot(page, "ciso-evidence.png")

    with page.expect_download() as download:
        files.get_by_role("link", name=f"{_('Download')} {minutes.name}").click()
    downloaded = Path(download.value.path()).read_bytes()
    assert hashlib.sha256(downloaded).hexdigest() == evidence.file.sha256
    assert downloaded.startswith(b"%PDF-")
    page.reload()
    expect(page.get_by_test_id("evidence-trail")).to_contain_text(_("Downloaded"))
    page.get_by_role("link", name=_("Cancel")).click()


def test_it_assesses_the_big_and_plans_a_measure(
    page: Page, people: People, clamd: Path, vault_storage: Path, tmp_path: Path
) -> None:
    log_in_staff(page, people.ciso, PASSWORD)
    page.get_by_role("link", name=_("Information security"), exact=True).first.click()
    expect(
        page.get_by_text(_("No frameworks yet. Import a library to start a gap analysis."))
    ).to_be_visible()

    page.get_by_role("link", name=_("Import a framework")).click()
    page.get_by_label(_("Library file (CISO Assistant YAML)")).set_input_files(BIG)
    screenshot(page, "ciso-import.png")
    page.get_by_role("button", name=_("Import")).click()
    expect(page.get_by_role("status")).to_contain_text("77")
    framework = Framework.objects.get()
    _earlier_assessment(people)

    page.get_by_role("link", name=_("Assess this framework")).click()
    page.get_by_label(_("Title")).fill("GAP-analyse najaar")
    page.get_by_role("button", name=_("Start assessment")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("GAP-analyse najaar")

    _assess(page, "5.1", "Compliant", "3")
    _assess(page, "6.1", "Compliant", "4")
    _assess(page, "6.2", "Partially compliant", "2")
    _keep_evidence(page, "6.2", tmp_path)
    table = page.get_by_test_id("picture-table")
    expect(table.get_by_role("row")).to_have_count(12)  # the header and the 11 parts
    expect(table.get_by_role("row").nth(2)).to_contain_text("+16,7")  # 6: 1 of 6, was 0
    expect(page.locator("svg.isms-chart")).to_be_visible()
    screenshot(page, "ciso-gap-picture.png")

    page.get_by_role("link", name=_("Implementation plan")).first.click()
    page.get_by_role("link", name=_("New measure")).click()
    page.get_by_label(_("Title")).fill("Veilig mailen voor medewerkers")
    page.get_by_label(_("Incidental cost (euro)")).fill("-100")
    page.get_by_label(_("Structural cost per year (euro)")).fill("6000")
    page.get_by_label(_("Requirements it addresses")).select_option(
        label="big-demo 10.8 Veilig mailen"
    )
    page.get_by_role("button", name=_("Save")).click()
    expect(page.get_by_label(_("Incidental cost (euro)"))).to_have_attribute("aria-invalid", "true")
    assert not Measure.objects.exists()
    page.get_by_label(_("Incidental cost (euro)")).fill("15000")
    screenshot(page, "ciso-measure.png")
    page.get_by_role("button", name=_("Save")).click()
    expect(page.get_by_role("status")).to_contain_text(_("The measure is saved."))
    year = str(date.today().year)
    expect(page.get_by_test_id(f"year-{year}")).to_contain_text("21000")

    page.get_by_role("link", name=_("Set the budget for a year")).click()
    page.get_by_label(_("Year")).fill(year)
    page.get_by_label(_("Budget (euro)")).fill("16000")
    page.get_by_role("button", name=_("Save")).click()
    expect(page.get_by_test_id(f"year-{year}")).to_contain_text("5000")  # the knelpunt
    screenshot(page, "ciso-plan.png")
    measure = Measure.objects.get()
    assert measure.nodes.get().framework == framework


def test_it_updates_a_risk(page: Page, people: People) -> None:
    risk = services.risk_save(
        title="Ondersteuningsplan per onbeveiligde mail",
        likelihood=2,
        impact=4,
        residual_likelihood=1,
        residual_impact=4,
        treatment_short="Per post",
    )
    log_in_staff(page, people.ciso, PASSWORD)
    page.get_by_role("link", name=_("Information security"), exact=True).first.click()
    page.get_by_role("link", name=_("Risks")).first.click()
    page.get_by_role("link", name=risk.title).click()

    page.get_by_label(_("Likelihood"), exact=True).fill("1")
    page.get_by_label(_("Treatment in the long term")).fill("Inwonercloud")
    page.get_by_role("button", name=_("Save")).click()

    expect(page.get_by_role("status")).to_contain_text(_("The risk is saved."))
    screenshot(page, "ciso-risks.png")
    risk = Risk.objects.get()
    assert (risk.likelihood, risk.treatment_long) == (1, "Inwonercloud")
    assert risk.revisions.count() == 2
