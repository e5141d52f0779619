"""A full copy of the resident's data: a ZIP with a readable PDF and machine-readable JSON."""

import io
import json
import zipfile

from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from regie.conftest import BSN_BRAM, People, log_in
from regie.portal import services
from regie.portal.tests.conftest import Dossier, grant


def test_it_delivers_a_pdf_and_json(people: People, dossier: Dossier) -> None:
    grant(people, dossier)
    services.representation_record(
        actor=people.consulent,
        case_id=dossier.case.public_id,
        bsn=BSN_BRAM,
        basis="mentorship",
        evidence="Beschikking mentorschap d.d. 1 oktober 2026",
    )
    answer = log_in(Client(), people.anna_user).post(reverse("portal:copy"))
    assert answer["Content-Type"] == "application/zip"
    assert "Anna" not in answer["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    data = json.loads(archive.read("gegevens.json"))
    assert data["name"] == "Anna Willems"
    assert data["cases"][0]["decisions"][0]["text"] == "Huishoudelijke hulp toegekend."
    assert data["consents"][0]["data"] == "Het jeugddossier"
    assert any(r["name"] == "portal.consent.grant" for r in data["processing_log"])
    [representative] = data["legal_representatives"]
    assert representative["name"] == "Bram Hendriks"
    assert representative["evidence"] == "Beschikking mentorschap d.d. 1 oktober 2026"
    pdf = archive.read("overzicht.pdf")
    assert pdf.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Anna Willems" in text
    assert "Beschikking mentorschap" in " ".join(text.split())
