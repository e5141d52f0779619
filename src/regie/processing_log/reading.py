"""Reading the processing log: records with what the register says about them, and the proof
that each is in the signed tree.

Reading the log is itself a processing of the resident's data (AVG art. 15 for the resident,
supervision for the privacy officer), so a read writes a record of its own under
`builtin.READ_PROCESSING_LOG`, in the same transaction, for every known resident whose records
it returns: the one it names, or each one on a page found by activity, trace or actor.

As in the LDV read extension, a query names a data subject, a processing activity or a trace:
the log is never handed out whole through this door (the OTLP export is the other one). A BSN
is turned into the pseudonym at once; it is neither stored nor echoed.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Q

from regie.accounts.models import Resident, User
from regie.accounts.selectors import subject_pseudonym
from regie.core.bsn import is_valid_bsn, normalise_bsn
from regie.processing_log import merkle
from regie.processing_log.gate import Actor, ProcessingError, processing
from regie.processing_log.models import Checkpoint, LogLeaf, ProcessingRecord
from regie.processing_log.selectors import InclusionProof, latest_checkpoint
from regie.processing_log.store import DatabaseNodeStore
from regie.register import builtin
from regie.register.selectors import UnknownActivity, activity_version_in_force

MAX_LIMIT = 1000
READ_NAME = "processing_log.read"

_TRACE_ID = re.compile(r"[0-9a-f]{32}")
_PSEUDONYM = re.compile(r"[0-9a-f]{64}")


class QueryError(ProcessingError):
    """A read of the log was asked for wrongly; FIELD names the part of the query."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Entry:
    record: ProcessingRecord
    proof: InclusionProof | None  # None while the record waits for the next seal


@dataclass(frozen=True)
class Page:
    entries: list[Entry]
    checkpoint: Checkpoint | None  # the tree every proof on the page is against
    next_before: int | None  # pass as before_id for the next, older page


class _NotAResident(Exception):
    pass


@transaction.atomic
def records_for(
    *,
    actor: "User | Actor",
    data_subject_bsn: str | None = None,
    data_subject_id: str | None = None,
    activity: str | None = None,
    trace_id: str | None = None,
    actor_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 100,
    before_id: int | None = None,
) -> Page:
    """Records matching every criterion given, newest first, LIMIT per page; SINCE and UNTIL
    bound the end time (from inclusive, until exclusive); ACTOR_ID is who acted (a user's
    public id, or a system's name). Raises QueryError naming the field."""
    if data_subject_bsn is not None and data_subject_id is not None:
        raise QueryError("data_subject", "give a BSN or a pseudonym, not both")
    if not (data_subject_bsn or data_subject_id or activity or trace_id or actor_id):
        raise QueryError(
            "data_subject",
            "name a data_subject, a processing_activity_id, a trace_id or an actor; "
            "the log is not read without one of them",
        )
    if data_subject_bsn is not None:
        bsn = normalise_bsn(data_subject_bsn)
        if not is_valid_bsn(bsn):
            raise QueryError("data_subject.bsn", "this is not a valid BSN (it fails the 11-check)")
        data_subject_id = subject_pseudonym(bsn)
    elif data_subject_id is not None and not _PSEUDONYM.fullmatch(data_subject_id):
        raise QueryError("data_subject.pseudonym", "a pseudonym is 64 lowercase hex digits")
    if activity is not None:
        try:
            activity_version_in_force(activity)
        except UnknownActivity as exc:
            raise QueryError("processing_activity_id", str(exc)) from None
    if trace_id is not None and not _TRACE_ID.fullmatch(trace_id):
        raise QueryError("trace_id", "a trace id is 32 lowercase hex digits")
    if since is not None and until is not None and until <= since:
        raise QueryError("until", "must be later than from")
    _check_page(limit, before_id)

    criteria = Q()
    if data_subject_id:
        criteria &= Q(data_subject_id=data_subject_id)
    if activity:
        criteria &= Q(activity_uri=activity)
    if trace_id:
        criteria &= Q(trace_id=trace_id)
    if actor_id:
        criteria &= Q(actor_id=actor_id)
    if since is not None:
        criteria &= Q(end_time__gte=since)
    if until is not None:
        criteria &= Q(end_time__lt=until)
    if not data_subject_id:
        return _page_of_many(actor, criteria, limit, before_id)
    try:
        with processing(
            activity=builtin.READ_PROCESSING_LOG,
            actor=actor,
            name=READ_NAME,
            subjects_follow=True,
        ) as current:
            resident = Resident.objects.filter(subject_pseudonym=data_subject_id).first()
            if resident is None:
                raise _NotAResident
            current.add_subject(resident)
            return _page(criteria, limit, before_id)
    except _NotAResident:
        # Records another system reported about someone Regie does not know: reading them
        # touches no resident of Regie's, so there is nobody to log the read for.
        return _page(criteria, limit, before_id)


