"""Every read of the portal. The resident (or the legal representative acting for them) is
the actor of each processing; whose data is read is the resident the session acts for,
checked by the one access decision inside the processing. Anything not theirs is answered as
if it did not exist."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from regie.accounts.access import Action, may
from regie.accounts.models import Resident, User
from regie.cases.models import Case, CaseDecision, CaseDocument, DocumentSource
from regie.cases.selectors import Download, case_in_gate, download_name, resident_name
from regie.exchange.models import Share, ShareItem
from regie.lawfulness.models import Consent
from regie.portal import activities
from regie.portal.models import ConsentRequest, Message, Representation, RequestState
from regie.processing_log.gate import Processing, processing
from regie.processing_log.reading import Page, records_for
from regie.vault.services import file_open, text_open


class NotYours(Http404):
    """Not the resident's, or not there: the same answer."""


def resident_in_gate(user: User, resident_id: UUID | None) -> Resident:
    """Inside an open processing: the resident USER acts for, themselves when RESIDENT_ID is
    None, or a minor or ward they represent."""
    residents = Resident.objects.all()
    resident = (
        residents.filter(user=user).first()
        if resident_id is None
        else residents.filter(public_id=resident_id).first()
    )
    if resident is None or not may(user, Action.PORTAL_USE, resident, in_service=True):
        raise NotYours
    return resident


def _case_in_gate(user: User, resident: Resident, case_id: UUID) -> Case:
    case = Case.objects.select_related("consulent").filter(public_id=case_id).first()
    if case is None or case.resident_id != resident.pk:
        raise NotYours
    if not may(user, Action.PORTAL_USE, case, in_service=True):
        raise NotYours
    return case


@dataclass(frozen=True)
class Person:
    public_id: UUID
    name: str
    is_self: bool


@transaction.atomic
def people_for(*, user: User) -> list[Person]:
    """The resident themselves and everyone they represent."""
    with processing(
        activity=activities.REPRESENTATION,
        actor=user,
        name="portal.people",
        subjects_follow=True,
    ) as current:
        people = []
        own = Resident.objects.filter(user=user).first()
        if own is not None:
            current.add_subject(own)
            people.append(Person(own.public_id, resident_name(own), True))
        for link in Representation.objects.filter(
            representative=user, ended_at=None
        ).select_related("represented"):
            current.add_subject(link.represented)
            people.append(
                Person(link.represented.public_id, resident_name(link.represented), False)
            )
        if not people:
            raise NotYours
        return people


@dataclass(frozen=True)
class CaseCard:
    public_id: UUID
    law: str
    status: str
    consulent: str
    opened_at: datetime


def _card(case: Case) -> CaseCard:
    return CaseCard(
        case.public_id,
        case.get_law_display(),
        case.get_status_display(),
        case.consulent.get_full_name() or str(case.consulent),
        case.opened_at,
    )


@transaction.atomic
def cases_of(*, user: User, resident_id: UUID | None) -> list[CaseCard]:
    with processing(
        activity=activities.PORTAL, actor=user, name="portal.cases", subjects_follow=True
    ) as current:
        resident = resident_in_gate(user, resident_id)
        current.add_subject(resident)
        return [
            _card(c) for c in Case.objects.filter(resident=resident).select_related("consulent")
        ]


@dataclass(frozen=True)
class DecisionRow:
    outcome: str
    decided_on: object
    text: str


@dataclass(frozen=True)
class DocumentRow:
    public_id: UUID
    title: str
    added_at: datetime
    source: str
    from_you: bool
    size: int
    extension: str


@dataclass(frozen=True)
class CaseDossier:
    card: CaseCard
    decisions: list[DecisionRow]
    documents: list[DocumentRow]


def _documents(case: Case) -> list[DocumentRow]:
    return [
        DocumentRow(
            d.public_id,
            text_open(
                resident_id=case.resident_id, blob=bytes(d.title_sealed), context="case.document"
            ),
            d.added_at,
            d.get_source_display(),
            d.source == DocumentSource.RESIDENT,
            d.file.size,
            d.file.extension,
        )
        for d in CaseDocument.objects.filter(case=case).select_related("file")
    ]


