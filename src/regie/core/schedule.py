"""Periodic background tasks.

`django.tasks` runs tasks but does not schedule them. An app marks a task as periodic in its
`tasks.py`::

    @periodic(every=timedelta(days=1))
    @task
    def send_agreement_reminders() -> int: ...

and `regie enqueue_periodic` (run by cron or a timer in production, looped by `regie demo`)
enqueues every task whose interval has passed. The tasks themselves must be idempotent: a
deadline reminder is sent once per deadline, however often the task runs (invariant 6).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.tasks import Task
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from regie.core.models import PeriodicRun


@dataclass(frozen=True)
class Periodic:
    task: Task
    every: timedelta

    @property
    def name(self) -> str:
        return self.task.module_path


_REGISTRY: dict[str, Periodic] = {}


def periodic(*, every: timedelta) -> Callable[[Task], Task]:
    """Register a task to be enqueued at least once per `every`."""

    def register(task: Task) -> Task:
        entry = Periodic(task=task, every=every)
        _REGISTRY[entry.name] = entry
        return task

    return register


def registered() -> list[Periodic]:
    autodiscover_modules("tasks")
    return sorted(_REGISTRY.values(), key=lambda entry: entry.name)


def enqueue_due(*, now: datetime | None = None) -> list[str]:
    """Enqueue every periodic task that is due; returns the names of those enqueued."""
    now = now or timezone.now()
    enqueued = []
    for entry in registered():
        with transaction.atomic():
            run = PeriodicRun.objects.select_for_update().filter(name=entry.name).first()
            if run is not None and run.last_enqueued_at + entry.every > now:
                continue
            PeriodicRun.objects.update_or_create(
                name=entry.name, defaults={"last_enqueued_at": now}
            )
            # After the commit, so a worker never picks up a task whose run is not recorded.
            transaction.on_commit(entry.task.enqueue)
        enqueued.append(entry.name)
    return enqueued
