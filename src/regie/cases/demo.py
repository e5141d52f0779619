"""Lindendal's demo cases: Anna Willems (Wmo), Bram Hendriks (Jeugdwet, a minor with his
mother as legal representative) and Cor van Dijk (Participatiewet, at a shelter address that
is confidential), with notes, a decision and contacts the engine decided on, and one
scanned letter waiting in the post queue, which the team leader has opened once. Made through
the services and selectors; loading twice changes nothing."""

import io
from datetime import date

from regie.accounts.models import Resident, User
from regie.accounts.selectors import bsn_index
from regie.cases import selectors, services
from regie.cases.models import Case, Law, PostBatch, PostBatchFile, PostChannel, PostItem
from regie.core.gate import system_access
from regie.processing_log.gate import Actor
from regie.vault.services import held_delete

ANNA = "999990019"
BRAM = "999990020"
COR = "999990032"


def load(users: dict[str, User]) -> None:
    _cases(users)
    _post(users)


def _post(users: dict[str, User]) -> None:
    """One scanned letter without a cover sheet or case number, waiting in the team leader's
    queue; the team leader has read it once (the privacy officer sees that opening). The demo
    runs with REGIE_SCAN=off; without a scanner the letter is refused and the queue stays
    empty."""
    if PostItem.objects.filter(is_demo=True).exists():
        return
    from weasyprint import HTML  # slow to import; only this letter needs it

    letter = HTML(
        string="<p>Lindendal, 20 november 2026</p><p>Geachte heer, mevrouw,</p>"
        "<p>Hierbij stuur ik de loonstroken van oktober die u vroeg.</p>"
        "<p>Met vriendelijke groet,<br>C. van Dijk</p>"
    ).write_pdf()
    services.post_receive(
        actor=users["consulent"],
        upload=io.BytesIO(letter),
        filename="scan-0001.pdf",
        channel=PostChannel.UPLOAD,
        is_demo=True,
    )
    item = PostItem.objects.filter(is_demo=True).first()
    if item is not None:
        read = selectors.post_item_download(user=users["teamleider"], item_id=item.public_id)
        b"".join(read.chunks)  # read through to the end, as the browser would


def _cases(users: dict[str, User]) -> None:
    with system_access("demo: find the fictional residents and whether their cases exist"):
        if Case.objects.filter(is_demo=True).exists():
            return
        anna, bram, cor = (
            Resident.objects.get(bsn_index=bsn_index(bsn)) for bsn in (ANNA, BRAM, COR)
        )
    consulent = users["consulent"]
    loader = Actor.system("demo")

    wmo = services.case_open(
        resident=anna,
        law=Law.WMO,
        consulent=consulent,
        birth_date=date(1948, 5, 2),
        address="Lindenlaan 12, 1234 AB Lindendal",
        actor=loader,
        is_demo=True,
    )
    services.case_status_set(actor=consulent, case_id=wmo.public_id, status="support")
    services.note_add(
        actor=consulent,
        case_id=wmo.public_id,
        text="Keukentafelgesprek met mevrouw Willems op 3 november 2026. Zij woont alleen op "
        "Lindenlaan 12 en kan de trap niet meer goed op. Haar dochter belt soms mee "
        "(06-12345678). Huishoudelijke hulp lijkt nodig, twee uur per week.",
    )
    services.decision_add(
        actor=consulent,
        case_id=wmo.public_id,
        outcome="granted",
        decided_on=date(2026, 11, 10),
        text="Huishoudelijke hulp toegekend, twee uur per week, voor een jaar.",
    )
    services.exchange_assess(
        actor=consulent,
        case_id=wmo.public_id,
        partner="CIZ",
        answers={
            "action": "use",
            "counterparty": "ciz",
            "purpose": "support_assessment",
            "necessary": True,
        },
        summary="Het indicatiebesluit van het CIZ, voor het onderzoek naar de ondersteuning.",
    )

    youth = services.case_open(
        resident=bram,
        law=Law.JEUGDWET,
        consulent=consulent,
        birth_date=date(2015, 9, 21),
        address="Beukenstraat 7, 1235 CD Lindendal",
        actor=loader,
        is_demo=True,
    )
    services.case_status_set(actor=consulent, case_id=youth.public_id, status="assessment")
    services.involved_person_add(
        actor=consulent,
        case_id=youth.public_id,
        role="legal_representative",
        name="Ilse Hendriks",
        contact="ilse.hendriks@example.nl",
    )
    services.note_add(
        actor=consulent,
        case_id=youth.public_id,
        text="Gesprek met Bram en zijn moeder Ilse Hendriks. School maakt zich zorgen over "
        "zijn concentratie. Moeder wil eerst weten wat de huisarts ervan vindt.",
    )
    services.exchange_assess(
        actor=consulent,
        case_id=youth.public_id,
        partner="Huisartsenpraktijk De Beuk",
        answers={
            "action": "collect",
            "counterparty": "general_practitioner",
            "purpose": "support_assessment",
            "necessary": True,
            "professional_secrecy": True,
        },
        summary="Wat de huisarts weet over concentratie en slaap, voor het onderzoek.",
    )

    shelter = services.case_open(
        resident=cor,
        law=Law.PARTICIPATIEWET,
        consulent=consulent,
        birth_date=date(1979, 1, 30),
        address="Opvanghuis De Haven, Havenkade 3, 1236 EF Lindendal",
        address_confidential=True,
        actor=loader,
        is_demo=True,
    )
    services.note_add(
        actor=consulent,
        case_id=shelter.public_id,
        text="Meneer van Dijk verblijft tijdelijk in de opvang. Het adres is afgeschermd: "
        "niet delen met de ex-partner of met wie erom vraagt. Aanvraag bijstand loopt.",
    )


def remove() -> None:
    """Delete the demo post and its encrypted scans, and the uploads of the demo staff with
    whatever of them is still held (the cases go with their residents)."""
    for row in PostBatchFile.objects.filter(
        batch__uploaded_by__is_demo=True, held__isnull=False
    ).select_related("held"):
        assert row.held is not None
        held_delete(held=row.held)
    PostBatch.objects.filter(uploaded_by__is_demo=True).delete()
    for item in PostItem.objects.filter(is_demo=True).select_related("held"):
        if item.held is not None:
            held_delete(held=item.held)
        item.delete()
