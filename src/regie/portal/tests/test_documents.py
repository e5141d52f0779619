"""The resident sees their case and its documents, downloads them, and sends a document in
instead of e-mailing it: checked, scanned, encrypted, with a receipt of what arrived."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext, override

from regie.cases.models import CaseDocument, DocumentSource
from regie.conftest import People, inspecting, log_in
from regie.portal.tests.conftest import Dossier
from regie.processing_log.models import ProcessingRecord
from regie.testing.clamd import EICAR

PLAN = b"Ondersteuningsplan: twee uur hulp per week.\n"


def test_it_shows_the_case_with_decisions_and_documents(people: People, dossier: Dossier) -> None:
    client = log_in(Client(), people.anna_user)
    page = client.get(reverse("portal:case", args=[dossier.case.public_id])).content.decode()
    assert "Huishoudelijke hulp toegekend." in page and "Beschikking Wmo" in page
    assert people.consulent.get_full_name() in page
    download = client.get(
        reverse("portal:document", args=[dossier.case.public_id, dossier.document.public_id])
    )
    assert b"".join(download.streaming_content) == b"Beschikking"  # type: ignore[attr-defined]


def test_it_files_an_upload_and_gives_a_receipt(
    people: People, dossier: Dossier, clamd: Path
) -> None:
    client = log_in(Client(), people.anna_user)
    url = reverse("portal:send", args=[dossier.case.public_id])
    with override("en"):
        page = client.post(
            url,
            {"title": "Ondersteuningsplan", "file": SimpleUploadedFile("plan.txt", PLAN)},
            HTTP_ACCEPT_LANGUAGE="en",
        ).content.decode()
        assert gettext("Receipt: your document has arrived") in page
    assert "Ondersteuningsplan" in page and str(len(PLAN)) in page
    with inspecting():
        sent = CaseDocument.objects.get(case=dossier.case, source=DocumentSource.RESIDENT)
    assert sent.added_by == people.anna_user
    record = ProcessingRecord.objects.get(name="portal.document.send")
    assert record.actor_id == str(people.anna_user.public_id)


def test_it_refuses_an_infected_upload_on_the_field(
    people: People, dossier: Dossier, clamd: Path
) -> None:
    client = log_in(Client(), people.anna_user)
    url = reverse("portal:send", args=[dossier.case.public_id])
    with override("en"):
        page = client.post(
            url,
            {"title": "Plan", "file": SimpleUploadedFile("plan.txt", EICAR)},
            HTTP_ACCEPT_LANGUAGE="en",
        ).content.decode()
        assert gettext("The file contains a virus and was not accepted.") in page
        assert gettext("Receipt: your document has arrived") not in page
    with inspecting():
        assert not CaseDocument.objects.filter(source=DocumentSource.RESIDENT).exists()
