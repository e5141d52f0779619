"""Every read of a case. Each opens the gate through `processing()`, so reading is logged; what
leaves a selector is plain data (dataclasses), never a queryset a template could run later."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.accounts.access import Action, may
from regie.accounts.models import Resident, Role, User
from regie.cases import activities
from regie.cases.anonymise import Anonymised, Kind, Known, anonymise, bsn_variants, date_variants
from regie.cases.models import (
    AddressReveal,
    CareContact,
    Case,
    CaseDecision,
    CaseDocument,
    Consultation,
    InvolvedPerson,
    InvolvedRole,
    Note,
    PostBatch,
    PostItem,
    PostOpening,
    PostOutcome,
    PostStatus,
    PostUnmatched,
)
from regie.core.crypto import DecryptionError, unseal
from regie.lawfulness import selectors as lawfulness_selectors
from regie.lawfulness.selectors import opened
from regie.processing_log.gate import Earlier, Processing, processing
from regie.vault.services import file_open, held_open, text_open

# How long an approved request lets the case worker open the address.
REVEAL_VALID_HOURS = 24


class NoSuchCase(Http404):
    """The case does not exist, or this person may not do this to it: the same answer."""


class NoSuchPost(Http404):
    """The queued post does not exist, was decided already, or this person may not see it."""


def resident_name(resident: Resident) -> str:
    return unseal(bytes(resident.name_sealed), context="resident.name")


def birth_date_of(case: Case) -> date:
    return date.fromisoformat(
        text_open(
            resident_id=case.resident_id,
            blob=bytes(case.birth_date_sealed),
            context="case.birth_date",
        )
    )


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def address_of(case: Case) -> str:
    if case.address_sealed is None:
        return ""
    return text_open(
        resident_id=case.resident_id, blob=bytes(case.address_sealed), context="case.address"
    )


def case_in_gate(user: User, action: Action, public_id: UUID) -> Case:
    """The case, loaded inside an open processing, if USER may do ACTION to it."""
    case = Case.objects.select_related("resident", "consulent").filter(public_id=public_id).first()
    if case is None or not may(user, action, case, in_service=True):
        raise NoSuchCase
    return case


def _residents_visible_to(user: User) -> Q:
    if user.role == Role.TEAMLEIDER:
        return Q(caseload__consulent__team_id=user.team_id) if user.team_id else Q(pk__in=[])
    return Q(caseload__consulent=user)


@dataclass(frozen=True)
class CaseRow:
    public_id: UUID
    resident_name: str
    law: str
    status: str
    consulent: str
    opened_at: datetime


class _NothingFound(Exception):
    """A listing found nobody: nothing was read about anyone, so there is nothing to log."""


def _collect[T](
    activity: str, user: User, name: str, read: Callable[[Processing], list[T]]
) -> list[T]:
    """READ inside a processing whose subjects it adds as it finds them; an empty result
    writes no record (a processing needs a subject, and none was touched)."""
    try:
        with processing(activity=activity, actor=user, name=name, subjects_follow=True) as current:
            rows = read(current)
            if not rows:
                raise _NothingFound
            return rows
    except _NothingFound:
        return []


@transaction.atomic
def caseload(*, user: User) -> list[CaseRow]:
    """The cases of the residents in USER's caseload (a team leader: the team's)."""

    def read(current: Processing) -> list[CaseRow]:
        cases = (
            Case.objects.filter(resident__in=Resident.objects.filter(_residents_visible_to(user)))
            .select_related("resident", "consulent")
            .distinct()
        )
        rows = []
        for case in cases:
            current.add_subject(case.resident)
            rows.append(
                CaseRow(
                    public_id=case.public_id,
                    resident_name=resident_name(case.resident),
                    law=case.get_law_display(),
                    status=case.get_status_display(),
                    consulent=_author(case.consulent),
                    opened_at=case.opened_at,
                )
            )
        return rows

    return _collect(activities.CASE_WORK, user, "case.list", read)


@dataclass(frozen=True)
class Entry:
    """One thing recorded in a case, as the page shows it."""

    public_id: UUID
    created_at: datetime
    author: str
    text: str
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CaseView:
    case: Case
    resident_name: str
    birth_date: date
    age: int
    address: str  # empty when there is none or when it is confidential
    has_address: bool
    address_confidential: bool
    notes: list[Entry]
    decisions: list[Entry]
    involved: list[Entry]
    contacts: list[Entry]
    reveals: list[Entry]
    consents: list[Entry]
    notices: list[Entry]
    objections: list[Entry]
    documents: list[Entry]
    can_work: bool  # add notes, ask the engine, record consent: the case worker
    can_countersign: bool  # sign involuntary service: a team leader of the team
    can_post: bool  # print the cover sheet for incoming post
    can_represent: bool  # record or end who legally represents the resident (the portal)


def _author(user: User) -> str:
    return user.get_full_name() or user.username


@transaction.atomic
def case_detail(*, user: User, public_id: UUID) -> CaseView:
    with processing(
        activity=activities.CASE_WORK, actor=user, name="case.read", subjects_follow=True
    ) as current:
        case = case_in_gate(user, Action.CASE_VIEW, public_id)
        current.add_subject(case.resident)
        born = birth_date_of(case)
        notes = [
            Entry(
                n.public_id,
                n.created_at,
                _author(n.author),
                text_open(
                    resident_id=case.resident_id, blob=bytes(n.text_sealed), context="case.note"
                ),
            )
            for n in Note.objects.filter(case=case).select_related("author")
        ]
        decisions = [
            Entry(
                d.public_id,
                d.created_at,
                _author(d.author),
                text_open(
                    resident_id=case.resident_id, blob=bytes(d.text_sealed), context="case.decision"
                ),
                {"outcome": d.get_outcome_display(), "decided_on": d.decided_on},
            )
            for d in CaseDecision.objects.filter(case=case).select_related("author")
        ]
        involved = [
            Entry(
                p.public_id,
                p.created_at,
                _author(p.author),
                text_open(
                    resident_id=case.resident_id,
                    blob=bytes(p.name_sealed),
                    context="case.involved.name",
                ),
                {
                    "role": p.get_role_display(),
                    "contact": text_open(
                        resident_id=case.resident_id,
                        blob=bytes(p.contact_sealed),
                        context="case.involved.contact",
                    ),
                },
            )
            for p in InvolvedPerson.objects.filter(case=case).select_related("author")
        ]
        contacts = [
            Entry(
                c.public_id,
                c.created_at,
                _author(c.author),
                text_open(
                    resident_id=case.resident_id,
                    blob=bytes(c.summary_sealed),
                    context="case.contact.summary",
                ),
                {"partner": c.partner, "scenario": c.scenario, "decision": c.decision},
            )
            for c in CareContact.objects.filter(case=case).select_related("author")
        ]
        reveals = [
            Entry(
                r.public_id,
                r.created_at,
                _author(r.author),
                "",
                {
                    "approved": r.approved,
                    "revealed_at": r.revealed_at,
                    "mine": r.author_id == user.pk,
                    "openable": _openable(r, user),
                },
            )
            for r in AddressReveal.objects.filter(case=case).select_related("author")
        ]
        documents = _documents(case)
        consents, notices, objections = _lawfulness_records(user, case, contacts)
        for contact in contacts:
            for kind, records in (
                ("consents", consents),
                ("notices", notices),
                ("objections", objections),
            ):
                contact.extra[kind] = [
                    r for r in records if r.extra["contact"] == str(contact.public_id)
                ]
        return CaseView(
            case=case,
            resident_name=resident_name(case.resident),
            birth_date=born,
            age=age_on(born, timezone.localdate()),
            address="" if case.address_confidential else address_of(case),
            has_address=case.address_sealed is not None,
            address_confidential=case.address_confidential,
            notes=notes,
            decisions=decisions,
            involved=involved,
            contacts=contacts,
            reveals=reveals,
            consents=consents,
            notices=notices,
            objections=objections,
            documents=documents,
            can_work=may(user, Action.CASE_WORK, case, in_service=True),
            can_countersign=may(user, Action.CASE_COUNTERSIGN, case, in_service=True),
            can_post=may(user, Action.POST_INTAKE, case, in_service=True),
            can_represent=may(user, Action.REPRESENTATION_MANAGE, case, in_service=True),
        )


def _lawfulness_records(
    user: User, case: Case, contacts: list[Entry]
) -> tuple[list[Entry], list[Entry], list[Entry]]:
    """The consents, notices and objections recorded for this case's contacts, through the
    lawfulness selectors (each logs its own read)."""
    partners = {str(contact.public_id): contact.extra["partner"] for contact in contacts}
    if not partners:
        return [], [], []
    resident = case.resident
    now = timezone.now()
    consents = [
        Entry(
            c.public_id,
            c.recorded_at,
            _author(c.recorded_by),
            opened(c)["data"],
            {
                "partner": partners[c.reference],
                "contact": c.reference,
                "given_by": c.get_given_by_display(),
                "representative": opened(c)["representative"],
                "method": c.get_method_display(),
                "given_at": c.given_at,
                "valid_until": c.valid_until,
                "withdrawn_at": c.withdrawn_at,
                "in_force": c.withdrawn_at is None and c.given_at <= now < c.valid_until,
                "rules": c.decision.get("rules", []),
            },
        )
        for c in lawfulness_selectors.consents_for(resident, actor=user)
        if c.reference in partners
    ]
    notices = [
        Entry(
            n.public_id,
            n.recorded_at,
            _author(n.recorded_by),
            opened(n)["told"],
            {
                "partner": partners[n.reference],
                "contact": n.reference,
                "told_at": n.told_at,
                "method": n.get_method_display(),
                "rules": n.decision.get("rules", []),
            },
        )
        for n in lawfulness_selectors.notices_for(resident, actor=user)
        if n.reference in partners
    ]
    objections = [
        Entry(
            o.public_id,
            o.recorded_at,
            _author(o.recorded_by),
            opened(o)["objection"],
            {
                "partner": partners[o.reference],
                "contact": o.reference,
                "option": o.get_option_display(),
                "involuntary": o.option == "involuntary",
                "considerations": opened(o)["considerations"],
                "countersigned_at": o.countersigned_at,
                "in_effect": o.in_effect,
                "rules": o.decision.get("rules", []),
            },
        )
        for o in lawfulness_selectors.objections_for(resident, actor=user)
        if o.reference in partners
    ]
    return consents, notices, objections


def _openable(reveal: AddressReveal, user: User) -> bool:
    return (
        reveal.author_id == user.pk
        and reveal.approved is True
        and reveal.revealed_at is None
        and reveal.decided_at is not None
        and timezone.now() - reveal.decided_at < timedelta(hours=REVEAL_VALID_HOURS)
    )


def _known(case: Case) -> list[Known]:
    """What the case knows about the resident and the people around them, each with the
    placeholder it becomes."""
    known = [
        Known(_("[resident]"), (resident_name(case.resident),), is_name=True),
        Known(
            _("[BSN of the resident]"),
            bsn_variants(unseal(bytes(case.resident.bsn_sealed), context="resident.bsn")),
        ),
        Known(_("[date of birth]"), date_variants(birth_date_of(case))),
    ]
    address = address_of(case)
    if address:
        parts = [address, *(p.strip() for p in address.split(",") if any(c.isdigit() for c in p))]
        known.append(Known(_("[address of the resident]"), tuple(parts)))
    counts: dict[str, int] = {}
    for person in InvolvedPerson.objects.filter(case=case).order_by("created_at", "id"):
        counts[person.role] = counts.get(person.role, 0) + 1
        label = f"{InvolvedRole(person.role).label.lower()} {counts[person.role]}"
        contact = text_open(
            resident_id=case.resident_id,
            blob=bytes(person.contact_sealed),
            context="case.involved.contact",
        )
        known.append(
            Known(
                f"[{label}]",
                (
                    text_open(
                        resident_id=case.resident_id,
                        blob=bytes(person.name_sealed),
                        context="case.involved.name",
                    ),
                ),
                is_name=True,
            )
        )
        if contact.strip():
            known.append(Known(_("[contact details of %(who)s]") % {"who": label}, (contact,)))
    return known


def _labels() -> dict[Kind, str]:
    return {
        Kind.BSN: _("BSN"),
        Kind.EMAIL: _("e-mail address"),
        Kind.IBAN: _("IBAN"),
        Kind.PHONE: _("phone number"),
        Kind.DATE: _("date"),
        Kind.POSTCODE: _("postcode"),
        Kind.ADDRESS: _("address"),
    }


def consultation_text(case: Case, question: str) -> str:
    """The case as a consultation summary, before anonymising: the question, the law and
    status, the age, the decisions and the notes."""
    lines = [
        _("Question: %(question)s") % {"question": question.strip()},
        _("Law: %(law)s. Status: %(status)s. Age: %(age)d.")
        % {
            "law": case.get_law_display(),
            "status": case.get_status_display(),
            "age": age_on(birth_date_of(case), timezone.localdate()),
        },
    ]
    for decision in CaseDecision.objects.filter(case=case).order_by("created_at", "id"):
        text = text_open(
            resident_id=case.resident_id, blob=bytes(decision.text_sealed), context="case.decision"
        )
        lines.append(
            _("Decision (%(outcome)s): %(text)s")
            % {"outcome": decision.get_outcome_display(), "text": text}
        )
    for note in Note.objects.filter(case=case).order_by("created_at", "id"):
        lines.append(
            _("Note: %(text)s")
            % {
                "text": text_open(
                    resident_id=case.resident_id, blob=bytes(note.text_sealed), context="case.note"
                )
            }
        )
    return "\n\n".join(lines)


def anonymised_for(case: Case, question: str) -> Anonymised:
    return anonymise(consultation_text(case, question), _known(case), _labels())


@transaction.atomic
def consultation_draft(*, user: User, public_id: UUID, question: str) -> Anonymised:
    """The anonymised summary of the case, for the case worker to check before sharing."""
    with processing(
        activity=activities.CONSULTATION,
        actor=user,
        name="consultation.draft",
        subjects_follow=True,
    ) as current:
        case = case_in_gate(user, Action.CASE_WORK, public_id)
        current.add_subject(case.resident)
        return anonymised_for(case, question)


@dataclass(frozen=True)
class ConsultationView:
    public_id: UUID
    created_at: datetime
    author: str
    colleague: str
    summary: str
    replaced: int


def _consultation_view(item: Consultation) -> ConsultationView:
    return ConsultationView(
        public_id=item.public_id,
        created_at=item.created_at,
        author=_author(item.author),
        colleague=_author(item.colleague),
        summary=text_open(
            resident_id=item.case.resident_id,
            blob=bytes(item.summary_sealed),
            context="case.consultation.summary",
        ),
        replaced=item.replaced,
    )


@transaction.atomic
def consultations_for(*, user: User) -> list[ConsultationView]:
    """The anonymised consultations USER asked for or was asked about, newest first."""

    def read(current: Processing) -> list[ConsultationView]:
        items = Consultation.objects.filter(Q(colleague=user) | Q(author=user)).select_related(
            "author", "colleague", "case__resident"
        )
        rows = []
        for item in items:
            current.add_subject(item.case.resident)
            rows.append(_consultation_view(item))
        return rows

    return _collect(activities.CONSULTATION, user, "consultation.list", read)


@transaction.atomic
def consultation_detail(*, user: User, public_id: UUID) -> ConsultationView:
    with processing(
        activity=activities.CONSULTATION, actor=user, name="consultation.read", subjects_follow=True
    ) as current:
        item = (
            Consultation.objects.select_related("author", "colleague", "case__resident")
            .filter(public_id=public_id)
            .first()
        )
        if item is None or not may(user, Action.CONSULTATION_VIEW, item, in_service=True):
            raise Http404
        current.add_subject(item.case.resident)
        return _consultation_view(item)


@dataclass(frozen=True)
class RevealRow:
    public_id: UUID
    case_id: UUID
    created_at: datetime
    author: str
    reason: str
    approved: bool | None
    decided_by: str
    decided_at: datetime | None
    revealed_at: datetime | None


def _reveal_row(reveal: AddressReveal) -> RevealRow:
    return RevealRow(
        public_id=reveal.public_id,
        case_id=reveal.case.public_id,
        created_at=reveal.created_at,
        author=_author(reveal.author),
        reason=text_open(
            resident_id=reveal.case.resident_id,
            blob=bytes(reveal.reason_sealed),
            context="case.address_reveal.reason",
        ),
        approved=reveal.approved,
        decided_by=_author(reveal.decided_by) if reveal.decided_by else "",
        decided_at=reveal.decided_at,
        revealed_at=reveal.revealed_at,
    )


@transaction.atomic
def reveals_to_decide(*, user: User) -> list[RevealRow]:
    """Requests to see a confidential address that wait for this team leader."""
    return _reveals(user, Action.CASE_ADDRESS_APPROVE, "address.requests", pending_only=True)


@transaction.atomic
def reveal_alerts(*, user: User) -> list[RevealRow]:
    """Every request to see a confidential address, for the privacy officer's supervision."""
    return _reveals(user, Action.CASE_ADDRESS_ALERTS, "address.supervise", pending_only=False)


