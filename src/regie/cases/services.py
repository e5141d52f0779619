"""Every write of the cases app: keyword-only arguments, one transaction, one processing-log
record per resident touched, written in that same transaction.

Services that act on an existing case take the acting user and the case's public id, and load
the case inside their own processing with the one access decision (`case_in_gate`): a case the
user may not work on is answered as if it did not exist.
"""

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any, BinaryIO, cast
from uuid import UUID

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from regie.accounts import services as accounts_services
from regie.accounts.access import Action, may
from regie.accounts.models import Resident, Role, User
from regie.cases import activities, ocr, post
from regie.cases.anonymise import fingerprint
from regie.cases.models import (
    AddressReveal,
    CareContact,
    Case,
    CaseDecision,
    CaseDocument,
    Consultation,
    DecisionOutcome,
    DocumentSource,
    InvolvedPerson,
    InvolvedRole,
    Law,
    Note,
    PostBatch,
    PostBatchFile,
    PostChannel,
    PostItem,
    PostOpening,
    PostOutcome,
    PostStatus,
    PostUnmatched,
    Status,
)
from regie.cases.selectors import (
    REVEAL_VALID_HOURS,
    NoSuchCase,
    NoSuchPost,
    address_of,
    age_on,
    anonymised_for,
    batch_file_name_context,
    birth_date_of,
    case_in_gate,
)
from regie.core import crypto
from regie.core.gate import system_access
from regie.core.services import serial_take
from regie.lawfulness import services as lawfulness_services
from regie.lawfulness.models import Consent, Objection, TransparencyNotice
from regie.lawfulness.rules import Scenario, ScenarioError, decide, parse_scenario
from regie.processing_log.gate import Actor, Earlier, processed_earlier, processing
from regie.processing_log.models import ActorKind
from regie.vault import scan, uploads
from regie.vault.services import (
    Checked,
    file_accept,
    file_check,
    file_store,
    held_delete,
    held_open,
    held_release,
    held_store,
    text_seal,
)

NOTE_MAX = 10_000


