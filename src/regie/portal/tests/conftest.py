import io
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone

from regie.accounts import services as accounts_services
from regie.accounts.models import User
from regie.cases import services as case_services
from regie.cases.models import CareContact, Case, CaseDecision, CaseDocument, Law
from regie.conftest import BSN_BRAM, INTAKE, People, inspecting
from regie.lawfulness.models import Consent
from regie.portal import services
from regie.portal.models import ConsentRequest, Message

ANSWERS = {
    "action": "use",
    "counterparty": "jeugdwet_records",
    "purpose": "support_assessment",
    "necessary": True,
}


@dataclass
class Dossier:
    case: Case
    contact: CareContact
    document: CaseDocument
    decision: CaseDecision
    request: ConsentRequest
    message: Message


def make_dossier(people: People, case: Case | None = None) -> Dossier:
    """Anna's Wmo case (or CASE) with a document from the municipality, a decision, a contact
    with a care partner and an open consent request about it."""
    case = case or case_services.case_open(
        resident=people.anna,
        law=Law.WMO,
        consulent=people.consulent,
        birth_date=date(1985, 3, 12),
        actor=INTAKE,
    )
    with inspecting():
        from regie.vault import services as vault_services

        stored = vault_services.file_store(
            resident=people.anna,
            source=io.BytesIO(b"Beschikking"),
            content_type="text/plain",
            extension="txt",
        )
        document = CaseDocument.objects.create(
            case=case,
            file=stored,
            title_sealed=vault_services.text_seal(
                resident_id=people.anna.pk, text="Beschikking Wmo", context="case.document"
            ),
            source="staff",
            added_by=people.consulent,
        )
    decision = case_services.decision_add(
        actor=people.consulent,
        case_id=case.public_id,
        outcome="granted",
        decided_on=timezone.localdate(),
        text="Huishoudelijke hulp toegekend.",
    )
    contact = case_services.exchange_assess(
        actor=people.consulent,
        case_id=case.public_id,
        partner="Jeugdteam Lindendal",
        answers=ANSWERS,
        summary="Jeugddossier opvragen",
    )
    request = services.consent_request_create(
        actor=people.consulent,
        case_id=case.public_id,
        contact_id=contact.public_id,
        data="Het jeugddossier",
        valid_until=timezone.now() + timedelta(days=30),
    )
    with inspecting():
        message = Message.objects.get(about=request.public_id)
    return Dossier(case, contact, document, decision, request, message)


@pytest.fixture
def dossier(people: People) -> Dossier:
    return make_dossier(people)


@pytest.fixture
def bram_user(people: People) -> User:
    return accounts_services.resident_user_for_bsn(bsn=BSN_BRAM)


def grant(people: People, dossier: Dossier) -> Consent:
    services.consent_request_answer(
        actor=people.anna_user, resident_id=None, request_id=dossier.request.public_id, grant=True
    )
    with inspecting():
        return Consent.objects.get(resident=people.anna)
