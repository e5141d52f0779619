"""Evidence files: the CISO keeps files that show how a requirement is met, checked, scanned
by a real clamd and encrypted under an organisation key; the privacy officer reads along;
every upload, download and deletion is in an append-only trail."""

import hashlib
import io
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader, PdfWriter
from pytest_django.fixtures import Settings

from regie.conftest import People
from regie.isms import services
from regie.isms.importing import explain
from regie.isms.library import LibraryError
from regie.isms.models import AssessmentResult, EvidenceAction, EvidenceEvent, EvidenceFile
from regie.isms.tests.libraries import TREE, small
from regie.processing_log.models import AppendOnlyError
from regie.testing.clamd import EICAR
from regie.vault import uploads
from regie.vault.models import OrganisationFile

MARKER = b"BEWIJS-MARKER-7f3a"


def _nl(message: str) -> str:
    with translation.override("nl"):
        return translation.gettext(message)


def _result(people: People) -> AssessmentResult:
    framework = services.framework_import(text=small(*TREE)).framework
    assessment = services.assessment_create(
        framework=framework,
        title="GAP",
        assessed_on=date(2026, 3, 1),
        department="",
        created_by=people.ciso,
    )
    return assessment.results.select_related("assessment", "node").get(node__ref_id="A.1")


def _result_url(result: AssessmentResult) -> str:
    return reverse(
        "isms:assessment-result",
        kwargs={"public_id": result.assessment.public_id, "node_id": result.node.public_id},
    )


def _add_url(result: AssessmentResult) -> str:
    return reverse(
        "isms:evidence-add",
        kwargs={"public_id": result.assessment.public_id, "node_id": result.node.public_id},
    )


def _pdf_with_author() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "Fatima El Amrani", "/Title": "Verslag " + MARKER.decode()})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _bodies(storage: Path) -> list[bytes]:
    return [path.read_bytes() for path in storage.rglob("*") if path.is_file()]


def _upload(client: Client, result: AssessmentResult, name: str, content: bytes) -> Any:
    return client.post(
        _add_url(result),
        {"file": SimpleUploadedFile(name, content), "description": "Verslag van het overleg"},
    )


def test_it_keeps_a_file_encrypted_and_gives_back_what_was_stored(
    people: People,
    login_as: Any,
    clamd: Path,
    vault_storage: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    result = _result(people)
    original = _pdf_with_author()
    client = login_as(people.ciso)

    response = _upload(client, result, "verslag.pdf", original)

    assert response.status_code == 302 and response["Location"] == _result_url(result)
    evidence = EvidenceFile.objects.select_related("file").get()
    [body] = _bodies(vault_storage)
    assert MARKER not in body and b"%PDF" not in body and b"Fatima" not in body
    downloaded = b"".join(
        client.get(reverse("isms:evidence-download", args=[evidence.public_id])).streaming_content
    )
    # The metadata is stripped before it is stored: what comes back is the cleaned PDF.
    expected = uploads.strip_metadata(io.BytesIO(original), uploads.TYPES["pdf"]).read()
    assert downloaded == expected
    assert PdfReader(io.BytesIO(downloaded)).metadata in (None, {})
    assert evidence.file.sha256 == hashlib.sha256(downloaded).hexdigest()
    page = client.get(_result_url(result)).content.decode()
    assert "verslag.pdf" in page and evidence.file.sha256 in page
    assert "Verslag van het overleg" in page and people.ciso.get_full_name() in page

    confirm = client.get(reverse("isms:evidence-delete", args=[evidence.public_id]))
    assert confirm.status_code == 200 and EvidenceFile.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("isms:evidence-delete", args=[evidence.public_id]))

    assert not EvidenceFile.objects.exists() and not OrganisationFile.objects.exists()
    assert _bodies(vault_storage) == []
    trail = list(EvidenceEvent.objects.order_by("at", "pk"))
    assert [event.action for event in trail] == [
        EvidenceAction.UPLOADED,
        EvidenceAction.DOWNLOADED,
        EvidenceAction.DELETED,
    ]
    assert {event.actor_name for event in trail} == {people.ciso.get_full_name()}
    assert {event.sha256 for event in trail} == {hashlib.sha256(expected).hexdigest()}
    page = client.get(_result_url(result)).content.decode()
    assert _nl("No evidence files yet.") in page
    trail_table = page[page.index('data-testid="evidence-trail"') :]
    assert trail_table.count("verslag.pdf") == 3  # uploaded, downloaded, deleted
    assert _nl("Deleted") in trail_table


