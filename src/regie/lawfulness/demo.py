"""Lindendal's examples of the lawfulness records: a transparency notice and a specific
consent for Anna Willems, and an objection by Cor van Dijk, made through the services."""

from datetime import timedelta

from django.utils import timezone

from regie.accounts.models import Resident, User
from regie.accounts.selectors import bsn_index
from regie.core.gate import system_access
from regie.lawfulness import services
from regie.lawfulness.models import Consent
from regie.lawfulness.rules import parse_scenario

ANNA = "999990019"
COR = "999990032"

WMO_ASSESSMENT = {
    "law": "wmo",
    "action": "use",
    "purpose": "support_assessment",
    "necessary": True,
    "subject_age": 78,
}


def load(users: dict[str, User]) -> None:
    with system_access("demo: find the fictional residents and whether examples exist"):
        if Consent.objects.filter(resident__is_demo=True).exists():
            return
        anna = Resident.objects.get(bsn_index=bsn_index(ANNA))
        cor = Resident.objects.get(bsn_index=bsn_index(COR))
    consulent = users["consulent"]
    now = timezone.now()
    services.notice_record(
        resident=anna,
        scenario=parse_scenario({**WMO_ASSESSMENT, "counterparty": "ciz"}),
        told="In het keukentafelgesprek uitgelegd dat we het indicatiebesluit van het CIZ "
        "gebruiken om te bepalen welke ondersteuning nodig is, en waarom dat nodig is.",
        told_at=now - timedelta(days=12),
        method="in_person",
        recorded_by=consulent,
        reference="WMO-2026-0117",
    )
    services.consent_record(
        resident=anna,
        scenario=parse_scenario({**WMO_ASSESSMENT, "counterparty": "participatiewet_records"}),
        data="Inkomensgegevens uit het dossier Participatiewet, voor de beoordeling van de "
        "eigen bijdrage en de ondersteuningsbehoefte",
        given_by="resident",
        method="signed",
        given_at=now - timedelta(days=12),
        valid_until=now + timedelta(days=170),
        recorded_by=consulent,
        reference="WMO-2026-0117",
    )
    services.objection_record(
        resident=cor,
        scenario=parse_scenario(
            {**WMO_ASSESSMENT, "counterparty": "zvw_care_provider", "objection": True}
        ),
        objection="De heer Van Dijk wil niet dat de gemeente gegevens opvraagt bij zijn "
        "wijkverpleegkundige.",
        raised_at=now - timedelta(days=3),
        option="limited",
        recorded_by=consulent,
        considerations="Huishoudelijke hulp kan op basis van het gesprek worden toegekend; "
        "voor begeleiding is meer informatie nodig.",
        reference="WMO-2026-0121",
    )
