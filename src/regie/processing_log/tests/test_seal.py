"""Sealing: every committed record gets a leaf, the tree gets a signed checkpoint, nothing is
written twice, and a record that commits late is still sealed."""

import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from regie.conftest import People
from regie.processing_log import merkle, signed_note
from regie.processing_log.gate import SUBJECT_ID_TYPE, processing
from regie.processing_log.models import (
    ActorKind,
    Checkpoint,
    LogLeaf,
    ProcessingRecord,
    TreeNode,
)
from regie.processing_log.records import HASHED_FIELDS, new_span_id, new_trace_id, record_bytes
from regie.processing_log.selectors import latest_checkpoint
from regie.processing_log.services import log_seal, log_seal_all
from regie.processing_log.verify import verify_log
from regie.register import builtin
from regie.register.selectors import activity_version_in_force


def _process(people: People, times: int = 1) -> None:
    for _ in range(times):
        with (
            transaction.atomic(),
            processing(
                activity=builtin.REGISTER_RESIDENT,
                actor=people.consulent,
                name="case.read",
                subjects=[people.anna],
            ),
        ):
            pass


def _record(record_id: int) -> ProcessingRecord:
    """A record with a chosen id, as a transaction that took its id early would leave it."""
    now = timezone.now()
    return ProcessingRecord.objects.create(
        id=record_id,
        trace_id=new_trace_id(),
        span_id=new_span_id(),
        name="case.read",
        start_time=now,
        end_time=now,
        resource="regie",
        activity_uri=builtin.REGISTER_RESIDENT,
        activity_version=activity_version_in_force(builtin.REGISTER_RESIDENT),
        data_subject_id="0" * 64,
        data_subject_id_type=SUBJECT_ID_TYPE,
        actor_kind=ActorKind.SYSTEM,
        actor_id="test",
    )


def _counts() -> tuple[int, int, int]:
    return LogLeaf.objects.count(), TreeNode.objects.count(), Checkpoint.objects.count()


def test_it_gives_every_committed_record_a_leaf_and_a_signed_checkpoint(people: People) -> None:
    results = log_seal_all()

    records = set(ProcessingRecord.objects.values_list("id", flat=True))
    leaves = list(LogLeaf.objects.order_by("index").values_list("index", "record_id", "leaf_hash"))
    assert records and sum(result.sealed for result in results) == len(records)
    assert [index for index, _, _ in leaves] == list(range(len(records)))
    assert {record_id for _, record_id, _ in leaves} == records
    for _, record_id, leaf in leaves:
        values = ProcessingRecord.objects.filter(id=record_id).values_list(*HASHED_FIELDS)[0]
        assert bytes(leaf) == merkle.leaf_hash(record_bytes(values))

    checkpoint = latest_checkpoint()
    assert checkpoint is not None and checkpoint.size == len(records)
    assert bytes(checkpoint.root_hash) == merkle.verify_leaves([bytes(h) for _, _, h in leaves])
    signed = signed_note.open_note(checkpoint.note.encode(), settings.REGIE_LOG_VERIFIER_KEY)
    assert signed == signed_note.Checkpoint(
        settings.REGIE_LOG_ORIGIN, checkpoint.size, bytes(checkpoint.root_hash)
    )


def test_it_writes_nothing_when_nothing_is_new(people: People) -> None:
    log_seal_all()
    before = _counts()

    assert log_seal_all() == []
    assert log_seal().sealed == 0
    assert _counts() == before


def test_it_seals_new_records_on_top_of_the_tree(people: People) -> None:
    log_seal_all()
    first = latest_checkpoint()
    _process(people, 3)

    (result,) = log_seal_all()

    assert first is not None and result.checkpoint is not None
    assert result.sealed == 3 and result.checkpoint.size == first.size + 3
    leaves = LogLeaf.objects.order_by("index").values_list("leaf_hash", flat=True)
    assert bytes(result.checkpoint.root_hash) == merkle.verify_leaves([bytes(h) for h in leaves])
    assert verify_log().ok


def test_it_seals_a_record_that_commits_after_a_later_one(people: People) -> None:
    log_seal_all()
    newest = ProcessingRecord.objects.order_by("-id").values_list("id", flat=True)[0]
    _record(newest + 100)
    log_seal_all()

    # A transaction that took id newest + 50 before the other one, and committed after it
    # was sealed.
    late = _record(newest + 50)
    (result,) = log_seal_all()

    assert result.sealed == 1 and result.checkpoint is not None
    assert LogLeaf.objects.get(record_id=late.id).index == result.checkpoint.size - 1
    assert verify_log().ok


def test_it_prints_what_seal_log_sealed(people: People) -> None:
    records = ProcessingRecord.objects.count()
    out = io.StringIO()
    call_command("seal_log", "--once", stdout=out)
    assert out.getvalue() == f"Sealed {records} records; checkpoint {records} is signed.\n"

    again = io.StringIO()
    call_command("seal_log", "--once", stdout=again)
    assert again.getvalue() == ""
    assert LogLeaf.objects.count() == records


def test_it_refuses_to_seal_every_zero_seconds(db: None) -> None:
    with pytest.raises(CommandError, match="--every"):
        call_command("seal_log", "--every", "0")


def test_it_makes_a_signing_key_whose_checkpoints_verify(people: People) -> None:
    out = io.StringIO()
    call_command("log_signing_key", "regie.example.nl", stdout=out)
    signer, verifier, advice = out.getvalue().splitlines()

    assert signer.startswith("PRIVATE+KEY+regie.example.nl+")
    assert verifier == signed_note.verifier_for(signer)
    assert "REGIE_LOG_SIGNING_KEY" in advice and "publish" in advice
    with override_settings(REGIE_LOG_SIGNING_KEY=signer, REGIE_LOG_VERIFIER_KEY=verifier):
        log_seal_all()
        checkpoint = latest_checkpoint()
        assert checkpoint is not None
        assert signed_note.open_note(checkpoint.note.encode(), verifier).size == checkpoint.size
        assert verify_log().ok
    with pytest.raises(signed_note.NoteError):
        signed_note.open_note(checkpoint.note.encode(), settings.REGIE_LOG_VERIFIER_KEY)


def test_it_refuses_a_key_name_with_a_space(db: None) -> None:
    with pytest.raises(CommandError, match="key name"):
        call_command("log_signing_key", "two words")
