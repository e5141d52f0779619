"""Uploaded post is taken in by a real task worker: the upload only holds each file,
encrypted; the batch page shows the progress and, once the worker is done, what became of each
file. The held copies are gone then, and only the uploader sees the batch."""

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from pytest_django.fixtures import Settings

from regie.cases.models import Case, CaseDocument, PostBatchFile, PostItem
from regie.cases.services import post_batch_names_forget
from regie.cases.tasks import post_batch_take_in
from regie.cases.tests.test_post_intake import letter, stored_bodies
from regie.conftest import People, inspecting
from regie.testing.worker import run_worker
from regie.vault.models import HeldFile

REFRESH = '<meta http-equiv="refresh"'


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_takes_in_the_batch_and_its_page_follows(
    task_queue: None,
    worker_env: None,
    people: People,
    case: Case,
    login_as: Callable[..., Client],
    vault_storage: Path,
) -> None:
    client = login_as(people.consulent)
    answer = client.post(
        reverse("cases:post-intake"),
        {
            "scans": [
                SimpleUploadedFile("brief-1.pdf", letter(f"Kenmerk {case.number}")),
                SimpleUploadedFile("brief-2.pdf", letter()),
                SimpleUploadedFile("notitie.txt", b"Een notitie over Anna.\n"),
            ]
        },
    )
    assert answer.status_code == 302
    url = answer["Location"]

    intake = client.get(reverse("cases:post-intake")).content.decode()
    assert f'href="{url}"' in intake and "0 van 3 verwerkt." in intake  # to come back to
    before = client.get(url).content.decode()
    assert "0 van 3 verwerkt." in before and REFRESH in before
    assert 'role="status"' in before
    assert "brief-1.pdf" not in before  # no results until all are in
    assert HeldFile.objects.count() == 3
    bodies = stored_bodies(vault_storage)
    assert len(bodies) == 3 and all(b"%PDF" not in body and b"Anna" not in body for body in bodies)
    with inspecting():
        assert not CaseDocument.objects.exists()

    worker = run_worker()

    assert worker.returncode == 0, worker.stderr
    results = DBTaskResult.objects.filter(task_path=post_batch_take_in.module_path)
    assert [r.status for r in results] == ["SUCCESSFUL"], worker.stderr
    after = client.get(url).content.decode()
    assert "3 van 3 verwerkt." in after and REFRESH not in after
    assert "1 opgeborgen, 1 in de wachtrij, 1 geweigerd." in after
    rows = after.split('data-testid="post-result"')[1:]
    assert "brief-1.pdf" in rows[0] and case.number in rows[0]
    assert "brief-2.pdf" in rows[1] and "wachtrij" in rows[1]
    assert (
        "notitie.txt" in rows[2]
        and "alleen een bestand van deze soort worden aangenomen: PDF" in rows[2]
    )
    # The queued scan is held once, by the queue; the batch holds nothing any more.
    item = PostItem.objects.get()
    assert list(HeldFile.objects.all()) == [item.held]
    assert not PostBatchFile.objects.filter(held__isnull=False).exists()
    assert len(stored_bodies(vault_storage)) == 2  # the filed document and the queued scan
    with inspecting():
        assert CaseDocument.objects.get().case == case

    other = login_as(people.other_consulent)
    assert other.get(url).status_code == 404
    assert url not in other.get(reverse("cases:post-intake")).content.decode()
    assert login_as(people.teamleider).get(url).status_code == 404


def test_it_refuses_a_file_too_large_at_once_and_keeps_no_name_in_clear(
    people: People, login_as: Callable[..., Client], settings: Settings
) -> None:
    settings.REGIE_UPLOAD_MAX_BYTES = 1024 * 1024
    client = login_as(people.consulent)

    answer = client.post(
        reverse("cases:post-intake"),
        {
            "scans": [
                SimpleUploadedFile("brief Anna Willems.pdf", letter()),
                SimpleUploadedFile("groot.pdf", b"%PDF-1.7\n" + b"0" * 1024 * 1024),
            ]
        },
    )

    assert answer.status_code == 302
    small, large = PostBatchFile.objects.all()
    assert small.outcome == "" and small.held is not None
    assert large.outcome == "refused" and large.held is None
    assert "1 MB" in large.message
    assert HeldFile.objects.count() == 1
    assert b"Anna" not in bytes(small.name_sealed)
    page = client.get(answer["Location"]).content.decode()
    assert "1 van 2 verwerkt." in page


@pytest.mark.django_db(transaction=True)
def test_a_second_run_of_the_task_changes_nothing(
    task_queue: None,
    worker_env: None,
    people: People,
    case: Case,
    login_as: Callable[..., Client],
) -> None:
    client = login_as(people.consulent)
    client.post(
        reverse("cases:post-intake"),
        {"scans": [SimpleUploadedFile("brief.pdf", letter(f"Kenmerk {case.number}"))]},
    )
    batch_id = str(PostBatchFile.objects.get().batch.public_id)
    post_batch_take_in.enqueue(batch_id)  # e.g. enqueued again by hand after a restart

    assert run_worker().returncode == 0

    results = DBTaskResult.objects.filter(task_path=post_batch_take_in.module_path)
    assert results.count() == 2 and {r.return_value for r in results} == {0, 1}
    with inspecting():
        assert CaseDocument.objects.count() == 1
    assert not HeldFile.objects.exists()


def test_it_still_shows_the_outcome_once_the_key_of_the_names_is_retired(
    people: People, case: Case, login_as: Callable[..., Client], clamd: Path, settings: Settings
) -> None:
    client = login_as(people.consulent)
    with TestCase.captureOnCommitCallbacks(execute=True):  # the immediate backend, as the demo
        answer = client.post(
            reverse("cases:post-intake"),
            {"scans": [SimpleUploadedFile("brief.pdf", letter(f"Kenmerk {case.number}"))]},
        )
    settings.REGIE_KEK_ID, settings.REGIE_KEK = "k2", bytes(range(32))

    page = client.get(answer["Location"]).content.decode()

    assert "brief.pdf" not in page and "(naam niet meer leesbaar)" in page
    assert case.number in page


def test_it_forgets_the_file_names_after_two_weeks_and_keeps_the_outcome(
    people: People, case: Case, login_as: Callable[..., Client], clamd: Path
) -> None:
    client = login_as(people.consulent)
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = client.post(
            reverse("cases:post-intake"),
            {"scans": [SimpleUploadedFile("brief Willems.pdf", letter(f"Kenmerk {case.number}"))]},
        )
    done = PostBatchFile.objects.get().done_at
    assert done is not None

    assert post_batch_names_forget(now=done + timedelta(days=13)) == 0
    assert "brief Willems.pdf" in client.get(answer["Location"]).content.decode()
    assert post_batch_names_forget(now=done + timedelta(days=15)) == 1
    assert post_batch_names_forget(now=done + timedelta(days=16)) == 0

    page = client.get(answer["Location"]).content.decode()
    assert "brief Willems.pdf" not in page and "(naam na twee weken vergeten)" in page
    assert case.number in page
    assert bytes(PostBatchFile.objects.get().name_sealed) == b""
