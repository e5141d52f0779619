"""Reads of the processing log: checkpoints and proofs. (A resident's records are read
through `records_for`, which the read API and the portal use.)"""

from dataclasses import dataclass

from regie.processing_log import merkle
from regie.processing_log.models import Checkpoint, LogLeaf
from regie.processing_log.store import DatabaseNodeStore


class ProofError(ValueError):
    """A proof was asked for that the log cannot give."""


@dataclass(frozen=True)
class InclusionProof:
    leaf_index: int
    leaf_hash: bytes
    tree_size: int
    path: list[bytes]


def latest_checkpoint() -> Checkpoint | None:
    return Checkpoint.objects.order_by("-size").first()


def checkpoint_at(size: int) -> Checkpoint | None:
    return Checkpoint.objects.filter(size=size).first()


def inclusion_proof(*, record_id: int, tree_size: int | None = None) -> InclusionProof:
    """The proof that record RECORD_ID is in the tree of TREE_SIZE leaves (by default the
    latest checkpoint's)."""
    latest = latest_checkpoint()
    if latest is None:
        raise ProofError("the log has no checkpoint yet")
    size = latest.size if tree_size is None else tree_size
    if size > latest.size:
        raise ProofError(f"tree_size {size} is larger than the latest checkpoint ({latest.size})")
    leaf = LogLeaf.objects.filter(record_id=record_id).first()
    if leaf is None:
        raise ProofError("this record is not sealed into the tree yet")
    if leaf.index >= size:
        raise ProofError(f"the record is leaf {leaf.index}, outside a tree of {size} leaves")
    path = merkle.inclusion_proof(DatabaseNodeStore(), leaf.index, size)
    return InclusionProof(leaf.index, bytes(leaf.leaf_hash), size, path)


def consistency_proof(*, old_size: int, new_size: int) -> list[bytes]:
    latest = latest_checkpoint()
    if latest is None:
        raise ProofError("the log has no checkpoint yet")
    if new_size > latest.size:
        raise ProofError(
            f"new_size {new_size} is larger than the latest checkpoint ({latest.size})"
        )
    if not 0 < old_size <= new_size:
        raise ProofError("old_size must be at least 1 and at most new_size")
    return merkle.consistency_proof(DatabaseNodeStore(), old_size, new_size)
