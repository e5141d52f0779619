"""Writes of the processing log besides the records themselves (see gate.py): sealing the
tree into signed checkpoints, and retention."""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, Max, OuterRef

from regie.processing_log import merkle, signed_note
from regie.processing_log.bulk import append_rows
from regie.processing_log.models import Checkpoint, LogLeaf, ProcessingRecord
from regie.processing_log.records import HASHED_FIELDS, record_bytes
from regie.processing_log.store import DatabaseNodeStore

# Records commit out of id order when transactions overlap. The sealer looks this many ids
# back from the highest sealed record for late commits; verify_log reports any it missed.
LATE_COMMIT_WINDOW = 10_000
_LOCK_ID = 0x5E6E_1E06


@dataclass(frozen=True)
class SealResult:
    checkpoint: Checkpoint | None
    sealed: int


def _lock() -> None:
    """One sealer at a time. PostgreSQL: a transaction-scoped advisory lock; SQLite takes its
    database write lock at the first insert and a second sealer fails on the leaf key."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_ID])


@transaction.atomic
def log_seal(*, batch: int = 50_000) -> SealResult:
    """Give up to BATCH committed, unsealed records a leaf, store the completed subtrees and
    sign a checkpoint of the new tree. Idempotent: with nothing new it does nothing."""
    _lock()
    last = LogLeaf.objects.aggregate(index=Max("index"), record=Max("record_id"))
    size = 0 if last["index"] is None else last["index"] + 1
    floor = (last["record"] or 0) - LATE_COMMIT_WINDOW
    rows = list(
        ProcessingRecord.objects.filter(id__gt=floor)
        .exclude(Exists(LogLeaf.objects.filter(record_id=OuterRef("id"))))
        .order_by("id")
        .values_list(*HASHED_FIELDS)[:batch]
    )
    if not rows:
        return SealResult(None, 0)
    hashes = [merkle.leaf_hash(record_bytes(row)) for row in rows]
    store = DatabaseNodeStore()
    nodes = merkle.nodes_for_append(store, size, hashes)
    append_rows(
        LogLeaf,
        ["index", "record_id", "leaf_hash"],
        (
            (size + offset, row[0], leaf)
            for offset, (row, leaf) in enumerate(zip(rows, hashes, strict=True))
        ),
    )
    store.put_many(nodes)
    new_size = size + len(rows)
    checkpoint = _checkpoint(new_size, merkle.root(store, new_size))
    return SealResult(checkpoint, len(rows))


def _checkpoint(size: int, root: bytes) -> Checkpoint:
    body = signed_note.format_checkpoint(settings.REGIE_LOG_ORIGIN, size, root)
    note = signed_note.sign_note(body, settings.REGIE_LOG_SIGNING_KEY)
    return Checkpoint.objects.create(
        size=size, root_hash=root, origin=settings.REGIE_LOG_ORIGIN, note=note.decode()
    )


def log_seal_all() -> list[SealResult]:
    """Seal until nothing is left (each batch in its own transaction)."""
    results = []
    while (result := log_seal()).sealed:
        results.append(result)
    return results
