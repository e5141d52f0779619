from django.db import models


class PeriodicRun(models.Model):
    """When a periodic task was last put on the queue; `regie enqueue_periodic` reads it to decide
    what is due, so running that command more often than needed enqueues nothing twice."""

    name = models.CharField(max_length=200, unique=True)
    last_enqueued_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name


class SerialCounter(models.Model):
    """The last number handed out in a series of references ("DL-2026-", "WMO-2026-"). Its row
    is what concurrent registrations lock, so two of them never get the same number: counting
    or taking the maximum of existing references locks nothing that is not there yet."""

    series = models.CharField(max_length=40, unique=True)
    last = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.series}{self.last}"