def _reveals(user: User, action: Action, name: str, *, pending_only: bool) -> list[RevealRow]:
    def read(current: Processing) -> list[RevealRow]:
        requests = AddressReveal.objects.select_related("author", "decided_by", "case__resident")
        if pending_only:
            requests = requests.filter(approved__isnull=True)
        if user.role == Role.TEAMLEIDER:
            requests = requests.filter(
                case__resident__caseload__consulent__team_id=user.team_id or -1
            ).distinct()
        rows = []
        for reveal in requests:
            if may(user, action, reveal, in_service=True):
                current.add_subject(reveal.case.resident)
                rows.append(_reveal_row(reveal))
        return rows

    return _collect(activities.CONFIDENTIAL_ADDRESS, user, name, read)


@dataclass(frozen=True)
class CaseHeading:
    public_id: UUID
    resident_name: str
    law: str
    address_confidential: bool


@transaction.atomic
def case_heading(*, user: User, public_id: UUID, action: Action = Action.CASE_WORK) -> CaseHeading:
    """Whose case a form is about, for its heading (and the access check before it opens)."""
    with processing(
        activity=activities.CASE_WORK, actor=user, name="case.heading", subjects_follow=True
    ) as current:
        case = case_in_gate(user, action, public_id)
        current.add_subject(case.resident)
        return CaseHeading(
            public_id=case.public_id,
            resident_name=resident_name(case.resident),
            law=case.get_law_display(),
            address_confidential=case.address_confidential,
        )