@transaction.atomic
def own_records(*, user: User, limit: int = 100, before_id: int | None = None) -> Page:
    """A resident's own records. Raises Resident.DoesNotExist for a log-in of no resident."""
    _check_page(limit, before_id)
    with processing(
        activity=builtin.READ_PROCESSING_LOG, actor=user, name=READ_NAME, subjects_follow=True
    ) as current:
        resident = Resident.objects.filter(user=user).first()
        if resident is None:
            raise Resident.DoesNotExist
        current.add_subject(resident)
        return _page(Q(data_subject_id=resident.subject_pseudonym), limit, before_id)


def _page_of_many(actor: "User | Actor", criteria: Q, limit: int, before_id: int | None) -> Page:
    """A page that may hold records of many residents (a search by activity, trace or actor):
    reading it is a processing of each of them that Regie knows, one record per resident in
    one trace, which is what the insider rule on bulk searches counts."""
    page = _page(criteria, limit, before_id)
    pseudonyms = {entry.record.data_subject_id for entry in page.entries}
    if not pseudonyms:
        return page
    try:
        with processing(
            activity=builtin.READ_PROCESSING_LOG,
            actor=actor,
            name=READ_NAME,
            subjects_follow=True,
        ) as current:
            for resident in Resident.objects.filter(subject_pseudonym__in=pseudonyms):
                current.add_subject(resident)
            if not current.subjects:
                raise _NotAResident
    except _NotAResident:
        pass  # only subjects other systems reported: nobody of Regie's to log the read for
    return page


def _check_page(limit: int, before_id: int | None) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError("limit", f"must be between 1 and {MAX_LIMIT}")
    if before_id is not None and before_id < 1:
        raise QueryError("before", "must be a record id (1 or more)")


def _page(criteria: Q, limit: int, before_id: int | None) -> Page:
    records = ProcessingRecord.objects.filter(criteria)
    if before_id is not None:
        records = records.filter(id__lt=before_id)
    rows = list(records.select_related("activity_version").order_by("-id")[: limit + 1])
    more, rows = len(rows) > limit, rows[:limit]
    checkpoint = latest_checkpoint()
    proofs = _proofs([row.id for row in rows], checkpoint)
    return Page(
        entries=[Entry(row, proofs.get(row.id)) for row in rows],
        checkpoint=checkpoint,
        next_before=rows[-1].id if more else None,
    )


def _proofs(record_ids: list[int], checkpoint: Checkpoint | None) -> dict[int, InclusionProof]:
    """Inclusion proofs of the sealed records among RECORD_IDS against CHECKPOINT: one query
    for the leaves and one for the union of every tree node the proofs need."""
    if checkpoint is None or not record_ids:
        return {}
    size = checkpoint.size
    leaves = list(
        LogLeaf.objects.filter(record_id__in=record_ids, index__lt=size).values_list(
            "record_id", "index", "leaf_hash"
        )
    )
    # A dry run over placeholders tells which nodes the proofs read, using merkle's own walk.
    recorder = _KeyRecorder()
    for _record_id, index, _leaf in leaves:
        merkle.inclusion_proof(recorder, index, size)
    store = merkle.MemoryStore()
    if recorder.keys:
        fetched = DatabaseNodeStore().get_many(recorder.keys)
        store.put_many((level, index, value) for (level, index), value in fetched.items())
    return {
        record_id: InclusionProof(
            leaf_index=index,
            leaf_hash=bytes(leaf),
            tree_size=size,
            path=merkle.inclusion_proof(store, index, size),
        )
        for record_id, index, leaf in leaves
    }


class _KeyRecorder:
    """A merkle.NodeStore that answers every key with a placeholder and remembers the keys."""

    _PLACEHOLDER = bytes(32)

    def __init__(self) -> None:
        self.keys: set[merkle.NodeKey] = set()

    def get(self, level: int, index: int) -> bytes:
        self.keys.add((level, index))
        return self._PLACEHOLDER

    def get_many(self, keys: Iterable[merkle.NodeKey]) -> dict[merkle.NodeKey, bytes]:
        wanted = list(keys)
        self.keys.update(wanted)
        return dict.fromkeys(wanted, self._PLACEHOLDER)
