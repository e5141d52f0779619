"""The portal's demo: Anna Willems has an open request for consent and messages about her
decision; Ilse Hendriks logs in with her own DigiD as the legal representative of her son
Bram, recorded by his case worker from his Jeugdwet case with the evidence she saw. Made
through the services; loading twice changes nothing."""

from datetime import timedelta

from django.utils import timezone

from regie.accounts.models import Resident, User
from regie.accounts.selectors import bsn_index
from regie.cases import services as case_services
from regie.cases.models import Case, Law
from regie.core.gate import system_access
from regie.portal import services
from regie.portal.models import Basis, ConsentRequest

ANNA = "999990019"
BRAM = "999990020"
ILSE = "999990056"


def load(users: dict[str, User]) -> None:
    with system_access("demo: find the fictional residents and whether the portal demo exists"):
        if ConsentRequest.objects.filter(case__is_demo=True).exists():
            return
        anna, bram = (Resident.objects.get(bsn_index=bsn_index(bsn)) for bsn in (ANNA, BRAM))
        wmo = Case.objects.filter(resident=anna, law=Law.WMO, is_demo=True).first()
        youth = Case.objects.filter(resident=bram, is_demo=True).first()
    if wmo is None or youth is None:
        return
    consulent = users["consulent"]
    # Registered with the other demo residents (demo/data.py); recording her as Bram's
    # representative makes her log-in.
    services.representation_record(
        actor=consulent,
        case_id=youth.public_id,
        bsn=ILSE,
        basis=Basis.PARENTAL_AUTHORITY,
        evidence="Uittreksel gezagsregister d.d. 2 november 2026: Ilse Hendriks heeft het "
        "ouderlijk gezag over Bram.",
    )
    contact = case_services.exchange_assess(
        actor=consulent,
        case_id=wmo.public_id,
        partner="CIZ",
        answers={
            "action": "provide",
            "counterparty": "ciz",
            "purpose": "support_assessment",
            "necessary": True,
        },
        summary="Het verslag van het keukentafelgesprek, voor de indicatie van het CIZ.",
    )
    services.consent_request_create(
        actor=consulent,
        case_id=wmo.public_id,
        contact_id=contact.public_id,
        data="Het verslag van het keukentafelgesprek van 3 november 2026",
        valid_until=timezone.now() + timedelta(days=90),
    )
    services.messages_notify()
