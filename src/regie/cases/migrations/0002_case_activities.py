"""The processing activities of case work, in the register before the code that logs them runs.
Texts in Dutch: residents read them on their page of who used their data."""

from django.db import migrations

ACTIVITIES = [
    {
        "slug": "dossier-sociaal-domein",
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
        ("register", "0003_log_reading_activity"),
    ]

    operations = [migrations.RunPython(add_activities, migrations.RunPython.noop)]