def _required(field: str, value: str, message: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationError({field: message})
    return value


def _next_number(law: str) -> str:
    """The next number for LAW this year; inside the caller's processing. Two cases opened at
    the same instant get consecutive numbers (the series' counter is locked)."""
    year = timezone.localdate().year
    stem = post.number_stem(law, year)
    in_use = Case.objects.filter(number__startswith=stem).values_list("number", flat=True)
    return post.case_number(law, year, serial_take(series=stem, in_use=in_use))


def _new_cover_code() -> str:
    while True:
        code = post.new_cover_code()
        if not Case.objects.filter(cover_code=code).exists():
            return code


@transaction.atomic
def case_open(
    *,
    resident: Resident,
    law: Law | str,
    consulent: User,
    birth_date: date,
    actor: "User | Actor",
    address: str = "",
    address_confidential: bool = False,
    is_demo: bool = False,
) -> Case:
    """Open a case for RESIDENT under LAW with CONSULENT; the resident joins their caseload."""
    if law not in Law.values:
        raise ValidationError(
            {"law": _("Choose the Wmo 2015, the Jeugdwet or the Participatiewet.")}
        )
    if consulent.role != Role.CONSULENT or not consulent.is_active:
        raise ValidationError({"consulent": _("Only an active case worker can hold a case.")})
    if birth_date > timezone.localdate():
        raise ValidationError({"birth_date": _("A date of birth cannot lie in the future.")})
    with processing(
        activity=activities.CASE_WORK, actor=actor, name="case.open", subjects=[resident]
    ):
        accounts_services.caseload_assign(consulent=consulent, resident=resident, assigned_by=actor)
        return Case.objects.create(
            number=_next_number(str(law)),
            cover_code=_new_cover_code(),
            resident=resident,
            law=law,
            consulent=consulent,
            birth_date_sealed=text_seal(
                resident_id=resident.pk, text=birth_date.isoformat(), context="case.birth_date"
            ),
            address_sealed=text_seal(
                resident_id=resident.pk, text=address.strip(), context="case.address"
            )
            if address.strip()
            else None,
            address_confidential=address_confidential and bool(address.strip()),
            is_demo=is_demo,
        )


@transaction.atomic
def case_status_set(*, actor: User, case_id: UUID, status: Status | str) -> Case:
    if status not in Status.values:
        raise ValidationError({"status": _("Choose one of the statuses offered.")})
    with processing(
        activity=activities.CASE_WORK, actor=actor, name="case.status", subjects_follow=True
    ) as current:
        case = case_in_gate(actor, Action.CASE_WORK, case_id)
        current.add_subject(case.resident)
        case.status = status
        case.save(update_fields=["status"])
        return case


@transaction.atomic
def case_address_set(*, actor: User, case_id: UUID, address: str, confidential: bool) -> None:
    """Record the resident's address; a confidential one (a shelter) is masked from then on."""
    address = _required("address", address, _("Enter the address."))
    with processing(
        activity=activities.CASE_WORK, actor=actor, name="case.address", subjects_follow=True
    ) as current:
        case = case_in_gate(actor, Action.CASE_WORK, case_id)
        current.add_subject(case.resident)
        if case.address_confidential and not confidential:
            raise ValidationError(
                {
                    "confidential": _(
                        "A confidential address stays confidential; ask the privacy officer "
                        "to lift it."
                    )
                }
            )
        case.address_sealed = text_seal(
            resident_id=case.resident_id, text=address, context="case.address"
        )
        case.address_confidential = confidential
        case.save(update_fields=["address_sealed", "address_confidential"])


@transaction.atomic
def note_add(*, actor: User, case_id: UUID, text: str) -> Note:
    text = _required("text", text, _("Write the note."))
    if len(text) > NOTE_MAX:
        raise ValidationError(
            {"text": _("A note can hold at most %(max)d characters.") % {"max": NOTE_MAX}}
        )
    with processing(
        activity=activities.CASE_WORK, actor=actor, name="case.note.add", subjects_follow=True
    ) as current:
        case = case_in_gate(actor, Action.CASE_WORK, case_id)
        current.add_subject(case.resident)
        return Note.objects.create(
            case=case,
            author=actor,
            text_sealed=text_seal(resident_id=case.resident_id, text=text, context="case.note"),
        )


@transaction.atomic
def decision_add(
    *, actor: User, case_id: UUID, outcome: DecisionOutcome | str, decided_on: date, text: str
) -> CaseDecision:
    if outcome not in DecisionOutcome.values:
        raise ValidationError({"outcome": _("Choose granted, partly granted or refused.")})
    text = _required("text", text, _("Describe the decision."))
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("A decision cannot be dated in the future.")})
    with processing(
        activity=activities.CASE_WORK, actor=actor, name="case.decision.add", subjects_follow=True
    ) as current:
        case = case_in_gate(actor, Action.CASE_WORK, case_id)
        current.add_subject(case.resident)
        return CaseDecision.objects.create(
            case=case,
            author=actor,
            outcome=outcome,
            decided_on=decided_on,
            text_sealed=text_seal(resident_id=case.resident_id, text=text, context="case.decision"),
        )


@transaction.atomic
def involved_person_add(
    *, actor: "User", case_id: UUID, role: InvolvedRole | str, name: str, contact: str = ""
) -> InvolvedPerson:
    if role not in InvolvedRole.values:
        raise ValidationError({"role": _("Choose the role this person has.")})
    name = _required("name", name, _("Enter the person's name."))
    with processing(
        activity=activities.CASE_WORK, actor=actor, name="case.involved.add", subjects_follow=True
    ) as current:
        case = case_in_gate(actor, Action.CASE_WORK, case_id)
        current.add_subject(case.resident)
        return InvolvedPerson.objects.create(
            case=case,
            author=actor,
            role=role,
            name_sealed=text_seal(
                resident_id=case.resident_id, text=name, context="case.involved.name"
            ),
            contact_sealed=text_seal(
                resident_id=case.resident_id, text=contact.strip(), context="case.involved.contact"
            ),
        )


@transaction.atomic
def exchange_assess(
    *, actor: User, case_id: UUID, partner: str, answers: dict[str, Any], summary: str
) -> CareContact:
    """Ask the lawfulness engine about a proposed exchange with a care partner, and record the
    contact with the decision it rests on. The law and the resident's age come from the case;
    ANSWERS holds the other input fields of the engine."""
    partner = _required("partner", partner, _("Name the care partner."))
    summary = _required("summary", summary, _("Say which data would be exchanged and why."))
    with processing(
        activity=activities.EXCHANGE, actor=actor, name="exchange.assess", subjects_follow=True
    ) as current:
        case = case_in_gate(actor, Action.CASE_WORK, case_id)
        current.add_subject(case.resident)
        age = age_on(birth_date_of(case), timezone.localdate())
        data = {**answers, "law": case.law, "subject_age": age}
        if not 12 <= age <= 17:
            data.pop("subject_capable", None)
        try:
            decision = decide(parse_scenario(data))
        except ScenarioError as exc:
            raise ValidationError({exc.field or NON_FIELD_ERRORS: exc.message}) from None
        result = decision.as_json()
        # The record names the rules the exchange rested on, as the lawfulness records do.
        current.name = lawfulness_services.log_name("exchange.assess", decision)
        return CareContact.objects.create(
            case=case,
            author=actor,
            partner=partner,
            scenario=data,
            decision=result,
            outcome=result["outcome"],
            summary_sealed=text_seal(
                resident_id=case.resident_id, text=summary, context="case.contact.summary"
            ),
        )


