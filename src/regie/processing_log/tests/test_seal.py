"""Sealing: every committed record gets a leaf, the tree gets a signed checkpoint, nothing is
written twice, and a record that commits late is still sealed."""

import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

from regie.conftest import People
from regie.processing_log import merkle, signed_note
from regie.processing_log.models import (
    Checkpoint,
    LogLeaf,
    ProcessingRecord,
    TreeNode,
)
from regie.processing_log.records import HASHED_FIELDS, record_bytes
from regie.processing_log.selectors import latest_checkpoint
from regie.processing_log.services import log_seal, log_seal_all
from regie.processing_log.tests.factories import process, raw_record
from regie.processing_log.verify import verify_log


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
    process(people.consulent, people.anna, 3)

    (result,) = log_seal_all()

    assert first is not None and result.checkpoint is not None
    assert result.sealed == 3 and result.checkpoint.size == first.size + 3
    leaves = LogLeaf.objects.order_by("index").values_list("leaf_hash", flat=True)
    assert bytes(result.checkpoint.root_hash) == merkle.verify_leaves([bytes(h) for h in leaves])
    assert verify_log().ok


def test_it_seals_a_record_that_commits_after_a_later_one(people: People) -> None:
    log_seal_all()
    newest = ProcessingRecord.objects.order_by("-id").values_list("id", flat=True)[0]
    raw_record(record_id=newest + 100)
    log_seal_all()

    # A transaction that took id newest + 50 before the other one, and committed after it
    # was sealed.
    late = raw_record(record_id=newest + 50)
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
