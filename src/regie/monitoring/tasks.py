from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from regie.core.schedule import periodic
from regie.monitoring import services


@periodic(every=timedelta(hours=1))
@task
def insider_rules_run() -> int:
    """Run the insider rules over yesterday and today; idempotent, so running it more often
    only adds what is new. Returns the number of new alerts."""
    today = timezone.localdate()
    new = services.insider_scan(day=today - timedelta(days=1))
    new += services.insider_scan(day=today)
    return len(new)
