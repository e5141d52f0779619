"""Reminders of a request's deadline: a week before and once it has passed, once per stage
and deadline, to the handler or else every privacy officer; logged for the resident; run by a
real worker."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from regie.conftest import People, inspecting
from regie.processing_log.models import ProcessingRecord
from regie.requests.models import Channel, Kind, RequestReminder, RightsRequest
from regie.requests.services import request_file, request_reminders_send
from regie.requests.tasks import rights_request_reminders
from regie.testing.worker import run_worker


def _request(people: People, received_on: date) -> RightsRequest:
    people.privacy_officer.email = "fg@lindendal.example"
    people.privacy_officer.save()
    return request_file(
        resident=people.anna,
        kind=Kind.ERASURE,
        channel=Channel.DESK,
        details="Verwijder mijn oude aanvraag.",
        received_on=received_on,
        actor=people.privacy_officer,
    )


@pytest.mark.django_db
def test_it_reminds_a_week_before_and_after_the_deadline(
    people: People, django_capture_on_commit_callbacks
) -> None:
    request = _request(people, date(2026, 3, 2))  # due 2 April

    with django_capture_on_commit_callbacks(execute=True):
        assert request_reminders_send(today=date(2026, 3, 25)) == 0
        assert request_reminders_send(today=date(2026, 3, 26)) == 1
        assert request_reminders_send(today=date(2026, 3, 27)) == 0
        assert request_reminders_send(today=date(2026, 4, 3)) == 1
        assert request_reminders_send(today=date(2026, 4, 4)) == 0

    assert len(mail.outbox) == 2
    assert request.reference in mail.outbox[1].subject
    assert "Anna" not in mail.outbox[1].body and str(request.public_id) in mail.outbox[1].body
    with inspecting():
        reminded = ProcessingRecord.objects.filter(name="rights_request.remind")
        assert reminded.count() == 2
        assert reminded.first().data_subject_id == people.anna.subject_pseudonym  # type: ignore[union-attr]


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_reminder_once(
    task_queue: None, people: People, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REGIE_DATA_DIR", str(tmp_path))
    near = timezone.localdate() - timedelta(days=27)
    _request(people, near)

    rights_request_reminders.enqueue()
    rights_request_reminders.enqueue()
    worker = run_worker()

    assert worker.returncode == 0, worker.stderr
    results = DBTaskResult.objects.filter(task_path=rights_request_reminders.module_path)
    assert [r.status for r in results] == ["SUCCESSFUL", "SUCCESSFUL"], worker.stderr
    assert RequestReminder.objects.count() == 1
    assert len(list((tmp_path / "mail").iterdir())) == 1
