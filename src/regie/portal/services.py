"""Every write of the portal: keyword-only arguments, one transaction, one processing-log
record per resident touched. The actor is whoever is logged in: the resident, or their legal
representative acting for them, so that everything a representative does is logged as theirs.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import BinaryIO
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.accounts import services as accounts_services
from regie.accounts.access import Action
from regie.accounts.models import Resident, User
from regie.accounts.selectors import bsn_index
from regie.cases import activities as case_activities
from regie.cases.models import CaseDecision, CaseDocument, DocumentSource
from regie.cases.selectors import NoSuchCase, case_in_gate, resident_name
from regie.cases.services import _contact_in_gate, document_store
from regie.core.bsn import is_valid_bsn, normalise_bsn
from regie.lawfulness import services as lawfulness_services
from regie.lawfulness.models import Consent, ConsentMethod, GivenBy
from regie.lawfulness.rules import decide, parse_scenario
from regie.portal import activities
from regie.portal.models import (
    Basis,
    CheckpointSeen,
    ConsentRequest,
    Message,
    MessageKind,
    Representation,
    RequestState,
)
from regie.portal.selectors import NotYours, _case_in_gate, resident_in_gate
from regie.processing_log import merkle
from regie.processing_log.gate import Actor, processing
from regie.processing_log.models import Checkpoint
from regie.processing_log.selectors import consistency_proof
from regie.vault.services import text_seal

REMARK_MAX = 1000
DATA_MAX = 500


def _notify(resident: Resident) -> None:
    """Tell the resident (and whoever represents them) that there is something new; never
    what: an e-mail may be read by others."""
    addresses = {resident.user.email} if resident.user and resident.user.email else set()
    addresses |= {
        link.representative.email
        for link in Representation.objects.filter(
            represented=resident, ended_at=None
        ).select_related("representative")
        if link.representative.email
    }
    if not addresses:
        return
    link = settings.REGIE_BASE_URL.rstrip("/") + reverse("portal:messages")
    send_mail(
        _("Something new in your Inwonercloud"),
        _(
            "There is something new for you in the resident portal of the municipality. "
            "Log in with DigiD to see it: %(link)s"
        )
        % {"link": link},
        None,
        sorted(addresses),
    )


def _message(resident: Resident, kind: MessageKind, case_id: int | None, about: UUID) -> bool:
    _made, created = Message.objects.get_or_create(
        about=about, defaults={"resident": resident, "kind": kind, "case_id": case_id}
    )
    return created


@transaction.atomic
def consent_request_create(
    *,
    actor: User,
    case_id: UUID,
    contact_id: UUID,
    data: str,
    valid_until: datetime,
) -> ConsentRequest:
    """A case worker asks the resident, in the portal, for the consent the engine said the
    contact with a care partner needs."""
    with processing(
        activity=case_activities.CASE_WORK,
        actor=actor,
        name="case.consent.request",
        subjects_follow=True,
    ) as current:
        case, contact = _contact_in_gate(actor, case_id, contact_id)
        current.add_subject(case.resident)
        decision = decide(parse_scenario(contact.scenario))
        if decision.consent_from is None:
            raise ValidationError(
                {"data": _("The lawfulness check says this exchange needs no consent.")}
            )
        data = data.strip()
        if not data:
            raise ValidationError({"data": _("Say which data the consent is about.")})
        if valid_until <= timezone.now():
            raise ValidationError({"valid_until": _("The consent must be valid in the future.")})
        item = ConsentRequest.objects.create(
            case=case,
            contact=contact,
            data_sealed=text_seal(
                resident_id=case.resident_id, text=data[:DATA_MAX], context="portal.data"
            ),
            valid_until=valid_until,
            requested_by=actor,
        )
        _message(case.resident, MessageKind.CONSENT_REQUEST, case.pk, item.public_id)
        _notify(case.resident)
        return item


@transaction.atomic
def consent_request_answer(
    *,
    actor: User,
    resident_id: UUID | None,
    request_id: UUID,
    grant: bool,
    remark: str = "",
) -> ConsentRequest:
    """Grant or refuse an open consent request. An answered request, or one whose validity
    has passed, cannot be answered again, so an old link never revives a consent."""
    with processing(
        activity=activities.PORTAL,
        actor=actor,
        name="portal.consent.grant" if grant else "portal.consent.refuse",
        subjects_follow=True,
    ) as current:
        resident = resident_in_gate(actor, resident_id)
        current.add_subject(resident)
        item = (
            ConsentRequest.objects.select_for_update()
            .filter(public_id=request_id, case__resident=resident)
            .first()
        )
        if item is None:
            raise NotYours
        now = timezone.now()
        if item.state != RequestState.OPEN:
            raise ValidationError(
                _("This request was answered already; it cannot be answered again.")
            )
        if item.valid_until <= now:
            raise ValidationError(_("This request has expired; it can no longer be granted."))
        remark = remark.strip()[:REMARK_MAX]
        if grant:
            from regie.vault.services import text_open

            own = resident.user_id == actor.pk
            item.consent = lawfulness_services.consent_record(
                resident=resident,
                scenario=parse_scenario(item.contact.scenario),
                data=text_open(
                    resident_id=resident.pk, blob=bytes(item.data_sealed), context="portal.data"
                ),
                given_by=GivenBy.RESIDENT if own else GivenBy.LEGAL_REPRESENTATIVE,
                representative="" if own else _representative_name(actor),
                method=ConsentMethod.PORTAL,
                given_at=now,
                valid_until=item.valid_until,
                recorded_by=actor,
                reference=str(item.contact.public_id),
            )
        item.state = RequestState.GRANTED if grant else RequestState.REFUSED
        item.answered_by = actor
        item.answered_at = now
        if remark:
            item.remark_sealed = text_seal(
                resident_id=resident.pk, text=remark, context="portal.remark"
            )
        item.save()
        return item


def _representative_name(user: User) -> str:
    own = Resident.objects.filter(user=user).first()
    return resident_name(own) if own is not None else user.get_full_name() or user.username


@transaction.atomic
def consent_withdraw(*, actor: User, resident_id: UUID | None, consent_id: UUID) -> Consent:
    """The resident withdraws a consent they (or their representative) gave."""
    with processing(
        activity=activities.PORTAL, actor=actor, name="portal.consent.read", subjects_follow=True
    ) as current:
        resident = resident_in_gate(actor, resident_id)
        current.add_subject(resident)
        consent = Consent.objects.filter(resident=resident, public_id=consent_id).first()
        if consent is None:
            raise NotYours
        return lawfulness_services.consent_withdraw(consent=consent, recorded_by=actor)


@dataclass(frozen=True)
class Receipt:
    """What arrived, as the resident is shown it: no digest, nothing they did not send."""

    title: str
    content_type: str
    extension: str
    size: int
    received_at: datetime


@transaction.atomic
def document_send(
    *,
    actor: User,
    resident_id: UUID | None,
    case_id: UUID,
    upload: BinaryIO,
    filename: str,
    title: str,
) -> Receipt:
    """The resident files a document into their case instead of e-mailing it; the vault
    checks, scans and encrypts it."""
    with processing(
        activity=activities.PORTAL, actor=actor, name="portal.document.send", subjects_follow=True
    ) as current:
        resident = resident_in_gate(actor, resident_id)
        current.add_subject(resident)
        case = _case_in_gate(actor, resident, case_id)
        document = document_store(
            case=case,
            upload=upload,
            filename=filename,
            title=title,
            source=DocumentSource.RESIDENT,
            added_by=actor,
        )
        return Receipt(
            title=title.strip(),
            content_type=document.file.content_type,
            extension=document.file.extension,
            size=document.file.size,
            received_at=document.added_at,
        )


@transaction.atomic
def message_read(*, actor: User, resident_id: UUID | None, message_id: UUID) -> Message:
    with processing(
        activity=activities.PORTAL, actor=actor, name="portal.message.read", subjects_follow=True
    ) as current:
        resident = resident_in_gate(actor, resident_id)
        current.add_subject(resident)
        message = (
            Message.objects.select_related("case")
            .filter(resident=resident, public_id=message_id)
            .first()
        )
        if message is None:
            raise NotYours
        if message.read_at is None:
            message.read_at = timezone.now()
            message.save(update_fields=["read_at"])
        return message


# Documents and decisions older than this are not announced any more (the first run after
# an installation must not flood residents with the past).
NOTIFY_WINDOW = timedelta(days=14)


@transaction.atomic
def messages_notify() -> int:
    """A message (and one e-mail) for every document the municipality or a care partner added
    and every decision taken in the last NOTIFY_WINDOW that has none yet. Idempotent."""
    try:
        return _messages_notify(timezone.now() - NOTIFY_WINDOW)
    except _Nothing:
        return 0


def _messages_notify(since: datetime) -> int:
    made = 0
    with processing(
        activity=activities.PORTAL,
        actor=Actor.system("portal.notify"),
        name="portal.message.notify",
        subjects_follow=True,
    ) as current:
        known = set(
            Message.objects.filter(created_at__gte=since - NOTIFY_WINDOW).values_list(
                "about", flat=True
            )
        )
        news: list[tuple[MessageKind, CaseDocument | CaseDecision]] = [
            (MessageKind.DOCUMENT, d)
            for d in CaseDocument.objects.filter(added_at__gte=since)
            .exclude(source=DocumentSource.RESIDENT)
            .select_related("case__resident")
        ]
        news += [
            (MessageKind.DECISION, d)
            for d in CaseDecision.objects.filter(created_at__gte=since).select_related(
                "case__resident"
            )
        ]
        touched: dict[int, Resident] = {}
        for kind, item in news:
            if item.public_id in known:
                continue
            resident = item.case.resident
            if _message(resident, kind, item.case_id, item.public_id):
                made += 1
                touched[resident.pk] = resident
        for resident in touched.values():
            current.add_subject(resident)
            _notify(resident)
        if not touched:
            # Nobody's data was touched beyond looking: leave no empty record.
            raise _Nothing
    return made


class _Nothing(Exception):
    pass


EVIDENCE_MAX = 500


@transaction.atomic
def representation_record(
    *,
    actor: User,
    case_id: UUID,
    bsn: str,
    basis: Basis | str,
    evidence: str,
    name: str = "",
) -> Representation:
    """Record, from the case of a minor or ward, that the resident with BSN is their legal
    representative on BASIS, with the EVIDENCE the case worker saw. Someone the municipality
    does not know yet is registered (under NAME) with the log-in account a first DigiD log-in
    would make, so they can log in and act. Both are subjects of the processing: who is
    represented, and whose BSN and name are read or recorded. The representative is told in
    the portal (and by an e-mail that says only that there is something new)."""
    bsn = normalise_bsn(bsn)
    if not is_valid_bsn(bsn):
        raise ValidationError({"bsn": _("This is not a valid BSN (it fails the 11-check).")})
    if basis not in Basis.values:
        raise ValidationError({"basis": _("Choose the basis of the representation.")})
    evidence = evidence.strip()
    if not evidence:
        raise ValidationError(
            {"evidence": _("Say which document shows the representation, and of which date.")}
        )
    with processing(
        activity=activities.REPRESENTATION,
        actor=actor,
        name="portal.representation.record",
        subjects_follow=True,
    ) as current:
        case = case_in_gate(actor, Action.REPRESENTATION_MANAGE, case_id)
        represented = case.resident
        current.add_subject(represented)
        if represented.bsn_index == bsn_index(bsn):
            raise ValidationError({"bsn": _("Nobody represents themselves.")})
        found = Resident.objects.select_for_update().filter(bsn_index=bsn_index(bsn)).first()
        person = found or accounts_services.resident_register(
            bsn=bsn, name=name.strip(), actor=actor
        )
        current.add_subject(person)
        representative = accounts_services.resident_user_ensure(resident=person)
        if Representation.objects.filter(
            represented=represented, representative=representative, ended_at=None
        ).exists():
            raise ValidationError(
                {"bsn": _("This person is already recorded as legal representative.")}
            )
        link = Representation.objects.create(
            represented=represented,
            representative=representative,
            basis=basis,
            evidence_sealed=text_seal(
                resident_id=represented.pk,
                text=evidence[:EVIDENCE_MAX],
                context="portal.representation.evidence",
            ),
            recorded_by=actor,
        )
        _message(person, MessageKind.REPRESENTATION, None, link.public_id)
        _notify(person)
        return link


@transaction.atomic
def representation_end(
    *, actor: User, case_id: UUID, representation_id: UUID, reason: str
) -> Representation:
    """End a legal representation (the child came of age, the court lifted the curatele, a
    new guardian was appointed). It stays as history; from now on the representative can no
    longer act for the resident, and is told so in the portal."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the representation ends.")})
    with processing(
        activity=activities.REPRESENTATION,
        actor=actor,
        name="portal.representation.end",
        subjects_follow=True,
    ) as current:
        case = case_in_gate(actor, Action.REPRESENTATION_MANAGE, case_id)
        current.add_subject(case.resident)
        link = (
            Representation.objects.select_for_update()
            .filter(public_id=representation_id, represented=case.resident)
            .select_related("representative")
            .first()
        )
        if link is None:
            raise NoSuchCase
        person = Resident.objects.filter(user=link.representative).first()
        if person is not None:
            current.add_subject(person)
        if link.ended_at is not None:
            raise ValidationError(_("This representation has ended already."))
        link.ended_at = timezone.now()
        link.ended_by = actor
        link.end_reason_sealed = text_seal(
            resident_id=case.resident_id,
            text=reason[:EVIDENCE_MAX],
            context="portal.representation.end",
        )
        link.save(update_fields=["ended_at", "ended_by", "end_reason_sealed"])
        if person is not None:
            _message(person, MessageKind.REPRESENTATION_ENDED, None, link.ended_about)
            _notify(person)
        return link


@transaction.atomic
def checkpoint_witness(*, actor: User, resident: Resident, checkpoint: Checkpoint | None) -> bool:
    """Remember CHECKPOINT as the latest the resident's page verified against, if it extends
    the one seen before. False when it does not: the log was rolled back or rewritten."""
    if checkpoint is None:
        return True
    root = bytes(checkpoint.root_hash)
    with processing(
        activity=activities.PORTAL, actor=actor, name="portal.log.witness", subjects=[resident]
    ):
        seen = CheckpointSeen.objects.select_for_update().filter(resident=resident).first()
        if seen is None:
            CheckpointSeen.objects.create(resident=resident, size=checkpoint.size, root_hash=root)
            return True
        old_root = bytes(seen.root_hash)
        if checkpoint.size < seen.size:
            return False
        if checkpoint.size == seen.size:
            return root == old_root
        proof = consistency_proof(old_size=seen.size, new_size=checkpoint.size)
        if not merkle.verify_consistency(seen.size, checkpoint.size, old_root, root, proof):
            return False
        seen.size, seen.root_hash = checkpoint.size, root
        seen.save(update_fields=["size", "root_hash", "seen_at"])
        return True
