"""Reads of rights requests. Each read of a request is a processing of the resident's data,
logged under the handling activity; the figures for the council count without reading
anyone."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from regie.accounts.models import Resident, User
from regie.core.crypto import unseal
from regie.core.gate import system_access
from regie.lawfulness import selectors as lawfulness
from regie.processing_log.gate import Actor, processing
from regie.processing_log.reading import MAX_LIMIT, records_for
from regie.requests.activities import HANDLE_RIGHTS_REQUEST
from regie.requests.deadlines import REMINDER_DAYS_BEFORE
from regie.requests.models import Kind, RightsRequest, Status
from regie.requests.services import DETAILS, LETTER
from regie.vault.services import Shredded, text_open


@dataclass(frozen=True)
class Row:
    request: RightsRequest
    resident_name: str
    days_left: int

    @property
    def days_late(self) -> int:
        return -self.days_left


def _opened(request: RightsRequest, blob: bytes | memoryview | None, context: str) -> str:
    """A sealed text of REQUEST; empty once the resident's key has been shredded."""
    if not blob:
        return ""
    try:
        return text_open(resident_id=request.resident_id, blob=bytes(blob), context=context)
    except Shredded:
        return ""


def _name(resident: Resident) -> str:
    return unseal(bytes(resident.name_sealed), context="resident.name")


class _Nothing(Exception):
    """Nothing to show, so nobody's data was read and there is nothing to log."""


@transaction.atomic
def request_list(*, actor: User, open_only: bool = False) -> list[Row]:
    """Every request (or the open ones), open ones first by deadline, with the resident's
    name; one record per resident shown."""
    today = timezone.localdate()
    try:
        with processing(
            activity=HANDLE_RIGHTS_REQUEST,
            actor=actor,
            name="rights_request.list",
            subjects_follow=True,
        ) as current:
            requests = RightsRequest.objects.select_related("resident", "handler")
            if open_only:
                requests = requests.filter(status__in=[Status.RECEIVED, Status.IN_PROGRESS])
            rows = [
                Row(request, _name(request.resident), (request.due_on - today).days)
                for request in requests
            ]
            if not rows:
                raise _Nothing
            for row in rows:
                current.add_subject(row.request.resident)
    except _Nothing:
        return []
    rows.sort(key=lambda row: (not row.request.is_open, row.request.due_on))
    return rows


@dataclass(frozen=True)
class Detail:
    request: RightsRequest
    resident_name: str
    details: str
    letter: str


@transaction.atomic
def request_detail(*, public_id: Any, actor: User) -> Detail | None:
    try:
        with processing(
            activity=HANDLE_RIGHTS_REQUEST,
            actor=actor,
            name="rights_request.read",
            subjects_follow=True,
        ) as current:
            request = (
                RightsRequest.objects.select_related("resident", "handler", "identity_checked_by")
                .filter(public_id=public_id)
                .first()
            )
            if request is None:
                raise _Nothing
            current.add_subject(request.resident)
            return Detail(
                request=request,
                resident_name=_name(request.resident),
                details=_opened(request, request.details_sealed, DETAILS),
                letter=_opened(request, request.letter_sealed, LETTER),
            )
    except _Nothing:
        return None


@transaction.atomic
def access_overview(*, request: RightsRequest, actor: User | Actor) -> dict[str, Any]:
    """What Regie holds about the resident of an access request (AVG art. 15): the
    registration, their rights requests, consents, transparency notices and objections, and
    the processing log, each through its app's own logged selector. Apps that hold more
    (cases, documents) add their part here."""
    resident = request.resident
    with processing(
        activity=HANDLE_RIGHTS_REQUEST,
        actor=actor,
        name="rights_request.access_overview",
        subjects=[resident],
    ):
        own_requests = [
            {
                "reference": r.reference,
                "kind": str(Kind(r.kind).label),
                "received_on": r.received_on,
                "status": str(Status(r.status).label),
            }
            for r in RightsRequest.objects.filter(resident=resident).order_by("received_on")
        ]
        name = _name(resident)
        registered = resident.created_at
    log = records_for(actor=actor, data_subject_id=resident.subject_pseudonym, limit=MAX_LIMIT)
    return {
        "name": name,
        "registered_at": registered,
        "requests": own_requests,
        "consents": [
            {
                "purpose": consent.get_purpose_display(),
                "recipient": consent.get_recipient_display(),
                "given_at": consent.given_at,
                "valid_until": consent.valid_until,
                "withdrawn_at": consent.withdrawn_at,
            }
            for consent in lawfulness.consents_for(resident, actor=actor)
        ],
        "notices": [
            {"told_at": notice.told_at, "method": notice.get_method_display()}
            for notice in lawfulness.notices_for(resident, actor=actor)
        ],
        "objections": [
            {"raised_at": objection.raised_at, "option": objection.get_option_display()}
            for objection in lawfulness.objections_for(resident, actor=actor)
        ],
        "processing": [
            {"when": entry.record.end_time, "activity": entry.record.activity_version}
            for entry in log.entries
        ],
    }


@dataclass(frozen=True)
class OpenCounts:
    open: int
    due_soon: int
    late: int


def open_request_counts(*, today: date | None = None) -> OpenCounts:
    """Counts for the start page: open requests, those due within a week, those late."""
    today = today or timezone.localdate()
    with system_access("start page: counts of open requests and their deadlines, nobody read"):
        due_dates = [
            extended or deadline
            for deadline, extended in RightsRequest.objects.filter(
                status__in=[Status.RECEIVED, Status.IN_PROGRESS]
            ).values_list("deadline", "extended_until")
        ]
    return OpenCounts(
        open=len(due_dates),
        due_soon=sum(
            today <= due <= today + timedelta(days=REMINDER_DAYS_BEFORE) for due in due_dates
        ),
        late=sum(due < today for due in due_dates),
    )


@dataclass(frozen=True)
class RequestFigures:
    """Rights requests received in a period, for the council: how many of each kind, how many
    answered, how many within the statutory time, how long answering took, how many extended
    and how many are still open or late."""

    start: date
    end: date
    total: int
    by_kind: dict[str, int]
    answered: int
    answered_in_time: int
    average_days_to_answer: float | None
    extended: int
    open: int
    overdue: int


def request_figures(*, start: date, end: date, today: date | None = None) -> RequestFigures:
    today = today or timezone.localdate()
    with system_access("council figures: counts and durations of requests, nobody read"):
        rows = list(
            RightsRequest.objects.filter(received_on__gte=start, received_on__lte=end).values(
                "kind", "received_on", "deadline", "extended_until", "decided_on", "status"
            )
        )
    by_kind = {kind: 0 for kind in Kind.values}
    durations = []
    in_time = extended = still_open = overdue = 0
    for row in rows:
        by_kind[row["kind"]] += 1
        due = row["extended_until"] or row["deadline"]
        if row["extended_until"]:
            extended += 1
        if row["decided_on"]:
            durations.append((row["decided_on"] - row["received_on"]).days)
            in_time += row["decided_on"] <= due
        else:
            still_open += 1
            overdue += today > due
    return RequestFigures(
        start=start,
        end=end,
        total=len(rows),
        by_kind=by_kind,
        answered=len(durations),
        answered_in_time=in_time,
        average_days_to_answer=sum(durations) / len(durations) if durations else None,
        extended=extended,
        open=still_open,
        overdue=overdue,
    )
