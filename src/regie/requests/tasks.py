from datetime import timedelta

from django.tasks import task

from regie.core.schedule import periodic
from regie.requests.services import request_reminders_send


@periodic(every=timedelta(hours=6))
@task
def rights_request_reminders() -> int:
    """Remind handlers of rights requests a week before the deadline and once it has passed;
    returns the number of e-mails sent."""
    return request_reminders_send()
