from datetime import timedelta

from django.conf import settings
from django.tasks import task

from regie.core.schedule import periodic
from regie.processing_log.services import log_seal_all


@periodic(every=timedelta(seconds=settings.REGIE_LOG_SEAL_SECONDS))
@task
def seal_processing_log() -> int:
    """Seal what was logged since the last checkpoint; returns the number of records sealed."""
    return sum(result.sealed for result in log_seal_all())
