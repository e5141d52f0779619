"""Sharing documents of a case with an external care professional, instead of e-mailing them.

Before a share exists: the engine allowed the exchange on the case's contact with the care
partner (or the consent it asked for is in force), the partner has a signed processor agreement
where one is needed, and the data-loss check found nothing that blocks it (a warning needs a
reason). The recipient gets an e-mail with a link and nothing personal; the link works only with
a one-time code sent to their registered address, within its validity and download limit, until
it is revoked. Every step is a processing-log record the resident sees.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, BinaryIO
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.accounts.access import Action
from regie.accounts.models import Professional, User
from regie.cases import activities as case_activities
from regie.cases.models import CareContact, Case, CaseDocument, DocumentSource, InvolvedPerson
from regie.cases.selectors import Download, case_in_gate, download_name
from regie.cases.services import document_store
from regie.core.crypto import unseal
from regie.core.gate import system_access
from regie.exchange import dlp, extract
from regie.exchange.models import Share, ShareItem, ShareReturn
from regie.lawfulness.selectors import consent_in_force
from regie.processing_log.gate import Actor, processing
from regie.processing_log.models import ActorKind
from regie.register.selectors import processor_may_receive
from regie.vault.services import file_open, text_open, text_seal

DAYS_MAX = 30
DOWNLOADS_MAX = 10
CODE_MINUTES = 15
ATTEMPTS_MAX = 5
# Documents larger than this are not read for the data-loss check; they count as unreadable.
DLP_READ_LIMIT = 20 * 1024 * 1024
# Counterparties that process for the municipality: they need a signed processor agreement.
# The others (a GP, Veilig Thuis, the CAK, the SVB, a supervisor, the CIZ, an insurer) are
# controllers of their own under the law that lets them receive the data.
NEEDS_AGREEMENT = frozenset(
    {"wmo_provider", "pgb_third_party", "cooperating_professional", "third_party"}
)
UNREADABLE = "unreadable"


# Helpers ---------------------------------------------------------------------------------


def _digest(value: str, purpose: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{purpose}\x00{value}".encode(), hashlib.sha256).hexdigest()


def token_digest(token: str) -> str:
    return _digest(token, "share-token")


def _log_name(name: str, decision: dict[str, Any]) -> str:
    rules = " ".join(str(rule) for rule in decision.get("rules", []))
    return f"{name} [{rules}]"[:200] if rules else name


def professional_actor(professional: Professional) -> Actor:
    return Actor(ActorKind.PROFESSIONAL, str(professional.public_id), professional.organisation)


# Creating a share ------------------------------------------------------------------------


@dataclass(frozen=True)
class DlpFinding:
    document: UUID
    title: str
    counts: dict[str, int]


def _lawful_basis(actor: User, case: Case, contact: CareContact) -> dict[str, Any]:
    """The decision that allows this share, or a refusal on the field "contact"."""
    if contact.outcome == "allowed":
        return {"engine": contact.decision}
    if contact.outcome == "consent_required":
        scenario = contact.scenario
        consent = consent_in_force(
            case.resident, scenario["purpose"], scenario["counterparty"], actor=actor
        )
        if consent is not None:
            return {"engine": contact.decision, "consent": str(consent.public_id)}
        raise ValidationError(
            {
                "contact": _(
                    "The engine asks for specific consent for this exchange, and no consent in "
                    "force is recorded. Record the consent first."
                )
            }
        )
    raise ValidationError({"contact": _("The engine did not allow this exchange.")})


def _check_agreement(contact: CareContact, professional: Professional) -> None:
    if contact.scenario.get("counterparty") not in NEEDS_AGREEMENT:
        return
    if not processor_may_receive(professional.organisation):
        raise ValidationError(
            {
                "professional": _(
                    "%(organisation)s has no signed processor agreement in force, so it cannot "
                    "receive documents. Ask the privacy officer."
                )
                % {"organisation": professional.organisation}
            }
        )


def _document_text(document: CaseDocument) -> str | None:
    if document.file.size > DLP_READ_LIMIT:
        return None
    try:
        return extract.text_of(b"".join(file_open(document.file)), document.file.extension)
    except extract.Unreadable:
        return None


def _known_to_case(case: Case) -> tuple[set[str], set[str]]:
    """The resident's own BSN (allowed) and the names of the other people the case knows."""
    own = {unseal(bytes(case.resident.bsn_sealed), context="resident.bsn")}
    names = {
        text_open(
            resident_id=case.resident_id,
            blob=bytes(person.name_sealed),
            context="case.involved.name",
        )
        for person in InvolvedPerson.objects.filter(case=case)
    }
    return own, names


