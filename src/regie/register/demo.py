"""The register of the fictional Gemeente Lindendal: the social-domain activities of the
council letter, the LindendalWijzer request for support as a work process, and the care
partners with their processor agreements. Made through the services; loading twice changes
nothing."""

from datetime import date, timedelta

from django.utils import timezone

from regie.accounts.models import User
from regie.register import builtin, services
from regie.register.models import ProcessingActivity, Processor, WorkProcess

_TOMS = (
    "Toegang alleen voor de consulent met de inwoner in de caseload en diens teamleider; "
    "inloggen met twee factoren; elke inzage gelogd in het Logboek Dataverwerkingen; "
    "versleuteling van documenten; delen alleen via Regie, niet per e-mail."
)

ACTIVITIES: dict[str, dict[str, str]] = {
    "lindendalwijzer-melding": {
        "name": "LindendalWijzer: melding van een hulpvraag",
        "purpose": "De hulpvraag van een inwoner vastleggen, zodat de gemeente binnen zes "
        "weken onderzoekt welke ondersteuning nodig is.",
        "lawful_ground": "c",
        "legal_source": "Wmo 2015 art. 2.3.2 lid 1; Jeugdwet art. 2.3",
        "data_subject_categories": "Inwoners die ondersteuning vragen; hun mantelzorgers.",
        "personal_data_categories": "Naam, BSN, adres, contactgegevens, hulpvraag.",
        "recipients": "Consulenten van het sociaal team.",
        "retention": "P7Y",
        "security_measures": _TOMS,
        "dpia_status": "done",
        "owner": "Afdeling Sociaal Domein",
        "plain_explanation": "U meldde een hulpvraag bij LindendalWijzer. De gemeente legde "
        "die vast om te kunnen onderzoeken welke ondersteuning u nodig heeft.",
    },
    "wmo-maatwerkvoorziening": {
        "name": "Wmo: onderzoek en besluit over een maatwerkvoorziening",
        "purpose": "Onderzoeken wat een inwoner nodig heeft om zelfredzaam te blijven en mee "
        "te doen, en daarover een besluit nemen.",
        "lawful_ground": "c",
        "legal_source": "Wmo 2015 art. 2.3.2, 2.3.5 en 5.1.1",
        "special_categories": "Gegevens over gezondheid.",
        "special_category_exception": "AVG art. 9 lid 2 sub g; Wmo 2015 art. 5.1.1 lid 3",
        "data_subject_categories": "Inwoners die ondersteuning vragen.",
        "personal_data_categories": "Identificerende gegevens, gezinssituatie, "
        "gezondheid en beperkingen, sociaal netwerk, inkomen (voor de eigen bijdrage).",
        "recipients": "Zorgaanbieders die de voorziening leveren; het CAK (eigen bijdrage).",
        "retention": "P7Y",
        "security_measures": _TOMS,
        "dpia_status": "done",
        "owner": "Afdeling Sociaal Domein, team Wmo",
        "plain_explanation": "De gemeente onderzocht met u welke ondersteuning u nodig "
        "heeft en besliste over een voorziening. Daarvoor gebruikten we ook gegevens over "
        "uw gezondheid, omdat de Wmo dat voorschrijft.",
    },
    "jeugdhulp-toegang": {
        "name": "Jeugdwet: toegang tot jeugdhulp",
        "purpose": "Vaststellen welke jeugdhulp een jeugdige en het gezin nodig hebben en "
        "die hulp toekennen.",
        "lawful_ground": "e",
        "legal_source": "Jeugdwet art. 2.3 en 7.4.0",
        "special_categories": "Gegevens over gezondheid; gegevens over opvoeding en ontwikkeling.",
        "special_category_exception": "AVG art. 9 lid 2 sub h; Jeugdwet art. 7.4.0",
        "data_subject_categories": "Jeugdigen, hun ouders of verzorgers.",
        "personal_data_categories": "Identificerende gegevens, gezinssituatie, "
        "ontwikkeling, gezondheid, school.",
        "recipients": "Jeugdhulpaanbieders; de gecertificeerde instelling bij een maatregel.",
        "retention": "P20Y",
        "security_measures": _TOMS,
        "dpia_status": "in_progress",
        "owner": "Afdeling Sociaal Domein, team Jeugd",
        "plain_explanation": "De gemeente onderzocht welke hulp uw kind of gezin nodig heeft "
        "en besliste daarover. De Jeugdwet schrijft voor dat we die gegevens twintig jaar "
        "bewaren.",
    },
    "participatiewet-bijstand": {
        "name": "Participatiewet: bijstand en re-integratie",
        "purpose": "Het recht op bijstand vaststellen, de uitkering betalen en de inwoner "
        "ondersteunen naar werk.",
        "lawful_ground": "c",
        "legal_source": "Participatiewet art. 7, 17 en 62",
        "data_subject_categories": "Aanvragers van bijstand en hun gezinsleden.",
        "personal_data_categories": "Identificerende gegevens, inkomen en vermogen, "
        "woonsituatie, arbeidsverleden.",
        "recipients": "Suwinet-partners (UWV, SVB, Belastingdienst) voor zover de wet dat "
        "voorschrijft.",
        "retention": "P10Y",
        "security_measures": _TOMS,
        "dpia_status": "done",
        "owner": "Afdeling Werk en Inkomen",
        "plain_explanation": "De gemeente stelde vast of u recht heeft op bijstand en hielp "
        "u op weg naar werk. De Participatiewet verplicht ons die gegevens te verwerken.",
    },
    "delen-met-zorgaanbieder": {
        "name": "Gegevens delen met een zorgaanbieder",
        "purpose": "De zorgaanbieder die de ondersteuning levert de gegevens geven die hij "
        "daarvoor nodig heeft, en niet meer.",
        "lawful_ground": "e",
        "legal_source": "Wmo 2015 art. 5.1.1 lid 3; Jeugdwet art. 7.4.0",
        "special_categories": "Gegevens over gezondheid, voor zover nodig voor de zorg.",
        "special_category_exception": "AVG art. 9 lid 2 sub h",
        "data_subject_categories": "Inwoners die ondersteuning of jeugdhulp krijgen.",
        "personal_data_categories": "Naam, contactgegevens, ondersteuningsplan.",
        "recipients": "Gecontracteerde zorgaanbieders met een getekende verwerkersovereenkomst.",
        "retention": "P7Y",
        "security_measures": _TOMS + " Alleen aan aanbieders met een getekende "
        "verwerkersovereenkomst (model regio Utrecht West).",
        "dpia_status": "required",
        "owner": "Afdeling Sociaal Domein",
        "plain_explanation": "De gemeente gaf de zorgaanbieder die u helpt de gegevens die "
        "nodig zijn om u te helpen. Meer gegevens delen we alleen met uw toestemming.",
    },
}

