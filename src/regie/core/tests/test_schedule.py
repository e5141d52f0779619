"""Periodic tasks: `regie enqueue_periodic` puts what is due on the queue, once per interval,
and a real `regie db_worker` in another process runs it."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from regie.conftest import People
from regie.core.models import PeriodicRun
from regie.core.schedule import enqueue_due, registered
from regie.processing_log.models import Checkpoint, LogLeaf, ProcessingRecord
from regie.testing.worker import run_worker

SEAL = "regie.processing_log.tasks.seal_processing_log"


def test_it_finds_the_periodic_tasks_of_every_app():
    assert SEAL in [entry.name for entry in registered()]


@pytest.mark.django_db
def test_it_enqueues_a_task_once_per_interval(task_queue: None, django_capture_on_commit_callbacks):
    now = timezone.now()
    interval = next(entry.every for entry in registered() if entry.name == SEAL)
    with django_capture_on_commit_callbacks(execute=True):
        assert SEAL in enqueue_due(now=now)
        assert SEAL not in enqueue_due(now=now + timedelta(seconds=1))
        assert SEAL in enqueue_due(now=now + interval)

    assert DBTaskResult.objects.filter(task_path=SEAL).count() == 2
    assert PeriodicRun.objects.get(name=SEAL).last_enqueued_at == now + interval


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_what_the_command_enqueued(task_queue: None, people: People):
    assert ProcessingRecord.objects.exists() and not Checkpoint.objects.exists()
    output = io.StringIO()

    call_command("enqueue_periodic", stdout=output)
    worker = run_worker()

    assert f"enqueued {SEAL}" in output.getvalue()
    assert worker.returncode == 0, worker.stderr
    result = DBTaskResult.objects.get(task_path=SEAL)
    assert result.status == "SUCCESSFUL", worker.stderr
    assert LogLeaf.objects.count() == ProcessingRecord.objects.count()
    assert Checkpoint.objects.count() == 1