def _data_loss_check(case: Case, documents: list[CaseDocument]) -> list[DlpFinding]:
    own, names = _known_to_case(case)
    findings = []
    for document in documents:
        title = text_open(
            resident_id=case.resident_id,
            blob=bytes(document.title_sealed),
            context="case.document",
        )
        text = _document_text(document)
        if text is None:
            counts = {UNREADABLE: 1}
        else:
            counts = dlp.check(text, own_bsns=own, other_names=names).counts
        findings.append(DlpFinding(document.public_id, title, counts))
    return findings


class NeedsReason(ValidationError):
    """The data-loss check warned: the share needs a reason; FINDINGS say what was found."""

    def __init__(self, findings: list[DlpFinding]) -> None:
        super().__init__(
            {
                "reason": _(
                    "The check found personal data that may not belong in this share (see "
                    "above). Remove those documents, or explain why sharing them is necessary."
                )
            }
        )
        self.findings = findings


def _mail_link(share: Share, token: str) -> None:
    url = settings.REGIE_BASE_URL.rstrip("/") + reverse("exchange:open", args=[token])
    send_mail(
        _("%(municipality)s: documents are waiting for you")
        % {"municipality": settings.REGIE_MUNICIPALITY},
        _(
            "%(municipality)s has made documents available to you in Regie, its secure "
            "environment. Open them with this link; you will be sent a code to confirm it is "
            "you:\n\n%(url)s\n\nThe link works until %(until)s."
        )
        % {
            "municipality": settings.REGIE_MUNICIPALITY,
            "url": url,
            "until": timezone.localtime(share.expires_at).strftime("%d-%m-%Y %H:%M"),
        },
        settings.DEFAULT_FROM_EMAIL,
        [share.professional.email],
    )