def _decisions(case: Case) -> list[DecisionRow]:
    return [
        DecisionRow(
            d.get_outcome_display(),
            d.decided_on,
            text_open(
                resident_id=case.resident_id, blob=bytes(d.text_sealed), context="case.decision"
            ),
        )
        for d in CaseDecision.objects.filter(case=case)
    ]


@transaction.atomic
def case_of(*, user: User, resident_id: UUID | None, case_id: UUID) -> CaseDossier:
    with processing(
        activity=activities.PORTAL, actor=user, name="portal.case.read", subjects_follow=True
    ) as current:
        resident = resident_in_gate(user, resident_id)
        current.add_subject(resident)
        case = _case_in_gate(user, resident, case_id)
        return CaseDossier(_card(case), _decisions(case), _documents(case))


@transaction.atomic
def document_of(
    *, user: User, resident_id: UUID | None, case_id: UUID, document_id: UUID
) -> Download:
    with processing(
        activity=activities.PORTAL,
        actor=user,
        name="portal.document.download",
        subjects_follow=True,
    ) as current:
        resident = resident_in_gate(user, resident_id)
        current.add_subject(resident)
        case = _case_in_gate(user, resident, case_id)
        document = (
            CaseDocument.objects.select_related("file")
            .filter(case=case, public_id=document_id)
            .first()
        )
        if document is None:
            raise NotYours
        return Download(
            filename=download_name(document),
            content_type=document.file.content_type,
            size=document.file.size,
            chunks=file_open(document.file),
        )


@dataclass(frozen=True)
class RequestView:
    public_id: UUID
    case_id: UUID
    purpose: str
    data: str
    recipient: str
    valid_until: datetime
    requested_at: datetime
    state: str
    state_label: str
    answerable: bool
    remark: str


def request_view(item: ConsentRequest, now: datetime | None = None) -> RequestView:
    from regie.lawfulness.models import PURPOSE_CHOICES

    now = now or timezone.now()
    resident_id = item.case.resident_id
    purposes = dict(PURPOSE_CHOICES)
    remark = (
        text_open(resident_id=resident_id, blob=bytes(item.remark_sealed), context="portal.remark")
        if item.remark_sealed
        else ""
    )
    return RequestView(
        public_id=item.public_id,
        case_id=item.case.public_id,
        purpose=str(purposes.get(item.contact.scenario.get("purpose"), "")),
        data=text_open(
            resident_id=resident_id, blob=bytes(item.data_sealed), context="portal.data"
        ),
        recipient=item.contact.partner,
        valid_until=item.valid_until,
        requested_at=item.requested_at,
        state=item.state,
        state_label=item.get_state_display(),
        answerable=item.state == RequestState.OPEN and item.valid_until > now,
        remark=remark,
    )


def _requests(resident: Resident) -> list[ConsentRequest]:
    return list(
        ConsentRequest.objects.filter(case__resident=resident).select_related("case", "contact")
    )


@dataclass(frozen=True)
class ConsentView:
    public_id: UUID
    purpose: str
    recipient: str
    data: str
    given_at: datetime
    valid_until: datetime
    withdrawn_at: datetime | None
    in_force: bool


def consent_view(consent: Consent, now: datetime | None = None) -> ConsentView:
    now = now or timezone.now()
    return ConsentView(
        public_id=consent.public_id,
        purpose=consent.get_purpose_display(),
        recipient=consent.get_recipient_display(),
        data=text_open(
            resident_id=consent.resident_id, blob=bytes(consent.data_sealed), context="consent.data"
        ),
        given_at=consent.given_at,
        valid_until=consent.valid_until,
        withdrawn_at=consent.withdrawn_at,
        in_force=consent.withdrawn_at is None and consent.valid_until > now,
    )


@dataclass(frozen=True)
class Sharing:
    open_requests: list[RequestView]
    answered: list[RequestView]
    consents: list[ConsentView]


