"""The processing activities Regie itself performs, so that the processing log can point at
them from the first log-in. The privacy officer reviews and versions them in the register."""

from django.db import migrations

ACTIVITIES = [
    {
        "slug": "inwoner-identificeren",
        "name": "Inwoner identificeren bij inloggen met DigiD",
        "purpose": "Vaststellen wie inlogt, zodat een inwoner alleen de eigen gegevens ziet.",
        "legal_basis": "AVG art. 6 lid 1 sub e (taak van algemeen belang)",
        "legal_source": "Wet digitale overheid; Wmo 2015 art. 5.1.1",
        "plain_explanation": "U logde in met DigiD. De gemeente gebruikte uw burgerservicenummer "
        "om u te herkennen en u alleen uw eigen gegevens te laten zien.",
        "retention": "P1Y",
    },
    {
        "slug": "inwoner-registreren",
        "name": "Inwoner registreren voor ondersteuning",
        "purpose": "Een inwoner vastleggen die ondersteuning, jeugdhulp of een uitkering vraagt.",
        "legal_basis": "AVG art. 6 lid 1 sub c (wettelijke verplichting)",
        "legal_source": "Wmo 2015 art. 5.1.1; Jeugdwet art. 7.4.0; Participatiewet art. 62",
        "plain_explanation": "De gemeente legde vast dat u ondersteuning vraagt. Dat is nodig om "
        "uw aanvraag te kunnen behandelen.",
        "retention": "P15Y",
    },
    {
        "slug": "caseload-toewijzen",
        "name": "Aanvraag toewijzen aan een consulent",
        "purpose": "Bepalen welke consulent de aanvraag van een inwoner behandelt.",
        "legal_basis": "AVG art. 6 lid 1 sub e (taak van algemeen belang)",
        "legal_source": "Wmo 2015 art. 2.3.2; Jeugdwet art. 2.3",
        "plain_explanation": "Een teamleider wees uw aanvraag toe aan een consulent. Alleen die "
        "consulent en de teamleider kunnen uw dossier openen.",
        "retention": "P15Y",
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
    dependencies = [("register", "0001_initial")]

    operations = [migrations.RunPython(add_activities, migrations.RunPython.noop)]
