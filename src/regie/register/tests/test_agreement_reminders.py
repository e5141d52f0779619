"""Reminders of expiring and missing agreements: sent by the periodic task, from a real
worker, once per deadline and privacy officer however often the task runs."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from regie.conftest import People
from regie.core.schedule import enqueue_due, registered
from regie.register.models import AgreementReminder, AgreementStatus, ReminderKind
from regie.register.services import agreement_reminders_send
from regie.register.tests.helpers import partner, signed
from regie.testing.worker import run_worker

TASK = "regie.register.tasks.agreement_reminders"
TODAY = date(2026, 11, 28)


@pytest.fixture
def officer(people: People) -> People:
    """The privacy officer, with the e-mail address reminders go to."""
    people.privacy_officer.email = "fg@lindendal.example"
    people.privacy_officer.save(update_fields=["email"])
    return people


def test_it_is_a_periodic_task() -> None:
    assert TASK in [entry.name for entry in registered()]


def test_it_mails_each_privacy_officer_once_without_naming_anyone(officer: People) -> None:
    people = officer
    partner("Nooit", status="sent")
    ending = partner("Binnenkort")
    signed(ending, starts=date(2025, 1, 1), ends=TODAY + timedelta(days=20))

    assert agreement_reminders_send(today=TODAY) == 1
    assert agreement_reminders_send(today=TODAY + timedelta(days=1)) == 0

    [message] = mail.outbox
    assert message.to == [people.privacy_officer.email]
    assert "/register/dashboard/" in message.body
    assert "Nooit" not in message.body and "Binnenkort" not in message.body
    assert {r.kind for r in AgreementReminder.objects.all()} == {
        ReminderKind.MISSING,
        ReminderKind.EXPIRING,
    }


def test_it_reminds_again_when_a_new_deadline_comes(officer: People) -> None:
    ending = partner("Binnenkort")
    signed(ending, starts=date(2025, 1, 1), ends=TODAY + timedelta(days=20))
    agreement_reminders_send(today=TODAY)

    assert agreement_reminders_send(today=TODAY + timedelta(days=21)) == 1
    assert ending.agreements.get().status == AgreementStatus.EXPIRED
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_reminders_once(
    task_queue: None, officer: People, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = officer
    monkeypatch.setenv("REGIE_DATA_DIR", str(tmp_path))  # the worker's mail folder
    ending = partner("Binnenkort")
    today = timezone.localdate()
    signed(ending, starts=today - timedelta(days=300), ends=today + timedelta(days=10))

    enqueue_due()
    first = run_worker()
    DBTaskResult.objects.all().delete()
    enqueue_due(now=timezone.now() + timedelta(days=1, minutes=1))
    second = run_worker()

    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    results = DBTaskResult.objects.filter(task_path=TASK)
    assert [result.status for result in results] == ["SUCCESSFUL"]
    reminder = AgreementReminder.objects.get()
    assert (reminder.kind, reminder.deadline) == (ReminderKind.EXPIRING, today + timedelta(days=10))
    assert reminder.recipient == people.privacy_officer
    mails = list((tmp_path / "mail").iterdir())
    assert len(mails) == 1
    assert people.privacy_officer.email in mails[0].read_text()
