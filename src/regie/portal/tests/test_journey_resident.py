"""Journey: a resident logs in with the DigiD mock, sends a support plan into their case,
grants a consent request, sees their download in the log with the verified mark, withdraws the
consent and downloads their data; on a desktop and on a phone, each page checked by axe-core."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from regie.cases import services as case_services
from regie.cases.models import CaseDocument, DocumentSource
from regie.conftest import BSN_ANNA, People, inspecting
from regie.exchange import services as exchange_services
from regie.exchange.models import ShareItem
from regie.exchange.tests.conftest import link_token, mailed_code, sign_agreement
from regie.portal import activities
from regie.portal.tests.conftest import Dossier, make_dossier
from regie.processing_log.services import log_seal_all
from regie.register.selectors import activity_version_in_force
from regie.testing.accessibility import assert_accessible
from regie.testing.browser import _, log_in_resident, screenshot

pytestmark = pytest.mark.browser

PLAN = b"Ondersteuningsplan van Anna: huishoudelijke hulp, twee uur per week.\n"


def _share_and_download(people: People, dossier: Dossier) -> None:
    """The consulent shares the plan Anna sent with Zorggroep De Linde (a Wmo provider with a
    signed agreement); the professional opens the link with the mailed code and downloads."""
    sign_agreement(people.professional.organisation)
    contact = case_services.exchange_assess(
        actor=people.consulent,
        case_id=dossier.case.public_id,
        partner=people.professional.organisation,
        answers={
            "action": "provide",
            "counterparty": "wmo_provider",
            "purpose": "support_delivery",
            "necessary": True,
        },
        summary="Het ondersteuningsplan, zodat de hulp kan beginnen.",
    )
    with inspecting():
        plan = CaseDocument.objects.get(case=dossier.case, source=DocumentSource.RESIDENT)
    share = exchange_services.share_create(
        actor=people.consulent,
        case_id=dossier.case.public_id,
        contact_id=contact.public_id,
        professional_id=people.professional.public_id,
        document_ids=[plan.public_id],
        days=7,
        max_downloads=3,
        reason="Nodig om de hulp te laten beginnen.",
    )
    token = link_token()
    exchange_services.code_send(token=token)
    assert exchange_services.code_verify(token=token, code=mailed_code())
    with inspecting():
        item = ShareItem.objects.get(share=share)
    download = exchange_services.share_download(token=token, item_id=item.pk)
    assert b"".join(download.chunks) == PLAN


def test_it_walks_the_resident_through_the_portal(
    page: Page, people: People, clamd: Path, tmp_path: Path
) -> None:
    dossier = make_dossier(people)
    log_in_resident(page, BSN_ANNA)

    page.get_by_role("link", name=_("My Inwonercloud")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(_("My Inwonercloud"))
    assert_accessible(page)
    screenshot(page, "inwoner-portaal.png")

    # My cases: status, consulent, decisions and documents; send a support plan.
    page.get_by_role("navigation").get_by_role("link", name=_("My cases")).click()
    page.get_by_role("link", name="Wmo 2015").click()
    expect(page.get_by_text("Huishoudelijke hulp toegekend.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "inwoner-zaak.png")
    with page.expect_download() as download:
        page.get_by_role("link", name="Beschikking Wmo").click()
    assert Path(download.value.path()).read_bytes() == b"Beschikking"
    page.get_by_role("link", name=_("Send a document")).click()
    page.get_by_label(_("What is it?")).fill("Ondersteuningsplan")
    page.get_by_label(_("File")).set_input_files(
        {"name": "plan.txt", "mimeType": "text/plain", "buffer": PLAN}
    )
    page.get_by_role("button", name=_("Send"), exact=True).click()
    receipt = page.get_by_role("status").filter(has_text=_("Receipt: your document has arrived"))
    expect(receipt).to_contain_text("Ondersteuningsplan")
    assert_accessible(page)
    screenshot(page, "inwoner-ontvangstbewijs.png")

    # Sharing and consent: grant the consulent's request with one click.
    page.get_by_role("navigation").get_by_role("link", name=_("Sharing and consent")).click()
    expect(page.get_by_text("Jeugdteam Lindendal").first).to_be_visible()
    page.get_by_role("link", name=_("Answer this request")).click()
    expect(page.get_by_text("Het jeugddossier")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "inwoner-toestemmingsverzoek.png")
    page.get_by_role("button", name=_("Yes, I give consent")).click()
    expect(page.get_by_role("status")).to_contain_text(_("You gave your consent."))
    expect(page.get_by_role("link", name=_("Withdraw consent"))).to_be_visible()

    # The consulent shares the support plan with a care partner, who downloads it.
    _share_and_download(people, dossier)
    page.reload()
    shared = page.get_by_role("table").filter(has_text=people.professional.organisation)
    expect(shared).to_contain_text("Ondersteuningsplan")
    assert_accessible(page)
    screenshot(page, "inwoner-delen.png")

    # Who looked at my data: the partner's download, the consent, all verified.
    log_seal_all()
    page.get_by_role("navigation").get_by_role("link", name=_("Who looked at my data")).click()
    portal = activity_version_in_force(activities.PORTAL)
    # The newest entry, this very look, waits for the next seal; the ones before are verified.
    entries = page.get_by_role("listitem").filter(has_text=portal.name)
    expect(entries.first).to_contain_text(
        _("Not verified yet: entries are sealed within a few minutes.")
    )
    entry = entries.filter(has_text=_("Verified")).first
    expect(entry).to_contain_text(portal.legal_basis)
    download_entry = page.get_by_role("listitem").filter(has_text=_("A care professional"))
    expect(download_entry.filter(has_text=_("Verified")).first).to_be_visible()
    assert_accessible(page)
    screenshot(page, "inwoner-inzage.png")

    # Withdraw the consent, after a confirmation.
    page.get_by_role("navigation").get_by_role("link", name=_("Sharing and consent")).click()
    page.get_by_role("link", name=_("Withdraw consent")).click()
    assert_accessible(page)
    page.get_by_role("button", name=_("Yes, withdraw my consent")).click()
    expect(page.get_by_role("status")).to_contain_text(_("Your consent is withdrawn."))
    expect(page.get_by_role("link", name=_("Withdraw consent"))).to_have_count(0)

    # My rights: a full copy, a readable PDF and JSON.
    page.get_by_role("navigation").get_by_role("link", name=_("My rights")).click()
    assert_accessible(page)
    # The choice is a group of radio buttons under its question, and the untouched required
    # explanation is not drawn as an error before anything was sent.
    choice = page.get_by_role("group", name=_("What do you ask?"))
    expect(choice.get_by_role("radio")).to_have_count(2)
    explanation = page.get_by_role("textbox", name=_("Explain"))
    expect(explanation).not_to_have_attribute("aria-invalid", "true")
    untouched = explanation.evaluate("e => getComputedStyle(e).borderTopColor")
    refused = explanation.evaluate(
        "e => { e.setAttribute('aria-invalid', 'true'); const c = getComputedStyle(e)"
        ".borderTopColor; e.removeAttribute('aria-invalid'); return c; }"
    )
    assert untouched != refused, untouched
    radio = choice.get_by_role("radio").first
    untouched_radio = radio.evaluate("e => getComputedStyle(e).borderTopColor")
    refused_radio = radio.evaluate(
        "e => { e.setAttribute('aria-invalid', 'true'); const c = getComputedStyle(e)"
        ".borderTopColor; e.removeAttribute('aria-invalid'); return c; }"
    )
    assert untouched_radio != refused_radio, untouched_radio
    screenshot(page, "inwoner-rechten.png")
    with page.expect_download() as download:
        page.get_by_role("button", name=_("Download my data")).click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    data = json.loads(archive.read("gegevens.json"))
    assert data["consents"][0]["withdrawn_at"] is not None
    assert archive.read("overzicht.pdf").startswith(b"%PDF")

    # Messages, and the same portal on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("navigation").get_by_role("link", name=_("Messages")).click()
    expect(page.get_by_text(_("A request for your consent")).first).to_be_visible()
    assert_accessible(page)
    screenshot(page, "inwoner-berichten-telefoon.png")
    page.goto(f"/inwoner/zaken/{dossier.case.public_id}/")
    assert_accessible(page)
    screenshot(page, "inwoner-zaak-telefoon.png")
