"""Making processing-log records for tests: through the gate, as the application does, or
directly, as another system's ingest or a transaction with an early id would leave them."""

import base64
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from regie.accounts.models import Resident, User
from regie.processing_log.gate import SUBJECT_ID_TYPE, processing
from regie.processing_log.models import ActorKind, Checkpoint, ProcessingRecord
from regie.processing_log.records import new_span_id, new_trace_id
from regie.register import builtin
from regie.register.selectors import activity_version_in_force


def process(actor: User, subject: Resident, times: int = 1) -> int:
    """TIMES processings of SUBJECT's data by ACTOR, each in its own transaction; returns the
    id of the last record."""
    for _ in range(times):
        with (
            transaction.atomic(),
            processing(
                activity=builtin.REGISTER_RESIDENT,
                actor=actor,
                name="case.read",
                subjects=[subject],
            ),
        ):
            pass
    return ProcessingRecord.objects.order_by("-id").values_list("id", flat=True)[0]


def raw_record(*, record_id: int | None = None, moment: datetime | None = None) -> ProcessingRecord:
    """A record written without the gate, about nobody Regie knows."""
    moment = moment or timezone.now()
    return ProcessingRecord.objects.create(
        id=record_id,
        trace_id=new_trace_id(),
        span_id=new_span_id(),
        name="case.read",
        start_time=moment,
        end_time=moment,
        resource="regie",
        activity_uri=builtin.REGISTER_RESIDENT,
        activity_version=activity_version_in_force(builtin.REGISTER_RESIDENT),
        data_subject_id="0" * 64,
        data_subject_id_type=SUBJECT_ID_TYPE,
        actor_kind=ActorKind.SYSTEM,
        actor_id="test",
    )


def tamper_signature(checkpoint: Checkpoint) -> None:
    """Flip one bit of the checkpoint's Ed25519 signature, as someone with database access
    would (on PostgreSQL with the append-only trigger switched off for the moment)."""
    body, signature_line = checkpoint.note.rstrip("\n").rsplit("\n", 1)
    prefix, encoded = signature_line.rsplit(" ", 1)
    raw = bytearray(base64.b64decode(encoded))
    raw[-1] ^= 1
    note = f"{body}\n{prefix} {base64.b64encode(bytes(raw)).decode()}\n"
    table = Checkpoint._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        cursor.execute(f"UPDATE {table} SET note = %s WHERE id = %s", [note, checkpoint.pk])  # noqa: S608
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