def test_it_gives_back_a_text_file_byte_for_byte(
    people: People, login_as: Any, clamd: Path, vault_storage: Path
) -> None:
    result = _result(people)
    original = b"Logcontrole oktober: geen afwijkingen. " + MARKER + b"\n"
    client = login_as(people.ciso)

    _upload(client, result, "logcontrole.txt", original)

    evidence = EvidenceFile.objects.get()
    assert all(MARKER not in body for body in _bodies(vault_storage))
    response = client.get(reverse("isms:evidence-download", args=[evidence.public_id]))
    assert b"".join(response.streaming_content) == original
    assert response["Content-Type"] == "text/plain"
    assert 'filename="logcontrole.txt"' in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "content", "message", "values"),
    [
        ("leeg.pdf", b"", "The file is empty.", {}),
        (
            "tool.exe",
            b"MZ\x90\x00",
            "This type of file is not accepted. Allowed: %(types)s.",
            {"types": ", ".join(uploads.ALLOWED_EXTENSIONS)},
        ),
        ("eicar.txt", EICAR, "The file contains a virus and was not accepted.", {}),
        (
            "groot.txt",
            b"a" * (1024 * 1024 + 1),
            "The file is too large: at most %(limit)s MB.",
            {"limit": 1},
        ),
    ],
)
def test_it_refuses_bad_files_on_the_field_and_stores_nothing(
    people: People,
    login_as: Any,
    clamd: Path,
    vault_storage: Path,
    settings: Settings,
    name: str,
    content: bytes,
    message: str,
    values: dict[str, object],
) -> None:
    settings.REGIE_UPLOAD_MAX_BYTES = 1024 * 1024
    result = _result(people)

    response = _upload(login_as(people.ciso), result, name, content)

    assert response.status_code == 200
    dutch = _nl(message) % values
    assert dutch != message % values
    assert response.context["form"]["file"].errors == [dutch]
    assert 'aria-invalid="true"' in response.content.decode()
    assert not EvidenceFile.objects.exists() and not OrganisationFile.objects.exists()
    assert not EvidenceEvent.objects.exists()
    assert _bodies(vault_storage) == []


def test_it_refuses_every_file_when_no_scanner_is_configured(
    people: People, login_as: Any, settings: Settings, vault_storage: Path
) -> None:
    settings.REGIE_SCAN = ""
    result = _result(people)

    response = _upload(login_as(people.ciso), result, "verslag.txt", b"Verslag")

    assert response.context["form"]["file"].errors == [
        _nl("The file could not be checked for viruses, so it was not accepted. Try again later.")
    ]
    assert not EvidenceFile.objects.exists() and _bodies(vault_storage) == []


def test_it_asks_for_a_description(
    people: People, login_as: Any, clamd: Path, vault_storage: Path
) -> None:
    result = _result(people)

    response = login_as(people.ciso).post(
        _add_url(result), {"file": SimpleUploadedFile("a.txt", b"tekst"), "description": " "}
    )

    assert response.context["form"]["description"].errors == [
        _nl("Say briefly what this file shows.")
    ]
    assert not EvidenceFile.objects.exists()


def _stored(people: People, result: AssessmentResult, content: bytes = b"Verslag") -> EvidenceFile:
    return services.evidence_add(
        result=result,
        upload=io.BytesIO(content),
        filename="verslag.txt",
        description="Verslag",
        actor=people.ciso,
    )


def test_it_lets_the_privacy_officer_read_but_not_change(
    people: People, login_as: Any, clamd: Path, vault_storage: Path
) -> None:
    result = _result(people)
    evidence = _stored(people, result)
    client = login_as(people.privacy_officer)
    download = reverse("isms:evidence-download", args=[evidence.public_id])
    delete = reverse("isms:evidence-delete", args=[evidence.public_id])

    page = client.get(_result_url(result))
    assert page.status_code == 200 and page.context["form"] is None
    assert download in page.content.decode() and delete not in page.content.decode()
    assert b"".join(client.get(download).streaming_content) == b"Verslag"
    assert client.get(_add_url(result)).status_code == 404
    assert _upload(client, result, "b.txt", b"b").status_code == 404
    assert client.post(delete).status_code == 404
    assert client.post(_result_url(result), {"result": "compliant"}).status_code == 404

    assert EvidenceFile.objects.count() == 1
    [_upload_event, read] = EvidenceEvent.objects.order_by("at", "pk")
    assert (read.action, read.actor_name) == (
        EvidenceAction.DOWNLOADED,
        people.privacy_officer.get_full_name(),
    )
    for other in (people.consulent, people.teamleider, people.beheerder, people.commissielid):
        assert login_as(other).get(download).status_code == 404


