"""`verify_log`: recompute the processing log from its records and check every stored hash,
every checkpoint signature and the consistency of consecutive checkpoints.

The leaves are streamed in index order, one chunk (a perfect subtree of CHUNK leaves) at a
time, with the records they were made from, so memory stays the same however long the log
grows. Each chunk is hashed level by level in memory and compared with the stored TreeNode
rows; the roots of the chunks before it are kept as the short list of perfect-subtree hashes
from which the root of any checkpoint inside the chunk follows. The first problem, in leaf
order, ends the run and is named.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BigIntegerField, DateTimeField, Exists, Func, Max, OuterRef
from django.db.models.sql.compiler import SQLCompiler

from regie.processing_log import merkle, signed_note
from regie.processing_log.models import (
    Checkpoint,
    LogLeaf,
    ProcessingRecord,
    PrunedRecord,
    TreeNode,
)
from regie.processing_log.records import HASHED_FIELDS, record_bytes
from regie.processing_log.services import LATE_COMMIT_WINDOW
from regie.processing_log.store import DatabaseNodeStore

CHUNK = 1 << 14

type Progress = Callable[[int], None]
type Blob = bytes | memoryview
type CheckpointRow = tuple[int, Blob, str, str]
# A node the run recomputed: (level, index, hash).
type Node = tuple[int, int, bytes]


@dataclass(frozen=True)
class Report:
    ok: bool
    records: int
    checkpoints: int
    first_problem: str | None = None


class _Problem(Exception):
    pass


def verify_log(*, progress: Progress | None = None, chunk: int = CHUNK) -> Report:
    """Check the log as it stands when the run starts; PROGRESS gets the number of leaves
    checked after every CHUNK leaves (a power of two)."""
    if chunk < 1 or chunk & (chunk - 1):
        raise ValueError(f"chunk must be a power of two, got {chunk}")
    return _Verification(progress, chunk).run()


class _EpochMicros(Func):
    """A timestamp as whole microseconds since the Unix epoch, worked out by the database: the
    text record_bytes() makes of a datetime, without loading a datetime object per value."""

    output_field = BigIntegerField()

    def get_db_converters(self, connection: BaseDatabaseWrapper) -> list[Any]:
        return []  # both databases already give an int; a converter per value costs time

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> tuple[str, tuple[str | int, ...]]:
        # EXTRACT(EPOCH ...) is an exact numeric from PostgreSQL 14 on.
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(EXTRACT(EPOCH FROM {sql}) * 1000000)::bigint", params

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> tuple[str, tuple[str | int, ...]]:
        # Django keeps UTC as 'YYYY-MM-DD HH:MM:SS[.ffffff]'. The whole seconds go through
        # strftime (exact, also before 1970); the six digits after the point are the micros.
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"(CAST(strftime('%%s', substr({sql}, 1, 19)) AS INTEGER) * 1000000"
            f" + CAST(substr({sql} || '.000000', 21, 6) AS INTEGER))",
            (*params, *params),
        )


def _record_columns() -> tuple[list[str], dict[str, _EpochMicros]]:
    names, annotations = [], {}
    for name in HASHED_FIELDS:
        if isinstance(ProcessingRecord._meta.get_field(name), DateTimeField):
            annotations[f"{name}_micros"] = _EpochMicros(name)
            name = f"{name}_micros"
        names.append(name)
    return names, annotations


class _Verification:
    def __init__(self, progress: Progress | None, chunk: int) -> None:
        self.progress = progress
        self.chunk = chunk
        self.chunk_level = chunk.bit_length() - 1
        self.records = 0
        self.checkpoints = 0
        self.max_record_id = 0
        # The perfect subtrees left of the current chunk, largest first, as (level, index,
        # hash); the root of every tree ending inside the chunk folds these in.
        self.left: list[Node] = []
        self.previous: tuple[int, bytes] | None = None
        self.store = DatabaseNodeStore()
        self.columns, self.annotations = _record_columns()

    def run(self) -> Report:
        size = _tree_size()
        checkpoints = _Lookahead(_checkpoint_rows(size))
        try:
            for start in range(0, size, self.chunk):
                self._chunk(start, min(self.chunk, size - start), checkpoints)
                if self.progress is not None:
                    self.progress(self.records)
            self._after(size)
        except _Problem as problem:
            return Report(False, self.records, self.checkpoints, str(problem))
        return Report(True, self.records, self.checkpoints)

    def _chunk(self, start: int, count: int, checkpoints: "_Lookahead") -> None:
        leaves = list(
            LogLeaf.objects.filter(index__gte=start, index__lt=start + count)
            .order_by("index")
            .values_list("index", "record_id", "leaf_hash")
        )
        problems: list[tuple[int, int, str]] = []
        if len(leaves) != count:
            count = next(
                i for i, row in enumerate([*leaves, None]) if not row or row[0] != start + i
            )
            problems.append((start + count, -1, f"leaf {start + count} is missing from the tree"))
            if not count:
                raise _Problem(problems[0][2])
            leaves = leaves[:count]
        record_ids = [record_id for _, record_id, _ in leaves]
        stored = [bytes(value) for _, _, value in leaves]
        hashes, unjournaled = self._leaf_hashes(start, count, record_ids, stored)
        levels = _levels(hashes)
        upper, completed = self._merge_upper(start, count, levels)
        for problem in (
            self._leaf_problem(start, record_ids, stored, hashes, unjournaled),
            self._node_problem(start, levels, completed),
        ):
            if problem is not None:
                problems.append(problem)
        first = min(problems, default=None)
        self.records = first[0] if first else start + count
        while (row := checkpoints.peek()) is not None and row[0] <= self.records:
            self._check_checkpoint(next(checkpoints), self._root(levels, start, row[0]))
        if first is not None:
            raise _Problem(first[2])
        self.max_record_id = max(self.max_record_id, max(record_ids))
        self.left = upper

    def _leaf_hashes(
        self, start: int, count: int, record_ids: list[int], stored: list[bytes]
    ) -> tuple[list[bytes], list[int]]:
        """The leaf hash of each record recomputed; a pruned record's stored hash stands in.
        Also the offsets of leaves whose record is gone without a journal entry."""
        chunk_records = LogLeaf.objects.filter(index__gte=start, index__lt=start + count).values(
            "record_id"
        )
        records = {
            row[0]: row
            for row in ProcessingRecord.objects.filter(id__in=chunk_records)
            .annotate(**self.annotations)
            .values_list(*self.columns)
        }
        leaf_hash = merkle.leaf_hash
        hashes = [
            leaf_hash(record_bytes(row)) if (row := records.get(record_id)) else stored[offset]
            for offset, record_id in enumerate(record_ids)
        ]
        gone = [offset for offset, record_id in enumerate(record_ids) if record_id not in records]
        if not gone:
            return hashes, []
        pruned = set(
            PrunedRecord.objects.filter(record_id__in=chunk_records).values_list(
                "record_id", flat=True
            )
        )
        return hashes, [offset for offset in gone if record_ids[offset] not in pruned]

    def _leaf_problem(
        self,
        start: int,
        record_ids: list[int],
        stored: list[bytes],
        hashes: list[bytes],
        unjournaled: list[int],
    ) -> tuple[int, int, str] | None:
        mismatch = (
            None
            if hashes == stored
            else next(i for i, (a, b) in enumerate(zip(hashes, stored, strict=True)) if a != b)
        )
        offsets = [offset for offset in (mismatch, *unjournaled[:1]) if offset is not None]
        if not offsets:
            return None
        offset = min(offsets)
        index, record_id = start + offset, record_ids[offset]
        if offset in unjournaled:
            message = (
                f"record {record_id} (leaf {index}) was deleted without a retention journal entry"
            )
        elif self._stored_node(0, index) == hashes[offset]:
            message = (
                f"the stored leaf hash of leaf {index} (record {record_id}) was changed: the "
                "record and the tree still agree"
            )
        else:
            message = f"record {record_id} (leaf {index}) does not match its leaf hash"
        return index, 0, message

    def _stored_node(self, level: int, index: int) -> bytes | None:
        value = (
            TreeNode.objects.filter(key=TreeNode.key_for(level, index))
            .values_list("hash", flat=True)
            .first()
        )
        return None if value is None else bytes(value)

    def _merge_upper(
        self, start: int, count: int, levels: list[list[bytes]]
    ) -> tuple[list[Node], list[Node]]:
        """The subtrees left of the next chunk (this chunk's root merged into self.left), and
        the larger subtrees that merging completes."""
        if count < self.chunk:
            return self.left, []
        level = self.chunk_level
        stack = [*self.left, (level, start >> level, levels[level][0])]
        completed: list[Node] = []
        while len(stack) > 1 and stack[-2][0] == stack[-1][0]:
            (level, index, left), (_, _, right) = stack[-2], stack[-1]
            stack[-2:] = [(level + 1, index >> 1, merkle.node_hash(left, right))]
            completed.append(stack[-1])
        return stack, completed

    def _node_problem(
        self, start: int, levels: list[list[bytes]], completed: list[Node]
    ) -> tuple[int, int, str] | None:
        """The first stored node, in leaf order, that is missing or differs from the recomputed
        one: every node of this chunk and the larger subtrees it completes."""
        rows: list[tuple[list[tuple[int, Blob]], list[Node]]] = []
        # Level 0 holds the leaf hashes again: the database compares it with LogLeaf, whose
        # hashes were compared with the records, so a million hashes need not travel twice.
        differing = (
            LogLeaf.objects.filter(index__gte=start, index__lt=start + len(levels[0]))
            .exclude(
                Exists(TreeNode.objects.filter(key=OuterRef("index"), hash=OuterRef("leaf_hash")))
            )
            .order_by("index")
            .values_list("index", flat=True)
            .first()
        )
        if differing is not None:
            node = self._stored_node(0, differing)
            rows.append(
                (
                    [] if node is None else [(differing, node)],
                    [(0, differing, levels[0][differing - start])],
                )
            )
        for level, hashes in enumerate(levels[1:], start=1):
            first = TreeNode.key_for(level, start >> level)
            stored = list(
                TreeNode.objects.filter(key__gte=first, key__lt=first + len(hashes))
                .order_by("key")
                .values_list("key", "hash")
            )
            if [bytes(value) for _, value in stored] != hashes:
                offset = start >> level
                rows.append((stored, [(level, offset + i, h) for i, h in enumerate(hashes)]))
        if completed:
            stored = list(
                TreeNode.objects.filter(
                    key__in=[TreeNode.key_for(level, index) for level, index, _ in completed]
                )
                .order_by("key")
                .values_list("key", "hash")
            )
            rows.append((stored, completed))
        problems = []
        for stored, expected in rows:
            found = {key: bytes(value) for key, value in stored}
            for level, index, value in expected:
                node = found.get(TreeNode.key_for(level, index))
                if node != value:
                    what = "is missing" if node is None else "does not match the records"
                    problems.append(
                        (
                            ((index + 1) << level) - 1,
                            1,
                            f"tree node (level {level}, index {index}) {what}",
                        )
                    )
                    break
        return min(problems, default=None)

    def _root(self, levels: list[list[bytes]], start: int, size: int) -> bytes:
        """MTH of the first SIZE leaves, start < SIZE <= the end of this chunk."""
        hashes = [value for _, _, value in self.left]
        prefix, offset = size - start, 0
        for level in range(prefix.bit_length() - 1, -1, -1):
            if prefix >> level & 1:
                hashes.append(levels[level][offset >> level])
                offset += 1 << level
        if not hashes:
            return merkle.EMPTY_ROOT
        root = hashes[-1]
        for value in reversed(hashes[:-1]):
            root = merkle.node_hash(value, root)
        return root

    def _check_checkpoint(self, row: CheckpointRow, root: bytes) -> None:
        size, stored_root, origin, note = row
        stored_root = bytes(stored_root)
        if stored_root != root:
            raise _Problem(
                f"checkpoint {size}: its root hash does not match the tree recomputed from "
                "the records"
            )
        signed = open_checkpoint_note(note, size)
        if signed is None:
            raise _Problem(
                f"checkpoint {size}: its signed note does not verify with the current key or "
                "a retired key valid at that size"
            )
        if (signed.origin, signed.size, signed.root) != (origin, size, stored_root):
            raise _Problem(
                f"checkpoint {size}: its signed note signs another checkpoint (origin "
                f"{signed.origin}, size {signed.size})"
            )
        if self.previous is not None:
            old_size, old_root = self.previous
            try:
                proof = merkle.consistency_proof(self.store, old_size, size)
            except KeyError as exc:
                raise _Problem(
                    f"checkpoints {old_size} and {size}: no consistency proof ({exc})"
                ) from None
            if not merkle.verify_consistency(old_size, size, old_root, stored_root, proof):
                raise _Problem(f"checkpoints {old_size} and {size} are not consistent")
        if size > 0:
            self.previous = (size, stored_root)
        self.checkpoints += 1

    def _after(self, size: int) -> None:
        """What a stream of the leaves cannot see: leaves no checkpoint signs, checkpoints
        beyond the tree, records the sealer skipped."""
        covered = self.previous[0] if self.previous else 0
        if covered != size:
            raise _Problem(f"leaves {covered} to {size - 1} are not covered by a checkpoint")
        largest = Checkpoint.objects.aggregate(size=Max("size"))["size"] or 0
        if largest > _tree_size():
            raise _Problem(f"checkpoint {largest} is larger than the tree")
        # The sealer looks back LATE_COMMIT_WINDOW ids for late commits; a record further
        # back without a leaf will never be sealed.
        missed = (
            ProcessingRecord.objects.filter(id__lte=self.max_record_id - LATE_COMMIT_WINDOW)
            .exclude(Exists(LogLeaf.objects.filter(record_id=OuterRef("id"))))
            .order_by("id")
            .values_list("id", flat=True)
            .first()
        )
        if missed is not None:
            raise _Problem(f"record {missed} has no leaf: the sealer missed it")


def open_checkpoint_note(note: str, size: int) -> signed_note.Checkpoint | None:
    """The checkpoint NOTE signs, if the current signing key signed it, or a retired key whose
    validity (REGIE_LOG_RETIRED_VERIFIERS) reaches SIZE."""
    keys = [settings.REGIE_LOG_VERIFIER_KEY] + [
        key for key, last_size in settings.REGIE_LOG_RETIRED_VERIFIERS if size <= last_size
    ]
    for key in keys:
        try:
            return signed_note.open_note(note.encode(), key)
        except signed_note.NoteError:
            continue
    return None


def checkpoint_signed(checkpoint: Checkpoint) -> bool:
    """Whether CHECKPOINT's signed note verifies with the configured log key and signs exactly
    this row's origin, size and root: a reader that trusts the row's root without this trusts
    whoever can write to the database."""
    signed = open_checkpoint_note(checkpoint.note, checkpoint.size)
    return signed is not None and (signed.origin, signed.size, signed.root) == (
        checkpoint.origin,
        checkpoint.size,
        bytes(checkpoint.root_hash),
    )


def _levels(hashes: list[bytes]) -> list[list[bytes]]:
    """The chunk's complete nodes, level by level; an unpaired last node has no parent yet."""
    levels = [hashes]
    node_hash = merkle.node_hash
    while len(levels[-1]) > 1:
        pairs = iter(levels[-1])
        levels.append([node_hash(left, right) for left, right in zip(pairs, pairs, strict=False)])
    return levels


def _tree_size() -> int:
    last = LogLeaf.objects.aggregate(index=Max("index"))["index"]
    return 0 if last is None else last + 1


def _checkpoint_rows(size: int) -> Iterator[CheckpointRow]:
    """The checkpoints of trees up to SIZE leaves, smallest first, a thousand at a time."""
    last = -1
    while True:
        batch = list(
            Checkpoint.objects.filter(size__gt=last, size__lte=size)
            .order_by("size")
            .values_list("size", "root_hash", "origin", "note")[:1000]
        )
        yield from batch
        if len(batch) < 1000:
            return
        last = batch[-1][0]


class _Lookahead:
    def __init__(self, rows: Iterator[CheckpointRow]) -> None:
        self.rows = rows
        self.head = next(rows, None)

    def peek(self) -> CheckpointRow | None:
        return self.head

    def __next__(self) -> CheckpointRow:
        row = self.head
        if row is None:
            raise StopIteration
        self.head = next(self.rows, None)
        return row
