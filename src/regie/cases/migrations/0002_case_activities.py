"""The processing activities of case work, in the register before the code that logs them runs.
Texts in Dutch: residents read them on their page of who used their data."""

from django.db import migrations

ACTIVITIES = [
    {
        "slug": "dossier-sociaal-domein",
        "lawful_ground": "e",
        "special_categories": "Gegevens over gezondheid.",
        "special_category_exception": "AVG art. 9 lid 2 sub g; Wmo 2015 art. 5.1.1 lid 3; "
        "Jeugdwet art. 7.4.0",
        "data_subject_categories": "Inwoners met een dossier; hun wettelijk vertegenwoordigers, "
        "mentoren en mantelzorgers.",
        "personal_data_categories": "Naam, BSN, geboortedatum, adres (ook een afgeschermd "
        "opvangadres), gezinssituatie, gezondheid, notities en besluiten.",
        "recipients": "Consulenten met de inwoner in hun caseload en hun teamleider.",
        "owner": "Afdeling Sociaal Domein",
        "name": "Dossier in het sociaal domein (Wmo 2015, Jeugdwet, Participatiewet)",
        "purpose": "Onderzoeken welke ondersteuning, jeugdhulp of bijstand een inwoner nodig "
        "heeft, die toekennen en bijhouden hoe het gaat.",
        "legal_basis": "AVG art. 6 lid 1 sub c en e (wettelijke verplichting, taak van algemeen "
        "belang)",
        "legal_source": "Wmo 2015 art. 2.3.2 en 5.1.1; Jeugdwet art. 2.3 en 7.4.0; "
        "Participatiewet art. 7 en 62",
        "plain_explanation": "Uw consulent werkte aan uw dossier: het onderzoek naar wat u nodig "
        "heeft, een gesprek, een notitie, een besluit of de mensen die bij u betrokken zijn.",
        "retention": "P15Y",
    },
    {
        "slug": "gegevensuitwisseling-zorgpartner",
        "lawful_ground": "e",
        "data_subject_categories": "Inwoners met een dossier.",
        "personal_data_categories": "De gegevens die voor de uitwisseling nodig zijn, en de "
        "uitkomst van de toets met de toegepaste regels.",
        "recipients": "Zorgpartners, alleen als de toets dat toestaat.",
        "owner": "Afdeling Sociaal Domein",
        "name": "Gegevens uitwisselen met een zorgpartner",
        "purpose": "Vooraf toetsen of gegevens met een zorgpartner gedeeld of bij hem opgevraagd "
        "mogen worden, en vastleggen op welke grond.",
        "legal_basis": "AVG art. 6 lid 1 sub c en e",
        "legal_source": "Wmo 2015 art. 5.2.1 t/m 5.2.3; Jeugdwet art. 7.4.0; Participatiewet "
        "art. 64",
        "plain_explanation": "Uw consulent toetste of gegevens over u met een zorgpartner gedeeld "
        "mochten worden, en legde vast op welke grond en of uw toestemming nodig was.",
        "retention": "P15Y",
    },
    {
        "slug": "casusoverleg-geanonimiseerd",
        "lawful_ground": "e",
        "data_subject_categories": "Inwoners met een dossier en de mensen om hen heen.",
        "personal_data_categories": "Een samenvatting van het dossier waarin alles waaraan "
        "iemand te herkennen is, is vervangen.",
        "recipients": "De collega of deskundige die om advies wordt gevraagd.",
        "owner": "Afdeling Sociaal Domein",
        "name": "Casusoverleg op geanonimiseerde gegevens",
        "purpose": "Een collega of deskundige om advies vragen zonder dat die weet om wie het "
        "gaat.",
        "legal_basis": "AVG art. 6 lid 1 sub e (taak van algemeen belang)",
        "legal_source": "Wmo 2015 art. 2.3.2; AVG art. 5 lid 1 sub c",
        "plain_explanation": "Uw consulent vroeg een collega om advies over uw situatie. Uw naam, "
        "adres en andere gegevens waaraan u te herkennen bent, zijn daarbij weggelaten.",
        "retention": "P1Y",
    },
    {
        "slug": "vertrouwelijk-adres-inzien",
        "lawful_ground": "e",
        "data_subject_categories": "Inwoners met een afgeschermd (opvang)adres.",
        "personal_data_categories": "Het afgeschermde adres; de reden van het verzoek.",
        "recipients": "De consulent die het vroeg, na goedkeuring van een teamleider; de "
        "functionaris gegevensbescherming ziet het verzoek (niet het adres).",
        "owner": "Afdeling Sociaal Domein",
        "name": "Een afgeschermd adres inzien",
        "purpose": "Een vertrouwelijk (opvang)adres alleen inzien als dat echt nodig is, met "
        "reden, opnieuw inloggen en goedkeuring van een teamleider.",
        "legal_basis": "AVG art. 6 lid 1 sub e (taak van algemeen belang)",
        "legal_source": "Wmo 2015 art. 5.1.1; AVG art. 32",
        "plain_explanation": "Uw adres is afgeschermd. Een medewerker vroeg het in te zien, gaf "
        "daarvoor een reden en kreeg goedkeuring van een teamleider. De functionaris "
        "gegevensbescherming is daarover ingelicht.",
        "retention": "P5Y",
    },
]


def add_activities(apps, schema_editor):
    Activity = apps.get_model("register", "ProcessingActivity")
    Version = apps.get_model("register", "ProcessingActivityVersion")
    for entry in ACTIVITIES:
        fields = dict(entry)
        activity, created = Activity.objects.get_or_create(slug=fields.pop("slug"))
        if created:
            Version.objects.create(activity=activity, number=1, **fields)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("register", "0004_avg_art30_processors_work_processes"),
    ]

    operations = [migrations.RunPython(add_activities, migrations.RunPython.noop)]
