"""Proofs on request: every sealed record is provably in every checkpoint since its sealing,
every two checkpoints are provably consistent, and impossible proofs are refused."""

from itertools import combinations

import pytest

from regie.conftest import People
from regie.processing_log import merkle
from regie.processing_log.models import Checkpoint, LogLeaf, ProcessingRecord
from regie.processing_log.records import HASHED_FIELDS, record_bytes
from regie.processing_log.selectors import (
    ProofError,
    consistency_proof,
    inclusion_proof,
    latest_checkpoint,
)
from regie.processing_log.services import log_seal_all
from regie.processing_log.tests.factories import process


@pytest.fixture
def checkpoints(people: People) -> list[Checkpoint]:
    log_seal_all()
    for times in (1, 4, 7, 3):
        process(people.consulent, people.bram, times)
        log_seal_all()
    return list(Checkpoint.objects.order_by("size"))


def test_it_proves_every_record_is_in_every_checkpoint_since_its_sealing(
    checkpoints: list[Checkpoint],
) -> None:
    latest = latest_checkpoint()
    assert latest == checkpoints[-1]
    records = ProcessingRecord.objects.values_list(*HASHED_FIELDS)
    assert len(records) == latest.size

    for values in records:
        proof = inclusion_proof(record_id=values[0])
        assert proof.tree_size == latest.size
        assert proof.leaf_hash == merkle.leaf_hash(record_bytes(values))
        root = bytes(latest.root_hash)
        assert merkle.verify_inclusion(
            proof.leaf_hash, proof.leaf_index, latest.size, proof.path, root
        )
        for checkpoint in checkpoints:
            if proof.leaf_index < checkpoint.size:
                older = inclusion_proof(record_id=values[0], tree_size=checkpoint.size)
                assert merkle.verify_inclusion(
                    older.leaf_hash,
                    older.leaf_index,
                    checkpoint.size,
                    older.path,
                    bytes(checkpoint.root_hash),
                )


def test_it_gives_no_proof_that_fits_another_root(checkpoints: list[Checkpoint]) -> None:
    record_id = LogLeaf.objects.get(index=3).record_id
    proof = inclusion_proof(record_id=record_id)
    other_root = bytes(checkpoints[-2].root_hash)

    assert not merkle.verify_inclusion(
        proof.leaf_hash, proof.leaf_index, proof.tree_size, proof.path, other_root
    )
    assert not merkle.verify_inclusion(
        proof.leaf_hash,
        proof.leaf_index + 1,
        proof.tree_size,
        proof.path,
        bytes(checkpoints[-1].root_hash),
    )


def test_it_proves_every_two_checkpoints_consistent(checkpoints: list[Checkpoint]) -> None:
    assert len(checkpoints) == 5
    for old, new in combinations(checkpoints, 2):
        proof = consistency_proof(old_size=old.size, new_size=new.size)
        assert merkle.verify_consistency(
            old.size, new.size, bytes(old.root_hash), bytes(new.root_hash), proof
        )
        assert not merkle.verify_consistency(
            old.size, new.size, bytes(new.root_hash), bytes(new.root_hash), proof
        )


def test_it_refuses_a_proof_for_a_tree_larger_than_the_latest_checkpoint(
    checkpoints: list[Checkpoint],
) -> None:
    size = checkpoints[-1].size + 1
    record_id = LogLeaf.objects.get(index=0).record_id

    with pytest.raises(ProofError, match=f"tree_size {size} is larger"):
        inclusion_proof(record_id=record_id, tree_size=size)
    with pytest.raises(ProofError, match=f"new_size {size} is larger"):
        consistency_proof(old_size=1, new_size=size)
    with pytest.raises(ProofError, match="old_size must be at least 1"):
        consistency_proof(old_size=0, new_size=size - 1)


def test_it_refuses_a_proof_for_an_unsealed_record(
    people: People, checkpoints: list[Checkpoint]
) -> None:
    process(people.consulent, people.bram, 1)
    unsealed = ProcessingRecord.objects.order_by("-id").values_list("id", flat=True)[0]
    assert not LogLeaf.objects.filter(record_id=unsealed).exists()

    with pytest.raises(ProofError, match="not sealed"):
        inclusion_proof(record_id=unsealed)


def test_it_refuses_a_proof_for_a_record_sealed_after_the_tree_asked_for(
    checkpoints: list[Checkpoint],
) -> None:
    first = checkpoints[0].size
    record_id = LogLeaf.objects.get(index=first).record_id

    with pytest.raises(ProofError, match=f"outside a tree of {first} leaves"):
        inclusion_proof(record_id=record_id, tree_size=first)


def test_it_refuses_proofs_before_the_first_checkpoint(people: People) -> None:
    record_id = ProcessingRecord.objects.values_list("id", flat=True)[0]

    with pytest.raises(ProofError, match="no checkpoint"):
        inclusion_proof(record_id=record_id)
    with pytest.raises(ProofError, match="no checkpoint"):
        consistency_proof(old_size=1, new_size=1)
