"""The tamper test: whatever is changed behind the application's back (raw SQL, on PostgreSQL
with the append-only trigger switched off), `regie verify_log` fails and names it."""

import io
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from regie.conftest import People
from regie.processing_log import signed_note
from regie.processing_log.gate import SUBJECT_ID_TYPE
from regie.processing_log.models import (
    ActorKind,
    Checkpoint,
    LogLeaf,
    ProcessingRecord,
    TreeNode,
)
from regie.processing_log.records import new_span_id, new_trace_id
from regie.processing_log.services import LATE_COMMIT_WINDOW, log_seal_all
from regie.processing_log.tests.factories import process
from regie.processing_log.verify import verify_log
from regie.register import builtin
from regie.register.selectors import activity_version_in_force

RECORDS = ProcessingRecord._meta.db_table
LEAVES = LogLeaf._meta.db_table
NODES = TreeNode._meta.db_table
CHECKPOINTS = Checkpoint._meta.db_table


def _behind_the_back(table: str, sql: str, params: Sequence[Any]) -> None:
    """Run SQL on TABLE as someone with database access would: on PostgreSQL the append-only
    trigger is switched off first and on again after."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Foreign-key checks of this test's own inserts are still pending; run them first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        assert cursor.rowcount == 1
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


@pytest.fixture
def sealed(people: People) -> list[int]:
    """A log sealed in four checkpoints; the ids of its records in leaf order."""
    log_seal_all()
    for times in (3, 6, 2):
        process(people.consulent, people.anna, times)
        log_seal_all()
    return list(LogLeaf.objects.order_by("index").values_list("record_id", flat=True))


def _first_problem(chunk: int = 1 << 14) -> str:
    report = verify_log(chunk=chunk)
    assert not report.ok and report.first_problem is not None
    return report.first_problem


def test_it_verifies_the_untampered_log(sealed: list[int]) -> None:
    assert verify_log().ok
    out = io.StringIO()
    call_command("verify_log", stdout=out)
    assert out.getvalue().startswith(f"The processing log verifies: {len(sealed)} records")


@pytest.mark.parametrize("chunk", [2, 1 << 14])
def test_it_names_a_record_with_one_byte_changed(sealed: list[int], chunk: int) -> None:
    leaf = len(sealed) // 2 + 1
    record_id = sealed[leaf]
    name = ProcessingRecord.objects.get(id=record_id).name
    changed = name[:-1] + chr(ord(name[-1]) ^ 1)
    _behind_the_back(RECORDS, f"UPDATE {RECORDS} SET name = %s WHERE id = %s", [changed, record_id])  # noqa: S608
    assert ProcessingRecord.objects.get(id=record_id).name == changed

    with pytest.raises(CommandError, match=f"record {record_id} ") as failed:
        call_command("verify_log", stdout=io.StringIO(), stderr=io.StringIO())

    assert failed.value.returncode == 1
    problem = f"record {record_id} (leaf {leaf}) does not match its leaf hash"
    assert problem in str(failed.value)
    report = verify_log(chunk=chunk)
    assert (report.ok, report.first_problem, report.records) == (False, problem, leaf)


def test_it_notices_a_timestamp_moved_by_one_microsecond(sealed: list[int]) -> None:
    record_id = sealed[3]
    end_time = ProcessingRecord.objects.get(id=record_id).end_time
    moved = end_time + timedelta(microseconds=1)
    _behind_the_back(
        RECORDS,
        f"UPDATE {RECORDS} SET end_time = %s WHERE id = %s",  # noqa: S608
        [connection.ops.adapt_datetimefield_value(moved), record_id],
    )

    assert _first_problem() == f"record {record_id} (leaf 3) does not match its leaf hash"


def test_it_names_the_first_of_two_changed_records(sealed: list[int]) -> None:
    for leaf in (9, 4):
        _behind_the_back(
            RECORDS,
            f"UPDATE {RECORDS} SET actor_id = 'someone else' WHERE id = %s",  # noqa: S608
            [sealed[leaf]],
        )

    assert _first_problem(chunk=8).startswith(f"record {sealed[4]} (leaf 4) ")


def test_it_names_a_record_deleted_without_a_journal_entry(sealed: list[int]) -> None:
    record_id = sealed[5]
    _behind_the_back(RECORDS, f"DELETE FROM {RECORDS} WHERE id = %s", [record_id])  # noqa: S608

    assert _first_problem() == (
        f"record {record_id} (leaf 5) was deleted without a retention journal entry"
    )


def test_it_notices_a_changed_leaf_hash(sealed: list[int]) -> None:
    _behind_the_back(
        LEAVES,
        f'UPDATE {LEAVES} SET leaf_hash = %s WHERE "index" = 6',  # noqa: S608
        [bytes(32)],
    )

    assert _first_problem() == (
        f"the stored leaf hash of leaf 6 (record {sealed[6]}) was changed: the record and the "
        "tree still agree"
    )


def test_it_notices_a_missing_leaf(sealed: list[int]) -> None:
    _behind_the_back(LEAVES, f'DELETE FROM {LEAVES} WHERE "index" = 7', [])  # noqa: S608

    assert _first_problem() == "leaf 7 is missing from the tree"


@pytest.mark.parametrize(("level", "index"), [(0, 2), (1, 3), (2, 1), (3, 0)])
def test_it_notices_a_changed_tree_node(sealed: list[int], level: int, index: int) -> None:
    _behind_the_back(
        NODES,
        f"UPDATE {NODES} SET hash = %s WHERE key = %s",  # noqa: S608
        [bytes(32), TreeNode.key_for(level, index)],
    )

    for chunk in (1, 4, 1 << 14):
        assert _first_problem(chunk) == (
            f"tree node (level {level}, index {index}) does not match the records"
        )


def test_it_notices_a_missing_tree_node(sealed: list[int]) -> None:
    _behind_the_back(
        NODES,
        f"DELETE FROM {NODES} WHERE key = %s",  # noqa: S608
        [TreeNode.key_for(1, 2)],
    )

    assert _first_problem() == "tree node (level 1, index 2) is missing"


def test_it_notices_a_changed_checkpoint_root(sealed: list[int]) -> None:
    size = Checkpoint.objects.order_by("size").values_list("size", flat=True)[1]
    _behind_the_back(
        CHECKPOINTS,
        f"UPDATE {CHECKPOINTS} SET root_hash = %s WHERE size = %s",  # noqa: S608
        [bytes(32), size],
    )

    assert _first_problem() == (
        f"checkpoint {size}: its root hash does not match the tree recomputed from the records"
    )


def test_it_notices_a_checkpoint_signed_by_another_key(sealed: list[int]) -> None:
    checkpoint = Checkpoint.objects.order_by("size")[2]
    body = checkpoint.note.encode()[: checkpoint.note.encode().rindex(b"\n\n") + 1]
    name = settings.REGIE_LOG_VERIFIER_KEY.split("+")[0]
    forged = signed_note.sign_note(body, signed_note.generate_signer(name))
    _behind_the_back(
        CHECKPOINTS,
        f"UPDATE {CHECKPOINTS} SET note = %s WHERE size = %s",  # noqa: S608
        [forged.decode(), checkpoint.size],
    )

    assert _first_problem() == (
        f"checkpoint {checkpoint.size}: its signed note does not verify with the current key or "
        "a retired key valid at that size"
    )


def test_it_accepts_a_retired_key_only_up_to_its_last_size(sealed: list[int], settings) -> None:
    sizes = list(Checkpoint.objects.order_by("size").values_list("size", flat=True))
    old_verifier = settings.REGIE_LOG_VERIFIER_KEY
    new_signer = signed_note.generate_signer("regie.rotated")
    settings.REGIE_LOG_SIGNING_KEY = new_signer
    settings.REGIE_LOG_VERIFIER_KEY = signed_note.verifier_for(new_signer)
    settings.REGIE_LOG_RETIRED_VERIFIERS = [(old_verifier, sizes[-1])]

    assert verify_log().ok

    settings.REGIE_LOG_RETIRED_VERIFIERS = [(old_verifier, sizes[0])]
    assert _first_problem() == (
        f"checkpoint {sizes[1]}: its signed note does not verify with the current key or "
        "a retired key valid at that size"
    )


def test_it_notices_a_note_that_signs_another_checkpoint(sealed: list[int]) -> None:
    first, second = Checkpoint.objects.order_by("size")[:2]
    _behind_the_back(
        CHECKPOINTS,
        f"UPDATE {CHECKPOINTS} SET note = %s WHERE size = %s",  # noqa: S608
        [first.note, second.size],
    )

    assert _first_problem() == (
        f"checkpoint {second.size}: its signed note signs another checkpoint (origin "
        f"{first.origin}, size {first.size})"
    )


def test_it_notices_a_checkpoint_beyond_the_tree(sealed: list[int]) -> None:
    latest = Checkpoint.objects.order_by("-size")[0]
    Checkpoint.objects.create(
        size=latest.size + 5, root_hash=latest.root_hash, origin=latest.origin, note=latest.note
    )

    assert _first_problem() == f"checkpoint {latest.size + 5} is larger than the tree"


def test_it_notices_a_record_the_sealer_missed(sealed: list[int]) -> None:
    """A record further back than the sealer looks for late commits will never be sealed."""
    version = activity_version_in_force(builtin.REGISTER_RESIDENT)
    now = timezone.now()
    fields = {
        "trace_id": new_trace_id(),
        "span_id": new_span_id(),
        "name": "case.read",
        "start_time": now,
        "end_time": now,
        "resource": "regie",
        "activity_uri": builtin.REGISTER_RESIDENT,
        "activity_version": version,
        "data_subject_id": "0" * 64,
        "data_subject_id_type": SUBJECT_ID_TYPE,
        "actor_kind": ActorKind.SYSTEM,
        "actor_id": "test",
    }
    newest = max(sealed) + 2 * LATE_COMMIT_WINDOW
    ProcessingRecord.objects.create(id=newest, **fields)
    log_seal_all()
    assert verify_log().ok

    skipped = ProcessingRecord.objects.create(id=max(sealed) + 1, **fields)
    log_seal_all()

    assert not LogLeaf.objects.filter(record_id=skipped.id).exists()
    assert _first_problem() == f"record {skipped.id} has no leaf: the sealer missed it"
