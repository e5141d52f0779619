"""The portal's processing activities, in the register before the code that logs them runs.
Texts in Dutch: residents read them on their page of who used their data."""

from django.db import migrations

ACTIVITIES = [
    {
        "slug": "inwonerportaal",
        "lawful_ground": "c",
        "data_subject_categories": "Inwoners met een dossier; hun wettelijk vertegenwoordigers.",
        "personal_data_categories": "De zaken, besluiten, documenten, toestemmingen en "
        "verwerkingen die over de inwoner zijn vastgelegd.",
        "recipients": "De inwoner zelf, of de wettelijk vertegenwoordiger die voor hem optreedt.",
        "owner": "Afdeling Sociaal Domein",
        "name": "Inwonerportaal: uw eigen dossier inzien en bijhouden",
        "purpose": "De inwoner regie geven over zijn dossier: inzien, documenten insturen, "
        "toestemming geven of intrekken en een kopie van zijn gegevens krijgen.",
        "legal_basis": "AVG art. 6 lid 1 sub c (wettelijke verplichting)",
        "legal_source": "AVG art. 12, 15 en 20; Wmo 2015 art. 5.1.1",
        "plain_explanation": "U (of uw wettelijk vertegenwoordiger) bekeek of werkte uw eigen "
        "dossier bij in de Inwonercloud: uw zaken, documenten, toestemmingen of dit overzicht.",
        "retention": "P2Y",
    },
    {
        "slug": "wettelijke-vertegenwoordiging",
        "lawful_ground": "c",
        "data_subject_categories": "Minderjarigen en mensen onder curatele of mentorschap; hun "
        "wettelijk vertegenwoordigers.",
        "personal_data_categories": "Wie wie vertegenwoordigt en op welke grond.",
        "recipients": "De wettelijk vertegenwoordiger; de consulent.",
        "owner": "Afdeling Sociaal Domein",
        "name": "Wettelijke vertegenwoordiging in het inwonerportaal",
        "purpose": "Vastleggen wie namens een minderjarige of een wilsonbekwame inwoner mag "
        "optreden, zodat die vertegenwoordiger het dossier kan inzien en bijhouden.",
        "legal_basis": "AVG art. 6 lid 1 sub c (wettelijke verplichting)",
        "legal_source": "BW boek 1 art. 245, 378 en 453; Wmo 2015 art. 1.1.1",
        "plain_explanation": "Er werd vastgelegd of gekeken wie namens u mag optreden als "
        "wettelijk vertegenwoordiger (ouder met gezag, voogd, curator of mentor).",
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
        ("portal", "0001_initial"),
        ("register", "0004_avg_art30_processors_work_processes"),
    ]

    operations = [migrations.RunPython(add_activities, migrations.RunPython.noop)]
