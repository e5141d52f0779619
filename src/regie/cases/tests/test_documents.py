"""Documents of a case: uploaded instead of e-mailed, checked, scanned and stored encrypted;
downloaded only by who may see the case, and every step logged."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext, override
from pytest_django.fixtures import Settings

from regie.cases.models import Case, CaseDocument
from regie.conftest import People, inspecting
from regie.processing_log.models import ProcessingRecord
from regie.testing.clamd import EICAR

PLAN = b"Ondersteuningsplan van Anna: huishoudelijke hulp, twee uur per week.\n"


def _upload(client: Client, case: Case, data: bytes, name: str = "plan.txt") -> object:
    return client.post(
        reverse("cases:document-add", args=[case.public_id]),
        {"title": "Ondersteuningsplan 2026", "file": SimpleUploadedFile(name, data)},
    )


def test_it_adds_a_document_encrypted_and_gives_it_back(
    people: People,
    case: Case,
    login_as: Callable[..., Client],
    clamd: Path,
    vault_storage: Path,
) -> None:
    client = login_as(people.consulent)

    answer = _upload(client, case, PLAN)

    assert answer.status_code == 302  # type: ignore[attr-defined]
    with inspecting():
        document = CaseDocument.objects.get(case=case)
    page = client.get(reverse("cases:detail", args=[case.public_id])).content.decode()
    assert "Ondersteuningsplan 2026" in page
    download = client.get(
        reverse("cases:document-download", args=[case.public_id, document.public_id])
    )
    assert b"".join(download.streaming_content) == PLAN  # type: ignore[attr-defined]
    assert download["Content-Disposition"].startswith('attachment; filename="document-')
    assert "Ondersteuningsplan" not in download["Content-Disposition"]
    stored = [path.read_bytes() for path in vault_storage.rglob("*") if path.is_file()]
    assert len(stored) == 1 and b"Ondersteuningsplan" not in stored[0]
    names = list(ProcessingRecord.objects.values_list("name", flat=True))
    assert "case.document.add" in names and "case.document.download" in names


def test_it_refuses_an_infected_file_with_a_message_on_the_field(
    people: People, case: Case, login_as: Callable[..., Client], clamd: Path, vault_storage: Path
) -> None:
    client = login_as(people.consulent)

    answer = _upload(client, case, EICAR)

    assert answer.status_code == 200  # type: ignore[attr-defined]
    with override("nl"):
        message = gettext("The file contains a virus and was not accepted.")
    assert message in answer.content.decode()  # type: ignore[attr-defined]
    with inspecting():
        assert not CaseDocument.objects.exists()
    assert not [path for path in vault_storage.rglob("*") if path.is_file()]
    assert not ProcessingRecord.objects.filter(name="case.document.add").exists()


def test_it_refuses_a_type_that_is_not_allowed(
    people: People, case: Case, login_as: Callable[..., Client], clamd: Path
) -> None:
    client = login_as(people.consulent)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    answer = _upload(client, case, b"MZ\x90\x00", name="setup.exe")

    assert "This type of file is not accepted" in answer.content.decode()  # type: ignore[attr-defined]


def test_it_refuses_uploads_when_no_scanner_is_configured(
    people: People, case: Case, login_as: Callable[..., Client], settings: Settings
) -> None:
    settings.REGIE_SCAN = ""
    client = login_as(people.consulent)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    answer = _upload(client, case, PLAN)

    assert "could not be checked for viruses" in answer.content.decode()  # type: ignore[attr-defined]
    with inspecting():
        assert not CaseDocument.objects.exists()


@pytest.mark.parametrize("who", ["other_consulent", "privacy_officer"])
def test_it_hides_a_document_from_who_may_not_see_the_case(
    people: People, case: Case, login_as: Callable[..., Client], clamd: Path, who: str
) -> None:
    _upload(login_as(people.consulent), case, PLAN)
    with inspecting():
        document = CaseDocument.objects.get(case=case)

    answer = login_as(getattr(people, who)).get(
        reverse("cases:document-download", args=[case.public_id, document.public_id])
    )

    assert answer.status_code == 404