@dataclass(frozen=True)
class ContactHeading:
    case: CaseHeading
    partner: str
    decision: dict[str, Any]
    representatives: list[str]  # the legal representatives the case knows, by name


@transaction.atomic
def contact_heading(*, user: User, public_id: UUID, contact_id: UUID) -> ContactHeading:
    """A contact with a care partner and the engine's decision on it, for the heading of the
    forms that record consent, a notice or an objection."""
    with processing(
        activity=activities.CASE_WORK, actor=user, name="case.heading", subjects_follow=True
    ) as current:
        case = case_in_gate(user, Action.CASE_WORK, public_id)
        contact = CareContact.objects.filter(case=case, public_id=contact_id).first()
        if contact is None:
            raise NoSuchCase
        current.add_subject(case.resident)
        return ContactHeading(
            case=CaseHeading(
                public_id=case.public_id,
                resident_name=resident_name(case.resident),
                law=case.get_law_display(),
                address_confidential=case.address_confidential,
            ),
            partner=contact.partner,
            decision=contact.decision,
            representatives=[
                text_open(
                    resident_id=case.resident_id,
                    blob=bytes(person.name_sealed),
                    context="case.involved.name",
                )
                for person in InvolvedPerson.objects.filter(
                    case=case, role=InvolvedRole.LEGAL_REPRESENTATIVE
                ).order_by("created_at", "id")
            ],
        )