@transaction.atomic
def share_create(
    *,
    actor: User,
    case_id: UUID,
    contact_id: UUID,
    professional_id: UUID,
    document_ids: list[UUID],
    days: int,
    max_downloads: int,
    reason: str = "",
) -> Share:
    """Share documents of a case with a professional; refusals are ValidationErrors on the
    field concerned (NeedsReason when the data-loss check asks for a reason)."""
    if not 1 <= days <= DAYS_MAX:
        raise ValidationError({"days": _("Choose from 1 to %(max)d days.") % {"max": DAYS_MAX}})
    if not 1 <= max_downloads <= DOWNLOADS_MAX:
        raise ValidationError(
            {"max_downloads": _("Choose from 1 to %(max)d downloads.") % {"max": DOWNLOADS_MAX}}
        )
    if not document_ids:
        raise ValidationError({"documents": _("Choose at least one document.")})
    with processing(
        activity=case_activities.EXCHANGE,
        actor=actor,
        name="share.create",
        subjects_follow=True,
    ) as current:
        case = case_in_gate(actor, Action.CASE_WORK, case_id)
        current.add_subject(case.resident)
        contact = CareContact.objects.filter(case=case, public_id=contact_id).first()
        if contact is None:
            raise ValidationError({"contact": _("Choose a contact of this case.")})
        current.name = _log_name("share.create", contact.decision)
        professional = Professional.objects.filter(public_id=professional_id).first()
        if professional is None:
            raise ValidationError({"professional": _("Choose the professional.")})
        documents = list(
            CaseDocument.objects.select_related("file").filter(
                case=case, public_id__in=set(document_ids)
            )
        )
        if len(documents) != len(set(document_ids)):
            raise ValidationError({"documents": _("Choose documents of this case.")})
        basis = _lawful_basis(actor, case, contact)
        _check_agreement(contact, professional)
        findings = _data_loss_check(case, documents)
        if any(finding.counts.get(dlp.BSN_OTHER) for finding in findings):
            raise ValidationError(
                {
                    "documents": _(
                        "A document contains the BSN of another resident. It cannot be shared; "
                        "remove it from the selection."
                    )
                }
            )
        if any(finding.counts for finding in findings) and not reason.strip():
            raise NeedsReason(findings)
        token = secrets.token_urlsafe(32)
        share = Share.objects.create(
            case=case,
            contact=contact,
            professional=professional,
            created_by=actor,
            expires_at=timezone.now() + timedelta(days=days),
            max_downloads=max_downloads,
            token_hash=token_digest(token),
            decision=basis,
            dlp={str(f.document): f.counts for f in findings},
            dlp_reason_sealed=text_seal(
                resident_id=case.resident_id, text=reason.strip(), context="share.reason"
            )
            if reason.strip()
            else b"",
        )
        ShareItem.objects.bulk_create(
            [ShareItem(share=share, document=document) for document in documents]
        )
        transaction.on_commit(lambda: _mail_link(share, token))
    return share


@transaction.atomic
def share_revoke(*, actor: User, case_id: UUID, share_id: UUID) -> Share:
    """Stop a share: the next request with its link gets the neutral page."""
    with processing(
        activity=case_activities.EXCHANGE, actor=actor, name="share.revoke", subjects_follow=True
    ) as current:
        case = case_in_gate(actor, Action.CASE_WORK, case_id)
        current.add_subject(case.resident)
        share = Share.objects.filter(case=case, public_id=share_id).first()
        if share is None:
            raise ValidationError({"share": _("No such share.")})
        if share.revoked_at is None:
            share.revoked_at = timezone.now()
            share.revoked_by = actor
            share.save(update_fields=["revoked_at", "revoked_by"])
        return share


# The recipient's side --------------------------------------------------------------------


class ShareGone(LookupError):
    """Unknown, expired, revoked or locked: the recipient sees one neutral page for all."""


def usable_share(token: str) -> Share:
    """Find the share a link points to, to learn whose processing opening it is. Nothing about
    the resident is read here; the caller opens the processing as the professional."""
    with system_access("finding the share a recipient's link points to"):
        share = (
            Share.objects.select_related("professional")
            .filter(token_hash=token_digest(token))
            .first()
        )
    if share is None or not share.usable():
        raise ShareGone
    return share


def _as_recipient(share: Share, name: str) -> Any:
    return processing(
        activity=case_activities.EXCHANGE,
        actor=professional_actor(share.professional),
        name=name,
        subjects_follow=True,
    )


# The one-time code is about the recipient's proof of who they are, not about the resident.
_CODE_REASON = "a recipient's one-time code (no resident data is read)"


@transaction.atomic
def code_send(*, token: str) -> None:
    """Send a fresh one-time code to the professional's registered address."""
    share = usable_share(token)
    code = f"{secrets.randbelow(1_000_000):06d}"
    share.code_hash = _digest(f"{share.public_id}:{code}", "share-code")
    share.code_expires_at = timezone.now() + timedelta(minutes=CODE_MINUTES)
    with system_access(_CODE_REASON):
        share.save(update_fields=["code_hash", "code_expires_at"])
    email = share.professional.email
    transaction.on_commit(
        lambda: send_mail(
            _("%(municipality)s: your code") % {"municipality": settings.REGIE_MUNICIPALITY},
            _("Your code to open the documents: %(code)s\n\nIt works for %(minutes)d minutes.")
            % {"code": code, "minutes": CODE_MINUTES},
            settings.DEFAULT_FROM_EMAIL,
            [email],
        )
    )


