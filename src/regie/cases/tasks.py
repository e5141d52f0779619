from datetime import timedelta
from uuid import UUID

from django.tasks import task

from regie.cases.services import post_batch_names_forget, post_batch_work
from regie.core.schedule import periodic


@task
def post_batch_take_in(batch_id: str) -> int:
    """Take in the scanned post of an upload batch: check, scan, read and file or queue each
    file; returns how many were taken in."""
    return post_batch_work(batch_id=UUID(batch_id))


@periodic(every=timedelta(days=1))
@task
def post_batch_names_expire() -> int:
    """Forget the file names of upload batches taken in more than two weeks ago."""
    return post_batch_names_forget()