PROCESS = "LindendalWijzer: aanvraag voor ondersteuning"
STEPS: list[tuple[str, str, str | None, str]] = [
    (
        "Melding van de hulpvraag",
        "Naam, BSN, contactgegevens, hulpvraag",
        "lindendalwijzer-melding",
        "",
    ),
    ("Inloggen met DigiD", "BSN", builtin.IDENTIFY_RESIDENT.rsplit(":", 1)[1], ""),
    (
        "Keukentafelgesprek",
        "Gezinssituatie, gezondheid, sociaal netwerk, wensen",
        "wmo-maatwerkvoorziening",
        "",
    ),
    (
        "Medische informatie opvragen bij de huisarts",
        "Diagnose en beperkingen",
        None,
        "Specifieke toestemming van de inwoner om de huisarts te bevragen.",
    ),
    (
        "Ondersteuningsplan delen met de zorgaanbieder",
        "Ondersteuningsplan, contactgegevens",
        "delen-met-zorgaanbieder",
        "Specifieke toestemming voor gegevens die de aanbieder niet nodig heeft.",
    ),
    (
        "Besluit (beschikking)",
        "Besluit, voorziening, eigen bijdrage",
        "wmo-maatwerkvoorziening",
        "",
    ),
]

MODEL = "Model verwerkersovereenkomst regio Utrecht West, versie 2025.1"


def load(users: dict[str, User]) -> None:
    officer = users.get("privacy")
    for slug, content in ACTIVITIES.items():
        if not ProcessingActivity.objects.filter(slug=slug).exists():
            services.activity_create(slug=slug, content=content, by=officer)
    if not WorkProcess.objects.filter(name=PROCESS).exists():
        process = services.work_process_create(
            name=PROCESS,
            description="Een inwoner vraagt via LindendalWijzer ondersteuning aan; per stap "
            "staat welke gegevens we vastleggen en op welke grondslag.",
        )
        for name, data, covered_by, consent in STEPS:
            services.step_add(
                process=process,
                name=name,
                data_registered=data,
                activity=ProcessingActivity.objects.get(slug=covered_by) if covered_by else None,
                needs_consent=bool(consent),
                consent_note=consent,
            )
    _processors()


def _processors() -> None:
    today = timezone.localdate()
    partners: list[tuple[str, str, list[str], str, dict[str, object]]] = [
        (
            "Zorggroep De Linde",
            "care_partner",
            ["wmo-maatwerkvoorziening", "delen-met-zorgaanbieder"],
            "",
            {
                "status": "signed",
                "signed_on": date(2025, 1, 15),
                "starts_on": date(2025, 2, 1),
                "ends_on": today + timedelta(days=45),
            },
        ),
        (
            "Jeugdteam Lindendal",
            "care_partner",
            ["jeugdhulp-toegang", "delen-met-zorgaanbieder"],
            "",
            {
                "status": "signed",
                "signed_on": date(2025, 6, 1),
                "starts_on": date(2025, 7, 1),
                "ends_on": today + timedelta(days=730),
            },
        ),
        (
            "Thuiszorg Het Anker",
            "care_partner",
            ["wmo-maatwerkvoorziening"],
            "",
            {"status": "sent"},
        ),
        (
            "Sociaal Domein Suite B.V.",
            "supplier",
            list(ACTIVITIES),
            "Hostingpartij Rekencentrum Noord B.V. (Nederland)",
            {"status": "signed", "signed_on": date(2024, 9, 1), "starts_on": date(2024, 9, 1)},
        ),
    ]
    for name, kind, slugs, subs, agreement in partners:
        if Processor.objects.filter(name=name).exists():
            continue
        processor = services.processor_create(
            name=name,
            kind=kind,
            sub_processors=subs,
            activities=ProcessingActivity.objects.filter(slug__in=slugs),
        )
        services.agreement_save(processor=processor, model_version=MODEL, **agreement)  # type: ignore[arg-type]
