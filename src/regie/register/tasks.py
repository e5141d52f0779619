from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from regie.core.schedule import periodic
from regie.register.services import agreement_reminders_send


@periodic(every=timedelta(days=1))
@task
def agreement_reminders() -> int:
    """Remind the privacy officers of processor agreements that end soon, have ended or are
    missing; idempotent, so it may run any number of times a day. Returns the mails sent."""
    return agreement_reminders_send(today=timezone.localdate())
