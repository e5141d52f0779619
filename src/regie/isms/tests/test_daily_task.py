"""The daily ISMS task, run by a real worker: it keeps the day's figures and sends the due
reminders, and running it again sends nothing twice."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from regie.conftest import People
from regie.isms import services
from regie.isms.models import CampaignReminder, Policy, Snapshot
from regie.isms.tasks import isms_daily
from regie.testing.worker import run_worker

TASK = "regie.isms.tasks.isms_daily"


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_keeps_the_figures_and_reminds_once(task_queue: None, people: People):
    today = timezone.localdate()
    people.ciso.email = "ciso@lindendal.example"
    people.ciso.save()
    services.policy_save(
        title="Beleidsplan", version="1.0", owner=people.ciso, review_on=today + timedelta(days=10)
    )
    services.campaign_save(
        title="Clean desk", starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=30)
    )

    isms_daily.enqueue()
    isms_daily.enqueue()
    worker = run_worker()

    assert worker.returncode == 0, worker.stderr
    assert [r.status for r in DBTaskResult.objects.filter(task_path=TASK)] == ["SUCCESSFUL"] * 2
    assert Snapshot.objects.get().taken_on == today
    assert Policy.objects.get().reminded_for == today + timedelta(days=10)
    staff = len(people.staff()) + 1  # other_consulent too
    assert CampaignReminder.objects.count() == staff
