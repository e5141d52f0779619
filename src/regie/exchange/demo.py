"""Lindendal's demo share: Anna Willems's support plan (a real PDF, in her Wmo case) shared with
Karin Bos of Zorggroep De Linde, which has a signed processor agreement in the register demo.
The demo's e-mails land in var/mail/, so the link and the code can be followed there. Loading
twice changes nothing."""

import io

from django.db import transaction
from weasyprint import HTML

from regie.accounts.models import Professional, User
from regie.cases import activities as case_activities
from regie.cases import services as case_services
from regie.cases.models import Case, CaseDocument, DocumentSource, Law
from regie.core.gate import system_access
from regie.exchange import services
from regie.exchange.models import Share
from regie.processing_log.gate import processing
from regie.vault.services import file_store, text_seal

PLAN = """<h1>Ondersteuningsplan</h1>
<p>Gemeente Lindendal, Wmo 2015. Opgesteld op 12 november 2026.</p>
<h2>Wat is er nodig</h2>
<p>Huishoudelijke hulp, twee uur per week, voor een jaar. Hulp bij boodschappen op donderdag.</p>
<h2>Wie doet wat</h2>
<p>Zorggroep De Linde levert de hulp. De consulent belt na drie maanden om te horen hoe het
gaat.</p>"""


def _plan_pdf() -> bytes:
    return HTML(string=PLAN).write_pdf()


def load(users: dict[str, User]) -> None:
    consulent = users["consulent"]
    with system_access("demo: find the fictional Wmo case and whether it was shared"):
        case = Case.objects.filter(is_demo=True, law=Law.WMO).first()
        if case is None or Share.objects.filter(case=case).exists():
            return
    professional = Professional.objects.get(is_demo=True, organisation="Zorggroep De Linde")
    with (
        transaction.atomic(),
        processing(
            activity=case_activities.CASE_WORK,
            actor=consulent,
            name="case.document.add",
            subjects_follow=True,
        ) as current,
    ):
        with system_access("demo: the case the processing is about"):
            current.add_subject(case.resident)
        # The demo's own PDF needs no virus scan (the demo runs with REGIE_SCAN=off, the tests
        # without a scanner): stored straight into the vault.
        stored = file_store(
            resident=case.resident,
            source=io.BytesIO(_plan_pdf()),
            content_type="application/pdf",
            extension="pdf",
        )
        document = CaseDocument.objects.create(
            case=case,
            file=stored,
            title_sealed=text_seal(
                resident_id=case.resident_id,
                text="Ondersteuningsplan 2026",
                context="case.document",
            ),
            source=DocumentSource.STAFF,
            added_by=consulent,
        )
    contact = case_services.exchange_assess(
        actor=consulent,
        case_id=case.public_id,
        partner="Zorggroep De Linde",
        answers={
            "action": "provide",
            "counterparty": "wmo_provider",
            "purpose": "support_delivery",
            "necessary": True,
        },
        summary="Het ondersteuningsplan, zodat de huishoudelijke hulp kan beginnen.",
    )
    services.share_create(
        actor=consulent,
        case_id=case.public_id,
        contact_id=contact.public_id,
        professional_id=professional.public_id,
        document_ids=[document.public_id],
        days=14,
        max_downloads=3,
    )