@transaction.atomic
def consultation_share(
    *, actor: User, case_id: UUID, colleague: User, question: str, checked: str
) -> Consultation:
    """Share the anonymised summary of the case with COLLEAGUE, asking QUESTION. CHECKED is
    the fingerprint of the summary the case worker saw: if the case or the question changed
    since, nothing is shared and they must look again."""
    question = _required("question", question, _("Write the question for your colleague."))
    if colleague == actor or colleague.role not in {Role.CONSULENT, Role.TEAMLEIDER}:
        raise ValidationError({"colleague": _("Choose another case worker or a team leader.")})
    if not colleague.is_active:
        raise ValidationError({"colleague": _("This colleague's account is deactivated.")})
    with processing(
        activity=activities.CONSULTATION,
        actor=actor,
        name="consultation.share",
        subjects_follow=True,
    ) as current:
        case = case_in_gate(actor, Action.CASE_WORK, case_id)
        current.add_subject(case.resident)
        result = anonymised_for(case, question)
        if fingerprint(result) != checked:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: _(
                        "The summary changed since you checked it. Check it again before you "
                        "share it."
                    )
                }
            )
        return Consultation.objects.create(
            case=case,
            author=actor,
            colleague=colleague,
            summary_sealed=text_seal(
                resident_id=case.resident_id, text=result.text, context="case.consultation.summary"
            ),
            replaced=len(result.replacements),
        )


def address_reveal_request(
    *, actor: User, case_id: UUID, reason: str, password: str
) -> AddressReveal:
    """Ask to see a confidential address: a reason, and the password again (re-authentication)
    so that an unattended session cannot do it. A team leader then decides. Not one
    transaction: a wrong password must be counted towards the lock-out even though the
    request itself is refused."""
    reason = _required("reason", reason, _("Say why you need to see the address."))
    _reauthenticate(actor, password)
    return _address_reveal_create(actor=actor, case_id=case_id, reason=reason)


def _reauthenticate(user: User, password: str) -> None:
    # The same lock-out as the log-in page: guessing here is guessing there.
    if accounts_services.login_is_locked(username=user.username):
        raise ValidationError({"password": _("Too many wrong passwords; try again later.")})
    if not password or not user.check_password(password):
        accounts_services.login_failed(username=user.username)
        raise ValidationError({"password": _("This password is incorrect.")})
    accounts_services.login_succeeded(username=user.username)


@transaction.atomic
def _address_reveal_create(*, actor: User, case_id: UUID, reason: str) -> AddressReveal:
    with processing(
        activity=activities.CONFIDENTIAL_ADDRESS,
        actor=actor,
        name="address.reveal.request",
        subjects_follow=True,
    ) as current:
        case = case_in_gate(actor, Action.CASE_WORK, case_id)
        current.add_subject(case.resident)
        if not case.address_confidential:
            raise ValidationError({"reason": _("This address is not confidential.")})
        return AddressReveal.objects.create(
            case=case,
            author=actor,
            reason_sealed=text_seal(
                resident_id=case.resident_id, text=reason, context="case.address_reveal.reason"
            ),
        )


def _reveal_in_gate(user: User, action: Action, public_id: UUID) -> AddressReveal:
    reveal = (
        AddressReveal.objects.select_related("case__resident", "author")
        .filter(public_id=public_id)
        .first()
    )
    if reveal is None or not may(user, action, reveal, in_service=True):
        raise NoSuchCase
    return reveal