@dataclass(frozen=True)
class Download:
    """An opened document: what the browser is told, and its body, read and verified as it
    is sent."""

    filename: str
    content_type: str
    size: int
    chunks: Iterator[bytes]


def download_name(document: CaseDocument) -> str:
    """A name the server chooses: no title (which may be personal) in a header or a log."""
    return f"document-{str(document.public_id)[:8]}.{document.file.extension}"


@transaction.atomic
def document_download(*, user: User, case_id: UUID, document_id: UUID) -> Download:
    with processing(
        activity=activities.CASE_WORK,
        actor=user,
        name="case.document.download",
        subjects_follow=True,
    ) as current:
        case = case_in_gate(user, Action.CASE_VIEW, case_id)
        current.add_subject(case.resident)
        document = (
            CaseDocument.objects.select_related("file").filter(case=case, public_id=document_id)
        ).first()
        if document is None:
            raise NoSuchCase
        return Download(
            filename=download_name(document),
            content_type=document.file.content_type,
            size=document.file.size,
            chunks=file_open(document.file),
        )


def _documents(case: Case) -> list[Entry]:
    return [
        Entry(
            d.public_id,
            d.added_at,
            _author(d.added_by) if d.added_by else d.get_source_display(),
            text_open(
                resident_id=case.resident_id, blob=bytes(d.title_sealed), context="case.document"
            ),
            {"source": d.get_source_display(), "size": d.file.size, "extension": d.file.extension},
        )
        for d in CaseDocument.objects.filter(case=case).select_related("file", "added_by")
    ]


