import logging
from datetime import timedelta

from django.tasks import task

from regie.core.schedule import periodic
from regie.monitoring import services

logger = logging.getLogger(__name__)


@periodic(every=timedelta(hours=1))
@task
def insider_rules_run() -> int:
    """Run the insider rules over yesterday, today and the days of records written late;
    idempotent, so running it more often only adds what is new. Returns the number of new
    alerts."""
    run = services.insider_run()
    if run.days_left:
        logger.info(
            "insider rules: %d days rescanned, %d days left for the next run",
            len(run.days),
            run.days_left,
        )
    return len(run.new_alerts)