@transaction.atomic
def address_reveal_decide(*, actor: User, reveal_id: UUID, approve: bool) -> AddressReveal:
    """The team leader's second signature on a request to see a confidential address."""
    with processing(
        activity=activities.CONFIDENTIAL_ADDRESS,
        actor=actor,
        name="address.reveal.approve" if approve else "address.reveal.refuse",
        subjects_follow=True,
    ) as current:
        reveal = _reveal_in_gate(actor, Action.CASE_ADDRESS_APPROVE, reveal_id)
        current.add_subject(reveal.case.resident)
        if reveal.approved is not None:
            raise ValidationError({NON_FIELD_ERRORS: _("This request has already been decided.")})
        if reveal.author_id == actor.pk:
            raise ValidationError({NON_FIELD_ERRORS: _("You cannot approve your own request.")})
        reveal.approved = approve
        reveal.decided_by = actor
        reveal.decided_at = timezone.now()
        reveal.save(update_fields=["approved", "decided_by", "decided_at"])
        return reveal


@transaction.atomic
def address_reveal_open(*, actor: User, reveal_id: UUID, alerts_url: str) -> str:
    """Show the confidential address once, to whoever asked, after approval; the privacy
    officer is alerted by e-mail (without personal data) and sees it in the supervision list."""
    with processing(
        activity=activities.CONFIDENTIAL_ADDRESS,
        actor=actor,
        name="address.reveal",
        subjects_follow=True,
    ) as current:
        reveal = _reveal_in_gate(actor, Action.CASE_WORK, reveal_id)
        current.add_subject(reveal.case.resident)
        if reveal.author_id != actor.pk or reveal.approved is not True:
            raise NoSuchCase
        if reveal.revealed_at is not None:
            raise ValidationError(
                {NON_FIELD_ERRORS: _("The address was already shown; ask again if you need it.")}
            )
        assert reveal.decided_at is not None
        if timezone.now() - reveal.decided_at > timedelta(hours=REVEAL_VALID_HOURS):
            raise ValidationError({NON_FIELD_ERRORS: _("The approval has expired; ask again.")})
        reveal.revealed_at = timezone.now()
        reveal.save(update_fields=["revealed_at"])
        address = address_of(reveal.case)
    recipients = list(
        User.objects.filter(role=Role.PRIVACY_OFFICER, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if recipients:
        transaction.on_commit(
            lambda: send_mail(
                _("Regie: a confidential address was revealed"),
                _(
                    "A staff member has seen a confidential address after a team leader's "
                    "approval. See the details in Regie: %(url)s"
                )
                % {"url": alerts_url},
                settings.DEFAULT_FROM_EMAIL,
                recipients,
            )
        )
    return address


def _contact_in_gate(user: User, case_id: UUID, contact_id: UUID) -> tuple[Case, CareContact]:
    case = case_in_gate(user, Action.CASE_WORK, case_id)
    contact = CareContact.objects.filter(case=case, public_id=contact_id).first()
    if contact is None:
        raise NoSuchCase
    return case, contact


def _with_contact(
    actor: User, case_id: UUID, contact_id: UUID, extra: dict[str, Any] | None = None
) -> tuple[Case, CareContact, Scenario]:
    """Inside an open processing: the case, the contact and the scenario the engine decided
    on, with EXTRA answers (an objection) added."""
    case, contact = _contact_in_gate(actor, case_id, contact_id)
    try:
        scenario = parse_scenario({**contact.scenario, **(extra or {})})
    except ScenarioError as exc:
        raise ValidationError({exc.field or NON_FIELD_ERRORS: exc.message}) from None
    return case, contact, scenario


@transaction.atomic
def contact_consent_record(
    *, actor: User, case_id: UUID, contact_id: UUID, **fields: Any
) -> Consent:
    """Record the specific consent the engine asked for on a contact with a care partner."""
    with processing(
        activity=activities.CASE_WORK, actor=actor, name="case.contact.read", subjects_follow=True
    ) as current:
        case, contact, scenario = _with_contact(actor, case_id, contact_id)
        current.add_subject(case.resident)
        return lawfulness_services.consent_record(
            resident=case.resident,
            scenario=scenario,
            recorded_by=actor,
            reference=str(contact.public_id),
            **fields,
        )


@transaction.atomic
def contact_notice_record(
    *, actor: User, case_id: UUID, contact_id: UUID, **fields: Any
) -> TransparencyNotice:
    """Record what the resident was told about a contact with a care partner."""
    with processing(
        activity=activities.CASE_WORK, actor=actor, name="case.contact.read", subjects_follow=True
    ) as current:
        case, contact, scenario = _with_contact(actor, case_id, contact_id)
        current.add_subject(case.resident)
        return lawfulness_services.notice_record(
            resident=case.resident,
            scenario=scenario,
            recorded_by=actor,
            reference=str(contact.public_id),
            **fields,
        )


@transaction.atomic
def contact_objection_record(
    *, actor: User, case_id: UUID, contact_id: UUID, safety_at_risk: bool, **fields: Any
) -> Objection:
    """Record that the resident objects to a contact (or refuses consent for it), and the
    option chosen; the engine decides again with the objection and the safety risk."""
    with processing(
        activity=activities.CASE_WORK, actor=actor, name="case.contact.read", subjects_follow=True
    ) as current:
        case, contact, scenario = _with_contact(
            actor,
            case_id,
            contact_id,
            {"objection": True, "safety_at_risk": safety_at_risk},
        )
        current.add_subject(case.resident)
        return lawfulness_services.objection_record(
            resident=case.resident,
            scenario=scenario,
            recorded_by=actor,
            reference=str(contact.public_id),
            **fields,
        )


@transaction.atomic
def case_consent_withdraw(*, actor: User, case_id: UUID, consent_id: UUID) -> Consent:
    """The resident withdraws a consent recorded in this case; from now on it allows nothing."""
    with processing(
        activity=activities.CASE_WORK, actor=actor, name="case.consent.read", subjects_follow=True
    ) as current:
        case = case_in_gate(actor, Action.CASE_WORK, case_id)
        current.add_subject(case.resident)
        consent = Consent.objects.filter(resident=case.resident, public_id=consent_id).first()
        if consent is None:
            raise NoSuchCase
        return lawfulness_services.consent_withdraw(consent=consent, recorded_by=actor)


@transaction.atomic
def case_objection_countersign(*, actor: User, case_id: UUID, objection_id: UUID) -> Objection:
    """A team leader's second signature on involuntary service recorded in this case."""
    with processing(
        activity=activities.CASE_WORK, actor=actor, name="case.objection.read", subjects_follow=True
    ) as current:
        case = case_in_gate(actor, Action.CASE_VIEW, case_id)
        current.add_subject(case.resident)
        objection = Objection.objects.filter(resident=case.resident, public_id=objection_id).first()
        if objection is None:
            raise NoSuchCase
        return lawfulness_services.objection_countersign(objection=objection, teamleider=actor)


TITLE_MAX = 200


def _refusal(error: uploads.UploadRefused | scan.ScanRefused) -> str:
    """The message for the person uploading, in their language."""
    if isinstance(error, uploads.UploadRefused):
        return str(error.message)
    if error.code == "infected":
        return _("The file contains a virus and was not accepted.")
    return _("The file could not be checked for viruses, so it was not accepted. Try again later.")


def document_store(
    *,
    case: Case,
    upload: BinaryIO,
    filename: str,
    title: str,
    source: DocumentSource | str,
    added_by: User | None,
) -> CaseDocument:
    """File an upload into CASE, inside the caller's processing: checked, scanned and encrypted
    by the vault; a refusal is a ValidationError on the field "file" and stores nothing."""
    title = _required("title", title, _("Give the document a title."))[:TITLE_MAX]
    try:
        stored = file_accept(resident=case.resident, source=upload, filename=filename)
    except (uploads.UploadRefused, scan.ScanRefused) as error:
        raise ValidationError({"file": _refusal(error)}) from None
    return CaseDocument.objects.create(
        case=case,
        file=stored,
        title_sealed=text_seal(resident_id=case.resident_id, text=title, context="case.document"),
        source=source,
        added_by=added_by,
    )


@transaction.atomic
def document_add(
    *, actor: User, case_id: UUID, upload: BinaryIO, filename: str, title: str
) -> CaseDocument:
    """A case worker adds a document to a case."""
    with processing(
        activity=activities.CASE_WORK, actor=actor, name="case.document.add", subjects_follow=True
    ) as current:
        case = case_in_gate(actor, Action.CASE_WORK, case_id)
        current.add_subject(case.resident)
        return document_store(
            case=case,
            upload=upload,
            filename=filename,
            title=title,
            source=DocumentSource.STAFF,
            added_by=actor,
        )


# Incoming post ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PostResult:
    """What became of one scanned file, for the person or scanner that delivered it. FILENAME
    is only echoed back to them; it is never stored in clear (a name can itself be personal
    data). UNMATCHED says why a queued file found no case."""

    filename: str
    outcome: PostOutcome
    case: Case | None = None
    unmatched: str = ""
    message: str = ""

    @property
    def case_number(self) -> str:
        return self.case.number if self.case else ""


@dataclass(frozen=True)
class _Page:
    """What the intake reads from the first page (where the cover sheet lies)."""

    text: str
    pages: int
    unreadable: PostUnmatched | None = None  # why no text could be had, if none was


def _first_page(clean: BinaryIO) -> _Page:
    """The text of the first page and the number of pages. A page with no text layer (a scan
    that is only a picture) is read by text recognition, if there is a reader."""
    try:
        reader = PdfReader(clean)
        text, pages = reader.pages[0].extract_text() or "", len(reader.pages)
    except (PdfReadError, ValueError, KeyError, IndexError):
        # The vault accepted it as a PDF; a page without readable text matches nothing.
        return _Page("", 0)
    finally:
        clean.seek(0)
    if text.strip() or not pages:
        return _Page(text, pages)
    try:
        recognised = ocr.first_page_text(clean.read())
    except ocr.ReadingFailed:
        return _Page("", pages, PostUnmatched.NO_OCR)
    finally:
        clean.seek(0)
    return _Page(recognised, pages, None if recognised.strip() else PostUnmatched.NO_TEXT)


def _resolve(actor: "User | Actor", text: str, filename: str) -> tuple[Case | None, str]:
    """The case TEXT (or the file name) names, and whether ACTOR may file into it; else the
    reason it stays unmatched. A cover-sheet code outranks a case number; a code as read that
    names no case is tried with its look-alike characters swapped (text recognition), and
    then the case number is. Only the existence of a case is looked up here, nothing of it
    is shown: the filing that follows is the logged processing."""
    refs = post.find_references(text)
    if refs.empty:
        refs = post.find_references(filename)
    if refs.empty:
        return None, PostUnmatched.NOTHING_FOUND
    with system_access("finding the case a scanned letter names; nothing of it is shown"):
        cases = _by_code(refs.codes)
        if not cases and refs.numbers:
            if len(refs.numbers) > 1:
                return None, PostUnmatched.SEVERAL
            cases = list(Case.objects.filter(number__in=refs.numbers).select_related("resident"))
        if len(cases) > 1:
            return None, PostUnmatched.SEVERAL
        if not cases:
            return None, PostUnmatched.UNKNOWN
        case = cases[0]
        if isinstance(actor, User) and not may(actor, Action.POST_INTAKE, case, in_service=True):
            return None, PostUnmatched.NOT_ALLOWED
    return case, ""


def _by_code(codes: frozenset[str]) -> list[Case]:
    """The cases CODES name as read, or failing that, as they may have been before reading
    swapped look-alike characters. Several codes for several cases are for a person to sort."""
    related = Case.objects.select_related("resident")
    exact = list(related.filter(cover_code__in=codes))
    if exact or not codes:
        return exact
    return list(related.filter(cover_code__in=set().union(*map(post.lookalike_codes, codes))))


def _post_title() -> str:
    return _("Incoming post of %(date)s") % {"date": timezone.localdate().strftime("%d-%m-%Y")}


@dataclass(frozen=True)
class _Read:
    """A scanned file that passed the checks, and what its first page says."""

    checked: Checked
    page: _Page


def _post_read(*, upload: BinaryIO, filename: str) -> _Read | str:
    """Check, clean and scan one scanned PDF and read its first page; or why it is refused.
    The slow part (the virus scan, text recognition at seconds a page), so it holds no
    database transaction open."""
    try:
        checked = file_check(source=upload, filename=filename, only=frozenset({"pdf"}))
    except (uploads.UploadRefused, scan.ScanRefused) as error:
        return _refusal(error)
    return _Read(checked, _first_page(checked.clean))


def post_receive(
    *,
    actor: "User | Actor",
    upload: BinaryIO,
    filename: str,
    channel: PostChannel | str,
    is_demo: bool = False,
) -> PostResult:
    """Take in one scanned PDF: check, clean and scan it (a refusal stores nothing), then file
    it into the case its cover sheet or case number names, encrypted under that resident's
    key, or hold it encrypted in the queue for a team leader (in one transaction)."""
    read = _post_read(upload=upload, filename=filename)
    if isinstance(read, str):
        return PostResult(filename, PostOutcome.REFUSED, message=read)
    return _post_place(actor=actor, read=read, filename=filename, channel=channel, is_demo=is_demo)


@transaction.atomic
def _post_place(
    *,
    actor: "User | Actor",
    read: _Read,
    filename: str,
    channel: PostChannel | str,
    is_demo: bool = False,
) -> PostResult:
    """File what `_post_read` passed into the case it names, or queue it."""
    checked, page = read.checked, read.page
    case, unmatched = _resolve(actor, page.text, filename)
    if case is None:
        if unmatched == PostUnmatched.NOTHING_FOUND and page.unreadable:
            unmatched = page.unreadable
        held = held_store(
            source=checked.clean,
            content_type=checked.kind.content_type,
            extension=checked.kind.extension,
        )
        PostItem.objects.create(
            held=held,
            channel=channel,
            unmatched=unmatched,
            pages=page.pages,
            received_by=actor if isinstance(actor, User) else None,
            is_demo=is_demo,
        )
        return PostResult(filename, PostOutcome.QUEUED, unmatched=unmatched)
    with processing(
        activity=activities.POST_INTAKE,
        actor=actor,
        name="case.post.receive",
        subjects=[case.resident],
    ):
        stored = file_store(
            resident=case.resident,
            source=checked.clean,
            content_type=checked.kind.content_type,
            extension=checked.kind.extension,
        )
        CaseDocument.objects.create(
            case=case,
            file=stored,
            title_sealed=text_seal(
                resident_id=case.resident_id, text=_post_title(), context="case.document"
            ),
            source=DocumentSource.POST,
            added_by=actor if isinstance(actor, User) else None,
        )
    return PostResult(filename, PostOutcome.FILED, case=case)


# How long the uploader sees under which file name each scan of a batch was taken in. A name
# can name a resident, and is sealed under the KEK, not the resident's key, so shredding a
# resident would not reach it: it is forgotten after this, the outcome stays.
BATCH_NAME_DAYS = 14


@transaction.atomic
def post_batch_names_forget(*, now: datetime | None = None) -> int:
    """Forget the file names of batch files taken in more than BATCH_NAME_DAYS ago; returns
    how many were forgotten. Idempotent."""
    before = (now or timezone.now()) - timedelta(days=BATCH_NAME_DAYS)
    return (
        PostBatchFile.objects.filter(done_at__lt=before)
        .exclude(name_sealed=b"")
        .update(name_sealed=b"")
    )


@transaction.atomic
def post_batch_receive(*, actor: User, scans: Sequence[UploadedFile], language: str) -> PostBatch:
    """Take an upload of scanned post in at once: each file is held encrypted (a key of its
    own) in a new batch, and the task worker takes them in after the commit
    (`post_batch_work`); the uploader follows it on the batch's page. A file larger than Regie
    accepts is refused here already, and nothing of it is held."""
    batch = PostBatch.objects.create(uploaded_by=actor, language=language)
    for position, scan_file in enumerate(scans, start=1):
        row = PostBatchFile(
            batch=batch,
            position=position,
            name_sealed=crypto.seal(
                scan_file.name or "", context=batch_file_name_context(batch.public_id, position)
            ),
        )
        try:
            uploads.check_size(scan_file.size or 0)
        except uploads.UploadRefused as error:
            row.outcome, row.message = PostOutcome.REFUSED, str(error.message)
            row.done_at = timezone.now()
        else:
            # What it is, the worker finds out; until then it is only bytes to keep safe.
            row.held = held_store(
                source=cast(BinaryIO, scan_file),
                content_type="application/octet-stream",
                extension="",
            )
        row.save()
    # Here, not at the top: the task module imports this one.
    from regie.cases.tasks import post_batch_take_in

    transaction.on_commit(partial(post_batch_take_in.enqueue, str(batch.public_id)))
    return batch


def post_batch_work(*, batch_id: UUID) -> int:
    """Take in every file of the batch that still waits, each in a transaction of its own so
    that the batch's page shows the progress; returns how many were taken in. Run twice, the
    second run finds nothing left to do."""
    batch = PostBatch.objects.select_related("uploaded_by").get(public_id=batch_id)
    waiting = batch.files.filter(outcome="").values_list("pk", flat=True)
    with translation.override(batch.language):
        return sum(_batch_file_take_in(batch, pk) for pk in list(waiting))


def _batch_file_take_in(batch: PostBatch, pk: int) -> int:
    """Take in one held file as `post_receive` takes in any other: read it outside a
    transaction, then place it, record its outcome and delete the held copy in one (what is
    filed or queued is held once, where it now is)."""
    row = PostBatchFile.objects.select_related("held").filter(pk=pk, outcome="").first()
    if row is None or row.held is None:
        return 0  # another worker took it in
    name = crypto.unseal(
        bytes(row.name_sealed), context=batch_file_name_context(batch.public_id, row.position)
    )
    with tempfile.SpooledTemporaryFile(
        max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE, dir=settings.FILE_UPLOAD_TEMP_DIR
    ) as body:
        for chunk in held_open(row.held):
            body.write(chunk)
        body.seek(0)
        read = _post_read(upload=body, filename=name)  # type: ignore[arg-type]
        return _batch_file_record(batch=batch, pk=pk, filename=name, read=read)


@transaction.atomic
def _batch_file_record(*, batch: PostBatch, pk: int, filename: str, read: _Read | str) -> int:
    row = (
        PostBatchFile.objects.select_for_update(of=("self",))
        .select_related("held")
        .filter(pk=pk, outcome="")
        .first()
    )
    if row is None or row.held is None:
        return 0  # another worker took it in meanwhile
    held = row.held
    if isinstance(read, str):
        result = PostResult(filename, PostOutcome.REFUSED, message=read)
    else:
        result = _post_place(
            actor=batch.uploaded_by, read=read, filename=filename, channel=PostChannel.UPLOAD
        )
    row.held = None
    row.outcome = result.outcome
    row.case = result.case
    row.unmatched = result.unmatched
    row.message = result.message[:300]
    row.done_at = timezone.now()
    row.save(update_fields=["held", "outcome", "case", "unmatched", "message", "done_at"])
    held_delete(held=held)
    return 1


def _waiting_item(actor: User, item_id: UUID) -> PostItem:
    if not may(actor, Action.POST_QUEUE, in_service=True):
        raise NoSuchPost
    item = (
        PostItem.objects.select_for_update(of=("self",))
        .select_related("held")
        .filter(public_id=item_id, status=PostStatus.WAITING)
        .first()
    )
    if item is None or item.held is None:
        raise NoSuchPost
    return item


def _decided(item: PostItem, actor: User, status: PostStatus) -> None:
    item.held = None
    item.status = status
    item.decided_by = actor
    item.decided_at = timezone.now()
    item.save(update_fields=["held", "status", "decided_by", "decided_at"])


@transaction.atomic
def post_file(*, actor: User, item_id: UUID, case_number: str, title: str = "") -> CaseDocument:
    """A team leader files a waiting item into a case of their team, by its number: the held
    copy is re-encrypted under the resident's key and deleted. Whoever opened the scan while
    it waited now has a record in the resident's processing log, at the time they opened it:
    only now is it known whose letter they read."""
    item = _waiting_item(actor, item_id)
    number = case_number.strip().upper()
    with processing(
        activity=activities.POST_INTAKE, actor=actor, name="case.post.file", subjects_follow=True
    ) as current:
        case = Case.objects.select_related("resident").filter(number=number).first()
        if case is None or not may(actor, Action.POST_INTAKE, case, in_service=True):
            raise ValidationError(
                {"case_number": _("There is no case with this number in your team's caseload.")}
            )
        current.add_subject(case.resident)
        assert item.held is not None
        stored = held_release(held=item.held, resident=case.resident)
        document = CaseDocument.objects.create(
            case=case,
            file=stored,
            title_sealed=text_seal(
                resident_id=case.resident_id,
                text=(title.strip() or _post_title())[:TITLE_MAX],
                context="case.document",
            ),
            source=DocumentSource.POST,
            added_by=actor,
        )
        processed_earlier(
            activity=activities.POST_INTAKE,
            name="case.post.queue.opened",
            subject=case.resident,
            earlier=[
                Earlier(
                    actor=Actor(ActorKind.STAFF, str(o.opened_by.public_id), o.role),
                    trace_id=o.trace_id,
                    span_id=o.span_id,
                    start_time=o.opened_at,
                    end_time=o.opened_at,
                )
                for o in PostOpening.objects.filter(item=item).select_related("opened_by")
            ],
        )
    _decided(item, actor, PostStatus.FILED)
    return document


@transaction.atomic
def post_reject(*, actor: User, item_id: UUID) -> None:
    """A team leader rejects a waiting item (not for this municipality, a blank page): its
    encrypted body is deleted; the row stays as the record of the decision, and so do the
    openings of its scan (nobody's log gets them: whose it was stays unknown)."""
    item = _waiting_item(actor, item_id)
    assert item.held is not None
    held_delete(held=item.held)
    _decided(item, actor, PostStatus.REJECTED)
