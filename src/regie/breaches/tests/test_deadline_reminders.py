"""Reminders of the 72-hour clock: at 24 and 48 hours and when the deadline has passed, once
each, to every privacy officer, with no personal data; run by a real worker."""

from datetime import timedelta
from email import message_from_bytes
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from regie.breaches.models import BreachReminder
from regie.breaches.services import breach_reminders_send
from regie.breaches.tasks import breach_deadline_reminders
from regie.breaches.tests.factories import usb_stick
from regie.conftest import People
from regie.testing.worker import run_worker


def _with_email(people: People) -> None:
    people.privacy_officer.email = "fg@lindendal.example"
    people.privacy_officer.save()


@pytest.mark.django_db
def test_it_reminds_once_per_stage(people: People, django_capture_on_commit_callbacks) -> None:
    _with_email(people)
    start = timezone.now() - timedelta(hours=1)
    breach = usb_stick(people.privacy_officer, discovered_at=start)

    with django_capture_on_commit_callbacks(execute=True):
        assert breach_reminders_send(now=start + timedelta(hours=23)) == 0
        assert breach_reminders_send(now=start + timedelta(hours=25)) == 1
        assert breach_reminders_send(now=start + timedelta(hours=26)) == 0
        assert breach_reminders_send(now=start + timedelta(hours=49)) == 1
        assert breach_reminders_send(now=start + timedelta(hours=73)) == 1
        assert breach_reminders_send(now=start + timedelta(hours=90)) == 0

    assert [m.to for m in mail.outbox] == [["fg@lindendal.example"]] * 3
    assert breach.reference in mail.outbox[0].subject
    assert str(breach.public_id) in mail.outbox[0].body
    assert "USB" not in mail.outbox[0].body  # the description stays in Regie


@pytest.mark.django_db
def test_it_sends_only_the_latest_stage_after_a_gap(
    people: People, django_capture_on_commit_callbacks
) -> None:
    _with_email(people)
    start = timezone.now() - timedelta(hours=1)
    usb_stick(people.privacy_officer, discovered_at=start)

    with django_capture_on_commit_callbacks(execute=True):
        assert breach_reminders_send(now=start + timedelta(hours=50)) == 1
        assert breach_reminders_send(now=start + timedelta(hours=51)) == 0

    assert len(mail.outbox) == 1
    assert set(BreachReminder.objects.values_list("stage", flat=True)) == {"24h", "48h"}


@pytest.mark.django_db
def test_it_does_not_remind_of_a_breach_that_need_not_be_reported(
    people: People, django_capture_on_commit_callbacks
) -> None:
    _with_email(people)
    start = timezone.now() - timedelta(hours=1)
    usb_stick(people.privacy_officer, discovered_at=start, unintelligible=True)

    with django_capture_on_commit_callbacks(execute=True):
        assert breach_reminders_send(now=start + timedelta(hours=80)) == 0
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_reminder_once(
    task_queue: None, people: People, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REGIE_DATA_DIR", str(tmp_path))
    _with_email(people)
    breach = usb_stick(people.privacy_officer, discovered_at=timezone.now() - timedelta(hours=30))

    breach_deadline_reminders.enqueue()
    breach_deadline_reminders.enqueue()
    worker = run_worker()

    assert worker.returncode == 0, worker.stderr
    results = DBTaskResult.objects.filter(task_path=breach_deadline_reminders.module_path)
    assert sorted(r.status for r in results) == ["SUCCESSFUL", "SUCCESSFUL"], worker.stderr
    assert list(BreachReminder.objects.values_list("stage", flat=True)) == ["24h"]
    sent = list((tmp_path / "mail").iterdir())
    assert len(sent) == 1
    message = message_from_bytes(sent[0].read_bytes())
    assert breach.reference in str(message["Subject"])
