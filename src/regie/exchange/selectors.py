"""Reads of the exchange app for case workers: a case's shares and what a new share can hold."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db import transaction
from django.utils.translation import gettext as _

from regie.accounts.access import Action, may
from regie.accounts.models import Professional, User
from regie.cases import activities as case_activities
from regie.cases.models import CareContact, Case, CaseDocument
from regie.cases.selectors import case_in_gate, resident_name
from regie.exchange.models import Share, ShareItem, ShareReturn
from regie.processing_log.gate import processing
from regie.vault.services import text_open


@dataclass(frozen=True)
class Option:
    value: UUID
    label: str


@dataclass(frozen=True)
class ShareRow:
    public_id: UUID
    organisation: str
    professional: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    locked: bool
    usable: bool
    documents: list[tuple[str, int]]  # title, downloads
    returned: int


@dataclass(frozen=True)
class CaseShares:
    case: Case
    resident_name: str
    shares: list[ShareRow]
    contacts: list[Option]
    documents: list[Option]
    professionals: list[Option]
    can_work: bool


def _title(case: Case, document: CaseDocument) -> str:
    return text_open(
        resident_id=case.resident_id, blob=bytes(document.title_sealed), context="case.document"
    )


@transaction.atomic
def case_shares(*, user: User, case_id: UUID) -> CaseShares:
    with processing(
        activity=case_activities.EXCHANGE, actor=user, name="share.list", subjects_follow=True
    ) as current:
        case = case_in_gate(user, Action.CASE_VIEW, case_id)
        current.add_subject(case.resident)
        rows = []
        for share in Share.objects.filter(case=case).select_related("professional"):
            items = ShareItem.objects.filter(share=share).select_related("document")
            rows.append(
                ShareRow(
                    public_id=share.public_id,
                    organisation=share.professional.organisation,
                    professional=share.professional.name,
                    created_at=share.created_at,
                    expires_at=share.expires_at,
                    revoked_at=share.revoked_at,
                    locked=share.locked_at is not None,
                    usable=share.usable(),
                    documents=[(_title(case, item.document), item.downloads) for item in items],
                    returned=ShareReturn.objects.filter(share=share).count(),
                )
            )
        outcomes = {"allowed": _("allowed"), "consent_required": _("with consent")}
        contacts = [
            Option(contact.public_id, f"{contact.partner} ({outcomes[contact.outcome]})")
            for contact in CareContact.objects.filter(case=case).order_by("-created_at")
            if contact.outcome in outcomes
        ]
        documents = [
            Option(document.public_id, _title(case, document))
            for document in CaseDocument.objects.filter(case=case)
        ]
        professionals = [
            Option(p.public_id, f"{p.name}, {p.organisation}")
            for p in Professional.objects.order_by("organisation", "name")
        ]
        return CaseShares(
            case=case,
            resident_name=resident_name(case.resident),
            shares=rows,
            contacts=contacts,
            documents=documents,
            professionals=professionals,
            can_work=may(user, Action.CASE_WORK, case, in_service=True),
        )
