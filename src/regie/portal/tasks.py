from datetime import timedelta

from django.tasks import task

from regie.core.schedule import periodic
from regie.portal.services import messages_notify


@periodic(every=timedelta(minutes=5))
@task
def portal_notify() -> int:
    """Messages and e-mails for what is new in residents' cases."""
    return messages_notify()
