"""The insider rules run as a periodic task in a real worker, idempotently."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from regie.conftest import People
from regie.monitoring import insider_rules
from regie.monitoring.models import InsiderAlert
from regie.processing_log.tests.factories import process
from regie.testing.worker import run_worker

TASK = "regie.monitoring.tasks.insider_rules_run"


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_insider_rules(task_queue: None, people: People):
    process(people.consulent, people.bram)

    call_command("enqueue_periodic")
    worker = run_worker()

    assert worker.returncode == 0, worker.stderr
    assert DBTaskResult.objects.get(task_path=TASK).status == "SUCCESSFUL", worker.stderr
    assert InsiderAlert.objects.filter(rule=insider_rules.OUTSIDE_CASELOAD).count() == 1
    # Running it again finds nothing new.
    from regie.monitoring.tasks import insider_rules_run

    assert insider_rules_run.call() == 0