# Incoming post ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverSheet:
    number: str
    code: str
    law: str


@transaction.atomic
def cover_sheet(*, user: User, public_id: UUID) -> CoverSheet:
    """What the cover sheet of a case carries: its number and code, no name or BSN."""
    with processing(
        activity=activities.POST_INTAKE,
        actor=user,
        name="case.post.cover_sheet",
        subjects_follow=True,
    ) as current:
        case = case_in_gate(user, Action.POST_INTAKE, public_id)
        current.add_subject(case.resident)
        return CoverSheet(number=case.number, code=case.cover_code, law=case.get_law_display())


@dataclass(frozen=True)
class Opening:
    """Who opened a waiting scan, and when."""

    opened_at: datetime
    opened_by: str
    role: str


def _opening(opening: PostOpening) -> Opening:
    return Opening(opening.opened_at, _author(opening.opened_by), _role_label(opening.role))


def _role_label(role: str) -> str:
    try:
        return str(Role(role).label)
    except ValueError:
        return role


@dataclass(frozen=True)
class PostRow:
    public_id: UUID
    received_at: datetime
    received_by: str
    channel: str
    unmatched: str
    pages: int
    size: int
    status: str
    status_label: str
    decided_by: str
    decided_at: datetime | None
    openings: tuple[Opening, ...] = ()


