from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from regie.core.schedule import periodic
from regie.isms import services


@periodic(every=timedelta(days=1))
@task
def isms_daily() -> int:
    """Keep today's ISMS figures and send the due policy and awareness reminders; returns
    the number of reminders sent. Idempotent: each reminder goes once, the snapshot of a
    day is replaced."""
    today = timezone.localdate()
    services.snapshot_take(on=today)
    return services.policy_reminders_send(today=today) + services.campaign_reminders_send(
        today=today
    )
