from django.db import models


class PeriodicRun(models.Model):
    """When a periodic task was last put on the queue; `regie enqueue_periodic` reads it to decide
    what is due, so running that command more often than needed enqueues nothing twice."""

    name = models.CharField(max_length=200, unique=True)
    last_enqueued_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name
