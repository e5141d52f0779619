"""Handling a resident's rights request is a processing of their data: it needs its entry in
the register before the first request is filed."""

from django.db import migrations

ACTIVITY = {
    "slug": "rechtenverzoek-behandelen",
    "lawful_ground": "c",
    "data_subject_categories": "Inwoners die een verzoek over hun gegevens doen; hun "
    "vertegenwoordigers.",
    "personal_data_categories": "Naam, BSN (alleen om de inwoner te vinden), het verzoek, de "
    "identiteitscontrole, het besluit en de brief.",
    "recipients": "De functionaris gegevensbescherming die het verzoek behandelt.",
    "owner": "Functionaris gegevensbescherming",
    "name": "Verzoek van een inwoner over zijn gegevens behandelen",
    "purpose": "Een verzoek om inzage, rectificatie, wissing, beperking of bezwaar vastleggen, "
    "binnen de wettelijke termijn behandelen en met een gemotiveerde brief beantwoorden.",
    "legal_basis": "AVG art. 6 lid 1 sub c (wettelijke verplichting)",
    "legal_source": "AVG art. 12 tot en met 21",
    "plain_explanation": "U vroeg de gemeente om uw gegevens in te zien, te verbeteren, te "
    "wissen, minder te gebruiken of u maakte bezwaar. Om uw verzoek te behandelen en te "
    "beantwoorden gebruikt de gemeente uw gegevens en legt zij uw verzoek vast.",
    "retention": "P5Y",
}


def add_activity(apps, schema_editor):
    Activity = apps.get_model("register", "ProcessingActivity")
    Version = apps.get_model("register", "ProcessingActivityVersion")
    fields = dict(ACTIVITY)
    activity, created = Activity.objects.get_or_create(slug=fields.pop("slug"))
    if created:
        Version.objects.create(activity=activity, number=1, **fields)


class Migration(migrations.Migration):
    dependencies = [
        ("requests", "0001_initial"),
        ("register", "0004_avg_art30_processors_work_processes"),
    ]

    operations = [migrations.RunPython(add_activity, migrations.RunPython.noop)]
