"""Retention: sealed records past their activity's retention period lose their body, each
one journaled, and the log still verifies; nothing else is touched."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from regie.conftest import People
from regie.processing_log.models import (
    Checkpoint,
    LogLeaf,
    ProcessingRecord,
    PrunedRecord,
)
from regie.processing_log.retention import log_prune
from regie.processing_log.services import log_seal_all
from regie.processing_log.tests.factories import process, raw_record
from regie.processing_log.verify import verify_log
from regie.register import builtin

RECORDS = ProcessingRecord._meta.db_table
YEAR = timedelta(days=366)


def _uris(record_ids: set[int]) -> dict[int, str]:
    return dict(
        ProcessingRecord.objects.filter(id__in=record_ids).values_list("id", "activity_uri")
    )


def test_it_prunes_sealed_records_past_their_retention(people: People) -> None:
    log_seal_all()
    sealed = set(LogLeaf.objects.values_list("record_id", flat=True))
    uris = _uris(sealed)
    unsealed = process(people.consulent, people.anna)
    leaves, checkpoints = LogLeaf.objects.count(), Checkpoint.objects.count()

    pruned = log_prune(now=timezone.now() + 20 * YEAR)

    assert pruned == len(sealed)
    assert set(ProcessingRecord.objects.values_list("id", flat=True)) == {unsealed}
    journal = {row.record_id: row for row in PrunedRecord.objects.all()}
    assert set(journal) == sealed
    retention = {
        builtin.IDENTIFY_RESIDENT: "P1Y",
        builtin.REGISTER_RESIDENT: "P15Y",
        builtin.ASSIGN_CASELOAD: "P15Y",
    }
    for record_id, row in journal.items():
        assert row.activity_uri == uris[record_id]
        assert row.retention == retention[row.activity_uri]
    assert (LogLeaf.objects.count(), Checkpoint.objects.count()) == (leaves, checkpoints)
    report = verify_log()
    assert report.ok and report.records == leaves


def test_it_keeps_each_record_for_its_own_activity_s_period(people: People) -> None:
    log_seal_all()
    logins = set(
        ProcessingRecord.objects.filter(activity_uri=builtin.IDENTIFY_RESIDENT).values_list(
            "id", flat=True
        )
    )
    assert logins and logins != set(LogLeaf.objects.values_list("record_id", flat=True))

    assert log_prune() == 0
    assert log_prune(now=timezone.now() + 2 * YEAR) == len(logins)

    assert set(PrunedRecord.objects.values_list("record_id", flat=True)) == logins
    assert not ProcessingRecord.objects.filter(id__in=logins).exists()
    assert ProcessingRecord.objects.filter(activity_uri=builtin.REGISTER_RESIDENT).exists()
    assert verify_log().ok


def test_it_prunes_nothing_the_second_time(people: People) -> None:
    log_seal_all()
    later = timezone.now() + 20 * YEAR
    assert log_prune(now=later) > 0
    journal = PrunedRecord.objects.count()

    assert log_prune(now=later) == 0
    assert PrunedRecord.objects.count() == journal


def test_it_leaves_unsealed_records_alone(people: People) -> None:
    records = ProcessingRecord.objects.count()

    assert log_prune(now=timezone.now() + 20 * YEAR) == 0
    assert ProcessingRecord.objects.count() == records
    assert not PrunedRecord.objects.exists()


def test_it_still_guards_the_records_after_pruning(people: People) -> None:
    log_seal_all()
    log_prune(now=timezone.now() + 2 * YEAR)
    log_seal_all()
    record_id = ProcessingRecord.objects.values_list("id", flat=True)[0]
    delete = f"DELETE FROM {RECORDS} WHERE id = %s"  # noqa: S608

    if connection.vendor == "postgresql":
        with pytest.raises(Exception, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(delete, [record_id])
        assert ProcessingRecord.objects.filter(id=record_id).exists()
    else:
        # SQLite has no trigger: the raw delete goes through, and verify_log names it.
        with connection.cursor() as cursor:
            cursor.execute(delete, [record_id])
        index = LogLeaf.objects.get(record_id=record_id).index
        assert verify_log().first_problem == (
            f"record {record_id} (leaf {index}) was deleted without a retention journal entry"
        )


def test_it_prints_how_many_records_prune_log_pruned(db: None) -> None:
    long_ago = timezone.now() - 16 * YEAR
    old = raw_record(moment=long_ago)
    log_seal_all()
    outputs = [io.StringIO(), io.StringIO()]
    for out in outputs:
        call_command("prune_log", stdout=out)

    assert [out.getvalue() for out in outputs] == [
        "Pruned 1 record past its retention period.\n",
        "Pruned 0 records past their retention period.\n",
    ]
    assert not ProcessingRecord.objects.filter(id=old.id).exists()
    assert verify_log().ok
