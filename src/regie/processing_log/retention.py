"""Retention: the body of a record goes once the retention period of its processing activity
(the version the record points to) has passed. Only sealed records are pruned; their leaf
hashes, the tree and the checkpoints stay, and a PrunedRecord journal row says which body
went, so verify_log can tell pruning from tampering."""

from datetime import datetime

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from regie.processing_log.models import LogLeaf, ProcessingRecord, PrunedRecord
from regie.register.duration import parse_duration
from regie.register.models import ProcessingActivityVersion

BATCH = 5000
_LOCK_ID = 0x5E6E_7E7E  # one pruner at a time (PostgreSQL advisory lock)


def log_prune(*, now: datetime | None = None) -> int:
    """Prune every sealed record past its retention period; the number pruned. Idempotent,
    and each batch is its own transaction, so an interrupted run loses nothing."""
    moment = now or timezone.now()
    pruned = 0
    for version in ProcessingActivityVersion.objects.select_related("activity").order_by("pk"):
        cutoff = parse_duration(version.retention).before(moment)
        while batch := _prune_batch(version, cutoff):
            pruned += batch
    return pruned


@transaction.atomic
def _prune_batch(version: ProcessingActivityVersion, cutoff: datetime) -> int:
    """Journal up to BATCH expired sealed records of VERSION, then delete the journaled
    records, in one transaction; the number pruned."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_ID])
    batch = list(
        ProcessingRecord.objects.filter(
            activity_uri=version.activity.uri, activity_version=version, end_time__lt=cutoff
        )
        .filter(Exists(LogLeaf.objects.filter(record_id=OuterRef("id"))))
        .order_by("id")
        .values_list("id", "end_time")[:BATCH]
    )
    if not batch:
        return 0
    PrunedRecord.objects.bulk_create(
        [
            PrunedRecord(
                record_id=record_id,
                activity_uri=version.activity.uri,
                retention=version.retention,
                end_time=end_time,
            )
            for record_id, end_time in batch
        ]
    )
    records = ProcessingRecord._meta.db_table
    journal = PrunedRecord._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The append-only trigger lets a DELETE through only while this is on; switch it
            # off again, as SET LOCAL would otherwise last until an enclosing transaction ends.
            cursor.execute("SET LOCAL regie.retention = 'on'")
        cursor.execute(
            f"DELETE FROM {records} WHERE id IN "  # noqa: S608 (table names from the models)
            f"(SELECT record_id FROM {journal} WHERE record_id BETWEEN %s AND %s)",
            [batch[0][0], batch[-1][0]],
        )
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL regie.retention = 'off'")
    return len(batch)
