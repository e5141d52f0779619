from datetime import timedelta

from django.tasks import task

from regie.breaches.services import breach_reminders_send
from regie.core.schedule import periodic


@periodic(every=timedelta(minutes=15))
@task
def breach_deadline_reminders() -> int:
    """Remind the privacy officers of breaches still to be reported at 24 and 48 hours after
    discovery and once the 72 hours have passed; returns the number of e-mails sent."""
    return breach_reminders_send()