def _post_row(item: PostItem, openings: tuple[Opening, ...] = ()) -> PostRow:
    return PostRow(
        public_id=item.public_id,
        received_at=item.received_at,
        received_by=_author(item.received_by) if item.received_by else "",
        channel=item.get_channel_display(),
        unmatched=item.get_unmatched_display(),
        pages=item.pages,
        size=item.held.size if item.held else 0,
        status=item.status,
        status_label=item.get_status_display(),
        decided_by=_author(item.decided_by) if item.decided_by else "",
        decided_at=item.decided_at,
        openings=openings,
    )


@dataclass(frozen=True)
class PostQueue:
    waiting: list[PostRow]
    decided: list[PostRow]


DECIDED_SHOWN = 20


def post_queue(*, user: User) -> PostQueue:
    """The post that waits to be filed, oldest first, and the latest decisions. No resident is
    known for any of it, so there is nobody to log a processing for; the rows hold nothing
    but dates, counts and who decided."""
    if not may(user, Action.POST_QUEUE, in_service=True):
        raise NoSuchPost
    related = ("held", "received_by", "decided_by")
    waiting = PostItem.objects.filter(status=PostStatus.WAITING).select_related(*related)
    decided = (
        PostItem.objects.exclude(status=PostStatus.WAITING)
        .select_related(*related)
        .order_by("-decided_at", "-id")[:DECIDED_SHOWN]
    )
    return PostQueue([_post_row(i) for i in waiting], [_post_row(i) for i in decided])


