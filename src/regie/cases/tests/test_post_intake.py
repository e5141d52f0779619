"""Incoming post: scanned paper filed into the right case by its cover sheet or case number,
checked, scanned by a real clamd and encrypted; what cannot be matched waits, encrypted, for a
team leader; what is refused leaves nothing behind."""

import io
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML

from regie.accounts.models import Resident
from regie.cases import services
from regie.cases.models import Case, CaseDocument, DocumentSource, Law, PostItem, PostStatus
from regie.cases.tests.conftest import ANNA_BORN
from regie.conftest import BSN_ANNA, INTAKE, People, inspecting
from regie.processing_log.models import ProcessingRecord
from regie.testing.clamd import EICAR
from regie.vault.models import HeldFile

LETTER = "Bezwaarschrift tegen de beschikking huishoudelijke hulp."


def letter(text: str = LETTER) -> bytes:
    return bytes(HTML(string=f"<p>{text}</p><p>Met vriendelijke groet</p>").write_pdf())


def joined(*pdfs: bytes) -> bytes:
    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(PdfReader(io.BytesIO(pdf)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def first_page_text(pdf: bytes) -> str:
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def cover_sheet(client: Client, case: Case) -> bytes:
    answer = client.get(reverse("cases:cover-sheet", args=[case.public_id]))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    return answer.content


def upload(client: Client, *files: tuple[str, bytes]) -> str:
    """Upload FILES and let the (immediate) task backend take them in when the upload
    commits, as the demo does; the page of the batch, once done. `test_post_batch` has the
    real worker."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = client.post(
            reverse("cases:post-intake"),
            {"scans": [SimpleUploadedFile(name, data) for name, data in files]},
        )
    assert answer.status_code == 302
    page = client.get(answer["Location"])
    assert page.status_code == 200
    return page.content.decode()


def stored_bodies(storage: Path) -> list[bytes]:
    return [path.read_bytes() for path in storage.rglob("*") if path.is_file()]


def post_records(resident: Resident) -> list[str]:
    return list(
        ProcessingRecord.objects.filter(
            name__startswith="case.post", data_subject_id=resident.subject_pseudonym
        ).values_list("name", flat=True)
    )


def test_it_numbers_cases_per_law_and_year_and_shows_the_number(
    people: People, case: Case, login_as: Callable[..., Client]
) -> None:
    second = services.case_open(
        resident=people.anna,
        law=Law.WMO,
        consulent=people.consulent,
        birth_date=ANNA_BORN,
        actor=INTAKE,
    )
    youth = services.case_open(
        resident=people.anna,
        law=Law.JEUGDWET,
        consulent=people.consulent,
        birth_date=ANNA_BORN,
        actor=INTAKE,
    )
    year = timezone.localdate().year

    assert [case.number, second.number, youth.number] == [
        f"WMO-{year}-0001",
        f"WMO-{year}-0002",
        f"JW-{year}-0001",
    ]
    assert len({case.cover_code, second.cover_code, youth.cover_code}) == 3
    page = login_as(people.consulent).get(reverse("cases:detail", args=[case.public_id]))
    assert case.number in page.content.decode()


def test_it_prints_a_cover_sheet_with_code_and_number_but_no_name(
    people: People, case: Case, login_as: Callable[..., Client]
) -> None:
    text = first_page_text(cover_sheet(login_as(people.consulent), case))

    assert case.cover_code in text and case.number in text
    assert "Anna" not in text and "Willems" not in text and BSN_ANNA not in text
    assert post_records(people.anna) == ["case.post.cover_sheet"]
    other = login_as(people.other_consulent)
    assert other.get(reverse("cases:cover-sheet", args=[case.public_id])).status_code == 404


def test_it_files_post_by_its_cover_sheet_encrypted_with_a_record_for_the_resident(
    people: People,
    case: Case,
    login_as: Callable[..., Client],
    clamd: Path,
    vault_storage: Path,
) -> None:
    client = login_as(people.consulent)
    scan = joined(cover_sheet(client, case), letter())

    page = upload(client, ("scan-0001.pdf", scan))

    assert case.number in page
    with inspecting():
        document = CaseDocument.objects.select_related("file").get(case=case)
    assert document.source == DocumentSource.POST
    assert "case.post.receive" in post_records(people.anna)
    bodies = stored_bodies(vault_storage)
    assert len(bodies) == 1 and bodies[0].startswith(b"RGV1") and b"%PDF" not in bodies[0]
    download = client.get(
        reverse("cases:document-download", args=[case.public_id, document.public_id])
    )
    filed = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    assert LETTER in PdfReader(io.BytesIO(filed)).pages[1].extract_text()
    with override("nl"):
        title = gettext("Incoming post of %(date)s") % {
            "date": timezone.localdate().strftime("%d-%m-%Y")
        }
    assert title in client.get(reverse("cases:detail", args=[case.public_id])).content.decode()


def test_it_files_post_by_the_case_number_on_the_first_page(
    people: People, case: Case, login_as: Callable[..., Client], clamd: Path
) -> None:
    client = login_as(people.teamleider)

    upload(client, ("brief.pdf", letter(f"Kenmerk {case.number}. {LETTER}")))

    with inspecting():
        assert CaseDocument.objects.filter(case=case, source=DocumentSource.POST).count() == 1
    assert not PostItem.objects.exists()


def test_it_queues_unmatched_post_encrypted_and_refuses_the_rest_per_file(
    people: People,
    case: Case,
    login_as: Callable[..., Client],
    clamd: Path,
    vault_storage: Path,
) -> None:
    client = login_as(people.consulent)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = upload(
        client,
        ("zonder-kenmerk.pdf", letter()),
        ("notitie.txt", b"Een notitie over Anna.\n"),
        ("kapot.pdf", b"%PDF-1.7\nnot really a pdf"),
    )

    with override("en"):
        assert (
            gettext("Only a file of this kind can be accepted here: %(kinds)s.") % {"kinds": "PDF"}
            in page
        )
        assert "No case found: it waits, encrypted, in the queue for a team leader." in page
        assert page.count("Nothing of this file was stored.") == 2
    item = PostItem.objects.get()
    assert item.status == PostStatus.WAITING and item.received_by == people.consulent
    bodies = stored_bodies(vault_storage)
    assert len(bodies) == 1 and bodies[0].startswith(b"RGV1") and b"%PDF" not in bodies[0]
    with inspecting():
        assert not CaseDocument.objects.exists()


def test_it_refuses_an_infected_pdf_and_stores_nothing(
    people: People,
    case: Case,
    login_as: Callable[..., Client],
    clamd: Path,
    vault_storage: Path,
) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(letter(f"Kenmerk {case.number}"))))
    writer.add_attachment("eicar.com", EICAR)
    infected = io.BytesIO()
    writer.write(infected)
    client = login_as(people.consulent)

    page = upload(client, ("besmet.pdf", infected.getvalue()))

    with override("nl"):
        assert gettext("The file contains a virus and was not accepted.") in page
    assert not stored_bodies(vault_storage)
    assert not PostItem.objects.exists()
    with inspecting():
        assert not CaseDocument.objects.exists()


def test_it_queues_post_for_a_case_outside_the_uploaders_caseload(
    people: People, case: Case, login_as: Callable[..., Client], clamd: Path
) -> None:
    client = login_as(people.other_consulent)
    page = upload(client, ("brief.pdf", letter(f"Kenmerk {case.number}")))

    assert case.number not in page
    assert PostItem.objects.get().unmatched == "not_allowed"
    with inspecting():
        assert not CaseDocument.objects.exists()


def test_a_team_leader_files_queued_post_into_a_case_of_the_team(
    people: People,
    case: Case,
    login_as: Callable[..., Client],
    clamd: Path,
    vault_storage: Path,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    upload(login_as(people.consulent), ("zonder-kenmerk.pdf", letter()))
    item = PostItem.objects.get()
    client = login_as(people.teamleider)
    assert client.get(reverse("cases:post-queue")).status_code == 200
    scan = client.get(reverse("cases:post-item-pdf", args=[item.public_id]))
    assert LETTER in first_page_text(b"".join(scan.streaming_content))  # type: ignore[attr-defined]
    url = reverse("cases:post-item", args=[item.public_id])

    wrong = client.post(url, {"case_number": "WMO-1999-0001"})
    with override("nl"):
        message = gettext("There is no case with this number in your team's caseload.")
    assert wrong.status_code == 200 and escape(message) in wrong.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        filed = client.post(url, {"case_number": case.number.lower(), "title": "Bezwaar"})

    assert filed.status_code == 302
    item.refresh_from_db()
    assert item.status == PostStatus.FILED and item.decided_by == people.teamleider
    assert item.held is None and not HeldFile.objects.exists()
    with inspecting():
        document = CaseDocument.objects.get(case=case)
    assert document.source == DocumentSource.POST
    # The scan was opened once while it waited: the resident's log has that too.
    assert sorted(post_records(people.anna)) == ["case.post.file", "case.post.queue.opened"]
    bodies = stored_bodies(vault_storage)
    assert len(bodies) == 1 and bodies[0].startswith(b"RGV1")
    assert client.get(url).status_code == 404  # decided: no longer in the queue
    consulent = login_as(people.consulent)
    download = consulent.get(
        reverse("cases:document-download", args=[case.public_id, document.public_id])
    )
    text = first_page_text(b"".join(download.streaming_content))  # type: ignore[attr-defined]
    assert LETTER in text


def test_a_team_leader_files_only_into_cases_of_the_team(
    people: People, login_as: Callable[..., Client], clamd: Path
) -> None:
    bram_case = services.case_open(
        resident=people.bram,
        law=Law.JEUGDWET,
        consulent=people.other_consulent,
        birth_date=ANNA_BORN,
        actor=INTAKE,
    )
    upload(login_as(people.consulent), ("zonder-kenmerk.pdf", letter()))
    item = PostItem.objects.get()

    answer = login_as(people.teamleider).post(
        reverse("cases:post-item", args=[item.public_id]), {"case_number": bram_case.number}
    )

    assert answer.status_code == 200
    item.refresh_from_db()
    assert item.status == PostStatus.WAITING


def test_a_team_leader_rejects_queued_post_after_confirming(
    people: People,
    case: Case,
    login_as: Callable[..., Client],
    clamd: Path,
    vault_storage: Path,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    upload(login_as(people.consulent), ("blanco.pdf", letter("")))
    item = PostItem.objects.get()
    client = login_as(people.teamleider)
    url = reverse("cases:post-reject", args=[item.public_id])

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert PostItem.objects.get().status == PostStatus.WAITING

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302

    item.refresh_from_db()
    assert item.status == PostStatus.REJECTED and item.held is None
    assert not stored_bodies(vault_storage)
    assert client.post(url).status_code == 404


def test_it_takes_a_scanner_folder(
    people: People,
    case: Case,
    login_as: Callable[..., Client],
    clamd: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "scanner"
    folder.mkdir()
    (folder / "scan-1.pdf").write_bytes(
        joined(cover_sheet(login_as(people.consulent), case), letter())
    )
    (folder / "scan-2.pdf").write_bytes(letter())
    (folder / "scan-3.pdf").write_bytes(b"not a pdf at all")
    (folder / "readme.txt").write_text("not for the intake")

    call_command("post_intake", str(folder))

    out = capsys.readouterr()
    assert f"scan-1.pdf: filed in {case.number}" in out.out
    assert "scan-2.pdf: queued for a team leader" in out.out
    assert "scan-3.pdf: refused" in out.err
    assert "3 files: 1 filed, 1 queued, 1 refused" in out.out
    assert sorted(p.name for p in folder.iterdir()) == ["readme.txt", "refused"]
    assert [p.name for p in (folder / "refused").iterdir()] == ["scan-3.pdf"]
    with inspecting():
        document = CaseDocument.objects.get(case=case)
    assert document.added_by is None and document.source == DocumentSource.POST
    assert PostItem.objects.get().channel == "folder"
    record = ProcessingRecord.objects.get(name="case.post.receive")
    assert record.data_subject_id == people.anna.subject_pseudonym


def test_it_refuses_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="folder"):
        call_command("post_intake", str(tmp_path / "missing"))
