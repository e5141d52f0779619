"""Demo breaches of the kinds the council letter names: a lost USB stick (on the clock), a
stolen laptop (encrypted: documented, not reported) and mail to the wrong recipient
(reported, residents informed). Loading twice changes nothing."""

from datetime import timedelta

from django.utils import timezone

from regie.accounts.models import User
from regie.breaches import services
from regie.breaches.models import Breach
from regie.register.models import ProcessingActivity


def load(users: dict[str, User]) -> None:
    officer = users["privacy"]
    if Breach.objects.filter(is_demo=True).exists():
        return
    now = timezone.now().replace(second=0, microsecond=0)
    activities = list(ProcessingActivity.objects.filter(slug="inwoner-registreren"))
    services.breach_register(
        registered_by=officer,
        activities=activities,
        is_demo=True,
        title="USB-stick met werklijst kwijt in de trein",
        description="Een consulent Wmo verloor op weg naar een huisbezoek een USB-stick met de "
        "werklijst van die week. De stick was niet versleuteld.",
        occurred_at=now - timedelta(hours=22),
        discovered_at=now - timedelta(hours=20),
        data_categories=["name", "address", "contact"],
        subjects_count=38,
        records_count=38,
        personal_data=True,
        confidentiality_loss=True,
        consequences="Onbevoegden kunnen zien wie Wmo-ondersteuning krijgt en waar zij wonen.",
        measures_taken="Gevonden voorwerpen NS gebeld; aangifte gedaan.",
        measures_planned="USB-poorten alleen nog voor versleutelde sticks.",
    )
    laptop = services.breach_register(
        registered_by=officer,
        activities=activities,
        is_demo=True,
        title="Laptop gestolen uit auto",
        description="Een laptop van team Jeugd is uit een auto gestolen. De schijf is volledig "
        "versleuteld; de sleutel staat niet op de laptop.",
        occurred_at=now - timedelta(days=12, hours=3),
        discovered_at=now - timedelta(days=12),
        data_categories=["name", "children", "health"],
        subjects_count=120,
        records_count=450,
        personal_data=True,
        confidentiality_loss=True,
        unintelligible=True,
        measures_taken="Laptop op afstand geblokkeerd, account ingetrokken.",
    )
    services.breach_assess(breach=laptop, assessed_by=officer)
    services.breach_close(breach=laptop, closed_by=officer)
    mail = services.breach_register(
        registered_by=officer,
        activities=activities,
        is_demo=True,
        title="Beschikking naar verkeerde ontvanger gemaild",
        description="Een beschikking met de indicatie voor begeleiding is naar een verkeerd "
        "e-mailadres gestuurd. De ontvanger reageerde niet op het verzoek om te verwijderen.",
        occurred_at=now - timedelta(days=30),
        discovered_at=now - timedelta(days=29, hours=20),
        data_categories=["name", "address", "health"],
        subjects_count=1,
        records_count=1,
        personal_data=True,
        confidentiality_loss=True,
        consequences="Een onbekende kent de gezondheidssituatie van de inwoner.",
        measures_taken="Inwoner gebeld; ontvanger nogmaals gevraagd de mail te verwijderen.",
        measures_planned="Adresboek opschonen; waarschuwing bij externe ontvangers.",
    )
    services.breach_assess(breach=mail, assessed_by=officer)
    services.breach_report(
        breach=mail,
        reported_by=officer,
        reported_at=mail.discovered_at + timedelta(hours=30),
        authority_reference="M-2026-104233",
    )
    services.breach_residents_informed(
        breach=mail, informed_at=mail.discovered_at + timedelta(days=2), recorded_by=officer
    )
