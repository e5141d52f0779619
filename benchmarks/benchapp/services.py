"""The same business write twice: once as a Regie service (gate + processing-log record in the
write's transaction), once logged by django-auditlog (LogEntry written by its signals)."""

from auditlog.context import set_actor
from django.db import transaction

from benchapp.models import BusinessRow, GatedRow
from regie.accounts.models import Resident, User
from regie.processing_log.gate import processing

ACTIVITY_SLUG = "benchmark-rij-bijwerken"


@transaction.atomic
def gated_row_update(
    *, row_id: int, amount: int, resident: Resident, actor: User, activity: str
) -> None:
    with processing(activity=activity, actor=actor, name="row.update", subjects=[resident]):
        row = GatedRow.objects.get(pk=row_id)
        row.amount = amount
        row.save(update_fields=["amount"])


@transaction.atomic
def business_row_update(*, row_id: int, amount: int, actor: User) -> None:
    with set_actor(actor):
        row = BusinessRow.objects.get(pk=row_id)
        row.amount = amount
        row.save(update_fields=["amount"])
