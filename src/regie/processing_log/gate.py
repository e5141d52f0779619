"""`processing()`: the one way to touch a resident's personal data.

    with processing(activity=URI, actor=request.user, subjects=[resident], name="case.read"):
        ... read or write the dossier ...

Inside the block the personal-data models answer; when the block ends normally one record
per data subject is written, in the same transaction as the work, so a record exists if and
only if the work commits. Bad calls fail before anything is written.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from regie.accounts.models import Kind, Resident, User
from regie.core import gate
from regie.processing_log.models import ActorKind, ProcessingRecord, Status
from regie.processing_log.records import check_field, new_span_id, new_trace_id
from regie.register.models import ProcessingActivityVersion
from regie.register.selectors import UnknownActivity, activity_version_in_force

SUBJECT_ID_TYPE = "regie:bsn-hmac-sha256"


class ProcessingError(ValueError):
    """A processing was asked for wrongly; nothing has been written."""


@dataclass(frozen=True)
class Actor:
    kind: str
    id: str
    role: str = ""

    @classmethod
    def system(cls, name: str) -> "Actor":
        return cls(ActorKind.SYSTEM, name)

    @classmethod
    def of(cls, who: "User | AnonymousUser | Actor") -> "Actor":
        if isinstance(who, Actor):
            return who
        if not isinstance(who, User) or not who.is_authenticated:
            raise ProcessingError("actor: an anonymous visitor cannot process personal data")
        kind = {
            Kind.STAFF: ActorKind.STAFF,
            Kind.RESIDENT: ActorKind.RESIDENT,
            Kind.PROFESSIONAL: ActorKind.PROFESSIONAL,
        }[Kind(who.kind)]
        return cls(kind, str(who.public_id), who.role)


@dataclass
class Processing:
    activity: ProcessingActivityVersion
    activity_uri: str
    actor: Actor
    name: str
    trace_id: str
    span_id: str
    parent_span_id: str
    start_time: datetime
    subjects: list[Resident] = field(default_factory=list)

    def add_subject(self, resident: Resident) -> None:
        """For a processing whose subject only exists once the work is done (registration)."""
        if resident.pk is None:
            raise ProcessingError("subjects: save the resident before adding it")
        if all(subject.pk != resident.pk for subject in self.subjects):
            self.subjects.append(resident)


_current: ContextVar[Processing | None] = ContextVar("regie_processing", default=None)
_trace: ContextVar[str | None] = ContextVar("regie_trace", default=None)


@contextmanager
def trace(trace_id: str | None = None) -> Iterator[str]:
    """One trace for everything a request does (set by the middleware)."""
    token = _trace.set(trace_id or new_trace_id())
    try:
        yield _trace.get() or ""
    finally:
        _trace.reset(token)


@contextmanager
def processing(
    *,
    activity: str,
    actor: "User | AnonymousUser | Actor",
    name: str,
    subjects: Iterable[Resident] = (),
    subjects_follow: bool = False,
) -> Iterator[Processing]:
    """Open the gate for ACTIVITY (its LDV id) on behalf of ACTOR. SUBJECTS are the residents
    whose data is processed; `subjects_follow=True` allows adding them during the block."""
    if not name or not isinstance(name, str):
        raise ProcessingError("name: say what is done, e.g. 'case.read'")
    check_field("name", name)
    if not activity:
        raise ProcessingError("activity: a processing needs a processing activity id")
    try:
        version = activity_version_in_force(activity)
    except UnknownActivity as exc:
        raise ProcessingError(f"activity: {exc}") from None
    who = Actor.of(actor)
    subject_list = list(subjects)
    if not subject_list and not subjects_follow:
        raise ProcessingError("subjects: a processing needs at least one data subject")
    if not transaction.get_connection().in_atomic_block:
        raise ProcessingError(
            "processing() runs inside the transaction of the service or selector that does "
            "the work (decorate it with @transaction.atomic)"
        )
    outer = _current.get()
    current = Processing(
        activity=version,
        activity_uri=activity,
        actor=who,
        name=name,
        trace_id=outer.trace_id if outer else (_trace.get() or new_trace_id()),
        span_id=new_span_id(),
        parent_span_id=outer.span_id if outer else "",
        start_time=timezone.now(),
    )
    for resident in subject_list:
        current.add_subject(resident)
    token = _current.set(current)
    try:
        with gate.opened_by(current):
            yield current
            if not current.subjects:
                raise ProcessingError("subjects: the processing ended without a data subject")
            _write(current)
    finally:
        _current.reset(token)


@dataclass(frozen=True)
class Earlier:
    """A processing done before anyone knew whose data it was (a team leader reading a scanned
    letter that named no case). Taken down when it happens, with its own actor, trace, span
    and time; written with `processed_earlier` once its data subject is known."""

    actor: Actor
    trace_id: str
    span_id: str
    start_time: datetime
    end_time: datetime

    @classmethod
    def now(cls, actor: "User | Actor") -> "Earlier":
        moment = timezone.now()
        return cls(Actor.of(actor), _trace.get() or new_trace_id(), new_span_id(), moment, moment)


def processed_earlier(
    *, activity: str, name: str, subject: Resident, earlier: Iterable[Earlier]
) -> int:
    """Write for SUBJECT the record each of EARLIER would have had, had the subject been known
    then: the original actor, trace and times, so the resident's log says who looked and when.
    A record's place in the tree, not its time, shows when it was written. Runs in the
    transaction of the work that made the subject known; returns how many were written."""
    check_field("name", name)
    if not transaction.get_connection().in_atomic_block:
        raise ProcessingError(
            "processed_earlier() runs inside the transaction that found out whose data it was"
        )
    try:
        version = activity_version_in_force(activity)
    except UnknownActivity as exc:
        raise ProcessingError(f"activity: {exc}") from None
    if subject.pk is None:
        raise ProcessingError("subject: save the resident first")
    records = ProcessingRecord.objects.bulk_create(
        [
            ProcessingRecord(
                trace_id=done.trace_id,
                span_id=done.span_id,
                name=name,
                start_time=done.start_time,
                end_time=done.end_time,
                status=Status.OK,
                resource=settings.REGIE_LOG_RESOURCE,
                activity_uri=activity,
                activity_version=version,
                data_subject_id=subject.subject_pseudonym,
                data_subject_id_type=SUBJECT_ID_TYPE,
                actor_kind=done.actor.kind,
                actor_id=done.actor.id,
                actor_role=done.actor.role,
            )
            for done in earlier
        ]
    )
    return len(records)


def _write(current: Processing) -> None:
    """One record per data subject; each is its own span, the first keeps the span id that
    nested processings name as their parent."""
    end = timezone.now()
    span_ids = [current.span_id] + [new_span_id() for _ in current.subjects[1:]]
    ProcessingRecord.objects.bulk_create(
        [
            ProcessingRecord(
                trace_id=current.trace_id,
                span_id=span_id,
                parent_span_id=current.parent_span_id,
                name=current.name,
                start_time=current.start_time,
                end_time=end,
                status=Status.OK,
                resource=settings.REGIE_LOG_RESOURCE,
                activity_uri=current.activity_uri,
                activity_version=current.activity,
                data_subject_id=subject.subject_pseudonym,
                data_subject_id_type=SUBJECT_ID_TYPE,
                actor_kind=current.actor.kind,
                actor_id=current.actor.id,
                actor_role=current.actor.role,
            )
            for subject, span_id in zip(current.subjects, span_ids, strict=True)
        ]
    )