@transaction.atomic
def sharing_of(*, user: User, resident_id: UUID | None) -> Sharing:
    with processing(
        activity=activities.PORTAL, actor=user, name="portal.consent.list", subjects_follow=True
    ) as current:
        resident = resident_in_gate(user, resident_id)
        current.add_subject(resident)
        views = [request_view(r) for r in _requests(resident)]
        return Sharing(
            open_requests=[v for v in views if v.answerable],
            answered=[v for v in views if not v.answerable],
            consents=[
                consent_view(c)
                for c in Consent.objects.filter(resident=resident).order_by("-given_at")
            ],
        )


@transaction.atomic
def consent_request_of(*, user: User, resident_id: UUID | None, request_id: UUID) -> RequestView:
    with processing(
        activity=activities.PORTAL, actor=user, name="portal.consent.read", subjects_follow=True
    ) as current:
        resident = resident_in_gate(user, resident_id)
        current.add_subject(resident)
        item = (
            ConsentRequest.objects.filter(public_id=request_id, case__resident=resident)
            .select_related("case", "contact")
            .first()
        )
        if item is None:
            raise NotYours
        return request_view(item)


@dataclass(frozen=True)
class MessageRow:
    public_id: UUID
    kind: str
    label: str
    case_id: UUID | None
    created_at: datetime
    unread: bool


@transaction.atomic
def messages_of(*, user: User, resident_id: UUID | None) -> list[MessageRow]:
    with processing(
        activity=activities.PORTAL, actor=user, name="portal.messages", subjects_follow=True
    ) as current:
        resident = resident_in_gate(user, resident_id)
        current.add_subject(resident)
        return [
            MessageRow(
                m.public_id,
                m.kind,
                m.get_kind_display(),
                m.case.public_id if m.case else None,
                m.created_at,
                m.read_at is None,
            )
            for m in Message.objects.filter(resident=resident).select_related("case")
        ]


@transaction.atomic
def log_of(
    *, user: User, resident_id: UUID | None, limit: int, before_id: int | None
) -> tuple[Resident, Page]:
    """The resident's processing-log records, newest first, with their inclusion proofs; the
    read itself is logged by `records_for`."""
    with processing(
        activity=activities.PORTAL, actor=user, name="portal.log.read", subjects_follow=True
    ) as current:
        resident = resident_in_gate(user, resident_id)
        current.add_subject(resident)
        pseudonym = resident.subject_pseudonym
    return resident, records_for(
        actor=user, data_subject_id=pseudonym, limit=limit, before_id=before_id
    )


@dataclass(frozen=True)
class ShareRow:
    recipient: str
    documents: list[str]
    expires_at: datetime


@transaction.atomic
def shares_of(*, user: User, resident_id: UUID | None) -> list[ShareRow]:
    """Who outside the municipality can open which of the resident's documents now, and until
    when: the shares with care partners that are not revoked, expired or locked."""
    with processing(
        activity=activities.PORTAL, actor=user, name="portal.shares", subjects_follow=True
    ) as current:
        resident = resident_in_gate(user, resident_id)
        current.add_subject(resident)
        rows = []
        shares = Share.objects.filter(
            case__resident=resident,
            revoked_at=None,
            locked_at=None,
            expires_at__gt=timezone.now(),
        ).select_related("professional")
        for share in shares:
            titles = [
                text_open(
                    resident_id=resident.pk,
                    blob=bytes(item.document.title_sealed),
                    context="case.document",
                )
                for item in ShareItem.objects.filter(share=share).select_related("document")
            ]
            who = share.professional.organisation or share.professional.name
            rows.append(ShareRow(who, titles, share.expires_at))
        return rows


@dataclass(frozen=True)
class RepresentationRow:
    public_id: UUID
    other: str  # the representative's name (staff; the represented's own page), or the
    # represented's (the representative's page); empty when the municipality has none
    basis: str
    since: datetime
    recorded_by: str
    evidence: str
    ended_at: datetime | None
    ended_by: str
    end_reason: str

    @property
    def in_force(self) -> bool:
        return self.ended_at is None


