"""Reading the processing log is itself a processing of the resident's data (the privacy
officer supervising, the resident looking at their own records), so it needs its own entry in
the register before the read API can log it."""

from django.db import migrations

ACTIVITY = {
    "slug": "verwerkingen-inzien",
    "name": "Verwerkingen van een inwoner inzien",
    "purpose": "Verantwoording afleggen aan de inwoner over wat de gemeente met zijn gegevens "
    "deed, en toezicht door de functionaris gegevensbescherming.",
    "legal_basis": "AVG art. 6 lid 1 sub c (wettelijke verplichting)",
    "legal_source": "AVG art. 5 lid 2 en art. 15",
    "plain_explanation": "Iemand bekeek welke verwerkingen de gemeente met uw gegevens deed. "
    "Dat kunt u zelf zijn, of de functionaris gegevensbescherming die controleert of de "
    "gemeente zorgvuldig met uw gegevens omgaat. Ook dat inzien schrijven we op.",
    "retention": "P1Y",
}


def add_activity(apps, schema_editor):
    Activity = apps.get_model("register", "ProcessingActivity")
    Version = apps.get_model("register", "ProcessingActivityVersion")
    fields = dict(ACTIVITY)
    activity, created = Activity.objects.get_or_create(slug=fields.pop("slug"))
    if created:
        Version.objects.create(activity=activity, number=1, **fields)


class Migration(migrations.Migration):
    dependencies = [("register", "0002_regie_own_activities")]

    operations = [migrations.RunPython(add_activity, migrations.RunPython.noop)]