def _waiting(user: User, item_id: UUID) -> PostItem:
    if not may(user, Action.POST_QUEUE, in_service=True):
        raise NoSuchPost
    item = (
        PostItem.objects.select_related("held", "received_by", "decided_by")
        .filter(public_id=item_id, status=PostStatus.WAITING)
        .first()
    )
    if item is None or item.held is None:
        raise NoSuchPost
    return item


def post_item(*, user: User, item_id: UUID) -> PostRow:
    """A waiting item, with everyone who opened its scan so far."""
    item = _waiting(user, item_id)
    openings = PostOpening.objects.filter(item=item).select_related("opened_by")
    return _post_row(item, tuple(_opening(o) for o in openings))


@transaction.atomic
def post_item_download(*, user: User, item_id: UUID) -> Download:
    """The scanned PDF of a waiting item, for the team leader to read whose it is. Reading it
    is a processing of a resident not known yet: the opening is taken down here, and becomes
    a record in that resident's processing log once the item is filed (`post_file`)."""
    item = _waiting(user, item_id)
    assert item.held is not None
    done = Earlier.now(user)
    PostOpening.objects.create(
        item=item,
        opened_by=user,
        role=user.role,
        opened_at=done.start_time,
        trace_id=done.trace_id,
        span_id=done.span_id,
    )
    return Download(
        filename=f"post-{str(item.public_id)[:8]}.{item.held.extension}",
        content_type=item.held.content_type,
        size=item.held.size,
        chunks=held_open(item.held),
    )


OPENINGS_SHOWN = 200


@dataclass(frozen=True)
class OpeningRow:
    opening: Opening
    item_ref: str  # the first characters of the item's id, as the download's file name has it
    status_label: str
    received_at: datetime
    decided_at: datetime | None


def post_openings(*, user: User) -> list[OpeningRow]:
    """For the privacy officer: every opening of a waiting scan, newest first, with what became
    of the item. The openings of filed items are in the residents' logs as well; those of
    rejected items are only here. Nothing here names a resident."""
    if not may(user, Action.POST_OPENINGS, in_service=True):
        raise NoSuchPost
    openings = PostOpening.objects.select_related("opened_by", "item").order_by(
        "-opened_at", "-id"
    )[:OPENINGS_SHOWN]
    return [
        OpeningRow(
            opening=_opening(o),
            item_ref=str(o.item.public_id)[:8],
            status_label=o.item.get_status_display(),
            received_at=o.item.received_at,
            decided_at=o.item.decided_at,
        )
        for o in openings
    ]