def test_it_keeps_the_trail_append_only(
    people: People, clamd: Path, vault_storage: Path, django_capture_on_commit_callbacks: Any
) -> None:
    result = _result(people)
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_delete(evidence=_stored(people, result), actor=people.ciso)
    event = EvidenceEvent.objects.first()
    assert event is not None

    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        EvidenceEvent.objects.all().delete()
    if connection.vendor == "postgresql":
        table = EvidenceEvent._meta.db_table
        for statement in (f"UPDATE {table} SET file_name = 'x'", f"DELETE FROM {table}"):  # noqa: S608
            with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(statement)
    assert EvidenceEvent.objects.count() == 2


def test_it_opens_evidence_after_the_kek_is_rotated(
    people: People, login_as: Any, clamd: Path, vault_storage: Path, settings: Settings
) -> None:
    result = _result(people)
    evidence = _stored(people, result, b"Voor de rotatie")
    old_id, old_key = settings.REGIE_KEK_ID, settings.REGIE_KEK
    settings.REGIE_KEK_ID, settings.REGIE_KEK = "k2", os.urandom(32)
    settings.REGIE_KEK_PREVIOUS = {old_id: old_key}

    call_command("vault_rotate_kek", stdout=io.StringIO())
    settings.REGIE_KEK_PREVIOUS = {}

    response = login_as(people.ciso).get(
        reverse("isms:evidence-download", args=[evidence.public_id])
    )
    assert b"".join(response.streaming_content) == b"Voor de rotatie"


def test_it_lists_evidence_files_in_the_export(
    people: People, login_as: Any, clamd: Path, vault_storage: Path
) -> None:
    result = _result(people)
    evidence = _stored(people, result)
    url = reverse(
        "isms:assessment-export", kwargs={"public_id": result.assessment.public_id, "fmt": "csv"}
    )

    lines = login_as(people.privacy_officer).get(url).content.decode("utf-8-sig").splitlines()

    assert lines[1].split(";")[-1] == f"verslag.txt ({evidence.file.sha256})"
    assert lines[2].split(";")[-1] == ""


def test_it_refuses_an_update_that_would_drop_a_requirement_with_evidence(
    people: People, clamd: Path, vault_storage: Path
) -> None:
    result = _result(people)
    _stored(people, result)
    without_a1 = [node for node in TREE if "'urn:t:a1'" not in node]

    with pytest.raises(LibraryError) as refused:
        services.framework_import(text=small(*without_a1, version=2))

    assert "urn:t:a1" in explain(refused.value)
    assert EvidenceFile.objects.count() == 1
    assert result.assessment.framework.nodes.filter(urn="urn:t:a1").exists()


def _users(people: People) -> dict[str, Any]:
    return {
        "ciso": people.ciso,
        "privacy": people.privacy_officer,
        "consulent": people.consulent,
        "teamleider": people.teamleider,
    }


def test_the_demo_keeps_minutes_as_evidence_when_scanning_is_switched_off(
    people: People, settings: Settings, vault_storage: Path, django_capture_on_commit_callbacks: Any
) -> None:
    from regie.isms.demo import load, remove

    settings.REGIE_SCAN = "off"
    load(_users(people))

    evidence = EvidenceFile.objects.select_related("file", "result__node").get()
    assert evidence.result.node.ref_id == "6.2" and evidence.name.endswith(".pdf")
    pdf = b"".join(services.evidence_open(evidence=evidence, actor=people.privacy_officer))
    assert (
        "Gemeente Lindendal, 14 oktober 2026" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    )

    with django_capture_on_commit_callbacks(execute=True):
        remove()
    assert not EvidenceFile.objects.exists() and _bodies(vault_storage) == []


def test_the_demo_has_no_evidence_without_a_scanner(
    people: People, settings: Settings, vault_storage: Path
) -> None:
    from regie.isms.demo import load

    settings.REGIE_SCAN = ""
    load(_users(people))

    assert not EvidenceFile.objects.exists() and _bodies(vault_storage) == []