def _staff_name(user: User | None) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def _representation_row(
    link: Representation, other: Resident | None, *, with_texts: bool
) -> RepresentationRow:
    """One representation as a page shows it. WITH_TEXTS opens the evidence and the reason
    of the end, sealed under the represented resident's key: for the case worker and for the
    represented resident, not for the representative."""

    def opened(blob: bytes, context: str) -> str:
        if not with_texts or not blob:
            return ""
        return text_open(resident_id=link.represented_id, blob=blob, context=context)

    return RepresentationRow(
        public_id=link.public_id,
        other=resident_name(other) if other is not None else "",
        basis=link.get_basis_display(),
        since=link.since,
        recorded_by=_staff_name(link.recorded_by),
        evidence=opened(bytes(link.evidence_sealed), "portal.representation.evidence"),
        ended_at=link.ended_at,
        ended_by=_staff_name(link.ended_by),
        end_reason=opened(bytes(link.end_reason_sealed), "portal.representation.end"),
    )


@dataclass(frozen=True)
class CaseRepresentations:
    case_id: UUID
    resident_name: str
    law: str
    current: list[RepresentationRow]
    ended: list[RepresentationRow]


@transaction.atomic
def representations_for_case(*, user: User, case_id: UUID) -> CaseRepresentations:
    """Who represents the resident of a case, now and before, for the case worker (or their
    team leader) who records and ends it. Reading a representative's name makes them a subject
    of the processing too."""
    with processing(
        activity=activities.REPRESENTATION,
        actor=user,
        name="portal.representation.list",
        subjects_follow=True,
    ) as current:
        case = case_in_gate(user, Action.REPRESENTATION_MANAGE, case_id)
        current.add_subject(case.resident)
        links = list(
            Representation.objects.filter(represented=case.resident)
            .select_related("recorded_by", "ended_by")
            .order_by("-since", "-id")
        )
        people = {
            person.user_id: person
            for person in Resident.objects.filter(user__in=[x.representative_id for x in links])
        }
        rows = []
        for link in links:
            person = people.get(link.representative_id)
            if person is not None:
                current.add_subject(person)
            rows.append(_representation_row(link, person, with_texts=True))
        return CaseRepresentations(
            case_id=case.public_id,
            resident_name=resident_name(case.resident),
            law=case.get_law_display(),
            current=[row for row in rows if row.in_force],
            ended=[row for row in rows if not row.in_force],
        )


def representatives_in_gate(resident: Resident, current: Processing) -> list[RepresentationRow]:
    """Inside the open processing CURRENT: who represents RESIDENT, or did, newest first, each
    representative added as a subject (their name is read)."""
    rows = []
    for link in (
        Representation.objects.filter(represented=resident)
        .select_related("recorded_by", "ended_by")
        .order_by("-since", "-id")
    ):
        person = Resident.objects.filter(user_id=link.representative_id).first()
        if person is not None:
            current.add_subject(person)
        rows.append(_representation_row(link, person, with_texts=True))
    return rows


@dataclass(frozen=True)
class Representations:
    for_me: list[RepresentationRow]  # who acts (or acted) for the logged-in resident
    by_me: list[RepresentationRow]  # for whom they act (or acted)


@transaction.atomic
def representations_of(*, user: User) -> Representations:
    """The logged-in resident's own side of legal representation, whoever they act for at the
    moment: who represents them, and whom they represent, current and ended."""
    with processing(
        activity=activities.REPRESENTATION,
        actor=user,
        name="portal.representation.read",
        subjects_follow=True,
    ) as current:
        own = resident_in_gate(user, None)
        current.add_subject(own)
        for_me = representatives_in_gate(own, current)
        by_me = []
        for link in (
            Representation.objects.filter(representative=user)
            .select_related("represented", "recorded_by", "ended_by")
            .order_by("-since", "-id")
        ):
            current.add_subject(link.represented)
            by_me.append(_representation_row(link, link.represented, with_texts=False))
        return Representations(for_me=for_me, by_me=by_me)