def batch_file_name_context(batch_id: UUID, position: int) -> str:
    """What the sealed name of an uploaded file is bound to: its batch and place in it."""
    return f"cases.post.batch-file:{batch_id}:{position}"


@dataclass(frozen=True)
class BatchFileRow:
    """What became of one uploaded file: FILENAME as it was uploaded, for its uploader."""

    filename: str
    outcome: str
    case_id: UUID | None = None
    case_number: str = ""
    reason: str = ""
    message: str = ""


@dataclass(frozen=True)
class BatchView:
    public_id: UUID
    uploaded_at: datetime
    total: int
    done: int
    results: list[BatchFileRow]  # once every file is taken in, in upload order
    counts: dict[str, int]

    @property
    def finished(self) -> bool:
        return self.done == self.total


def _batch_file_name(batch: PostBatch, position: int, sealed: bytes) -> str:
    if not sealed:
        return _("(name forgotten after two weeks)")
    try:
        return unseal(sealed, context=batch_file_name_context(batch.public_id, position))
    except DecryptionError:
        # Sealed under a key-encryption key since retired (the rotation re-seals what belongs
        # to residents, not the names of old uploads): the outcome still shows.
        return _("(name no longer readable)")


RECENT_BATCHES = 10


@dataclass(frozen=True)
class BatchRow:
    public_id: UUID
    uploaded_at: datetime
    total: int
    done: int


def post_batches_recent(*, user: User) -> list[BatchRow]:
    """The user's own latest uploads of post, to go back to one: dates and counts only."""
    if not may(user, Action.POST_BATCH, in_service=True):
        return []
    batches = (
        PostBatch.objects.filter(uploaded_by=user)
        .annotate(total=Count("files"), done=Count("files", filter=~Q(files__outcome="")))
        .order_by("-uploaded_at", "-id")[:RECENT_BATCHES]
    )
    return [BatchRow(b.public_id, b.uploaded_at, b.total, b.done) for b in batches]


@transaction.atomic
def post_batch(*, user: User, batch_id: UUID) -> BatchView:
    """How far the worker is with an upload of post and, once it is done, what became of each
    file. The case a file was filed into is read inside a processing for its resident: the
    page shows the case's number; while the worker is busy (and the page reloads itself)
    only counts are shown, so nothing is read again and again."""
    batch = PostBatch.objects.filter(public_id=batch_id).first()
    if batch is None or not may(user, Action.POST_BATCH, batch, in_service=True):
        raise NoSuchPost
    files = list(batch.files.all())
    done = sum(1 for f in files if f.outcome)
    counts: dict[str, int] = {
        outcome: sum(1 for f in files if f.outcome == outcome) for outcome in PostOutcome
    }
    view = BatchView(batch.public_id, batch.uploaded_at, len(files), done, [], counts)
    if done < len(files):
        return view
    cases: dict[int, Case] = {}
    filed = {f.case_id for f in files if f.case_id is not None}
    if filed:
        with processing(
            activity=activities.POST_INTAKE,
            actor=user,
            name="case.post.batch.view",
            subjects_follow=True,
        ) as current:
            for case in Case.objects.filter(pk__in=filed).select_related("resident"):
                current.add_subject(case.resident)
                cases[case.pk] = case
    for f in files:
        case = cases.get(f.case_id) if f.case_id is not None else None
        view.results.append(
            BatchFileRow(
                filename=_batch_file_name(batch, f.position, bytes(f.name_sealed)),
                outcome=f.outcome,
                case_id=case.public_id if case else None,
                case_number=case.number if case else "",
                reason=str(PostUnmatched(f.unmatched).label) if f.unmatched else "",
                message=f.message,
            )
        )
    return view
