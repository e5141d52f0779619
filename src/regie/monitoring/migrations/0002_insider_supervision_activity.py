"""The processing activity under which insider-access alerts and their handling are logged."""

from django.db import migrations

ACTIVITY = {
    "slug": "toezicht-toegang-medewerkers",
    "name": "Toezicht op de toegang van medewerkers tot dossiers",
    "purpose": "Misbruik van toegang door medewerkers opsporen en afhandelen: dossiers buiten "
    "de eigen caseload, ongewone aantallen, vertrouwelijke adressen, werk buiten "
    "kantoortijden en bulkexports.",
    "legal_basis": "AVG art. 6 lid 1 sub c (wettelijke verplichting)",
    "legal_source": "AVG art. 5 lid 1 sub f en art. 32; Wmo 2015 art. 5.2.1",
    "plain_explanation": "De gemeente controleert of medewerkers uw gegevens alleen inzien "
    "als dat voor hun werk nodig is. Een afwijkend gebruik werd gemeld aan de functionaris "
    "gegevensbescherming, die het heeft beoordeeld.",
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
        ("monitoring", "0001_initial"),
        ("register", "0003_log_reading_activity"),
    ]

    operations = [migrations.RunPython(add_activity, migrations.RunPython.noop)]