@transaction.atomic
def code_verify(*, token: str, code: str) -> bool:
    """True when CODE is the one sent and still valid (it is used up); a wrong code counts
    towards the lock-out, after which the link is dead."""
    share = usable_share(token)
    with system_access(_CODE_REASON):
        share = Share.objects.select_for_update().get(pk=share.pk)
        return _check_code(share, code)


def _check_code(share: Share, code: str) -> bool:
    expected = share.code_hash
    given = _digest(f"{share.public_id}:{code.strip()}", "share-code")
    valid = (
        bool(expected)
        and share.code_expires_at is not None
        and share.code_expires_at > timezone.now()
        and hmac.compare_digest(expected, given)
    )
    if valid:
        share.code_hash = ""
        share.code_expires_at = None
        share.failed_attempts = 0
        share.save(update_fields=["code_hash", "code_expires_at", "failed_attempts"])
        return True
    share.failed_attempts += 1
    fields = ["failed_attempts"]
    if share.failed_attempts >= ATTEMPTS_MAX:
        share.locked_at = timezone.now()
        fields.append("locked_at")
    share.save(update_fields=fields)
    return False


@dataclass(frozen=True)
class SharedDocument:
    item_id: int
    title: str
    extension: str
    size: int
    downloads_left: int


@dataclass(frozen=True)
class ShareView:
    share: Share
    organisation: str
    documents: list[SharedDocument]


@transaction.atomic
def share_open(*, token: str) -> ShareView:
    """What the verified recipient sees: the documents and how many downloads are left."""
    share = usable_share(token)
    with _as_recipient(share, "share.open") as current:
        share = Share.objects.select_related("case", "professional").get(pk=share.pk)
        current.add_subject(share.case.resident)
        documents = [
            SharedDocument(
                item_id=item.pk,
                title=text_open(
                    resident_id=share.case.resident_id,
                    blob=bytes(item.document.title_sealed),
                    context="case.document",
                ),
                extension=item.document.file.extension,
                size=item.document.file.size,
                downloads_left=max(0, share.max_downloads - item.downloads),
            )
            for item in ShareItem.objects.filter(share=share).select_related("document__file")
        ]
        return ShareView(share, share.professional.organisation, documents)


class DownloadsUsed(LookupError):
    """The download limit of this document is reached."""


@transaction.atomic
def share_download(*, token: str, item_id: int) -> Download:
    share = usable_share(token)
    with _as_recipient(share, "share.download") as current:
        item = (
            ShareItem.objects.select_for_update()
            .select_related("document__file", "share__case")
            .filter(share=share, pk=item_id)
            .first()
        )
        if item is None:
            raise ShareGone
        current.add_subject(item.share.case.resident)
        if item.downloads >= share.max_downloads:
            raise DownloadsUsed
        item.downloads += 1
        item.save(update_fields=["downloads"])
        return Download(
            filename=download_name(item.document),
            content_type=item.document.file.content_type,
            size=item.document.file.size,
            chunks=file_open(item.document.file),
        )


@transaction.atomic
def share_upload(*, token: str, upload: BinaryIO, filename: str, title: str) -> CaseDocument:
    """The professional sends a report back into the case."""
    share = usable_share(token)
    with _as_recipient(share, "share.upload") as current:
        share = Share.objects.select_related("case__resident").get(pk=share.pk)
        current.add_subject(share.case.resident)
        document = document_store(
            case=share.case,
            upload=upload,
            filename=filename,
            title=title,
            source=DocumentSource.PARTNER,
            added_by=None,
        )
        ShareReturn.objects.create(share=share, document=document)
        return document
