"""Destroying a resident's data key is itself a processing of their data, so it needs its
entry in the register before `resident_shred` can log it."""

from django.db import migrations

ACTIVITY = {
    "slug": "gegevens-vernietigen",
    "name": "Gegevens van een inwoner vernietigen",
    "purpose": "Gegevens onleesbaar maken als de bewaartermijn voorbij is of na een besluit "
    "op een verzoek om verwijdering, door de sleutel te vernietigen waarmee ze versleuteld zijn.",
    "legal_basis": "AVG art. 6 lid 1 sub c (wettelijke verplichting)",
    "legal_source": "AVG art. 5 lid 1 sub e en art. 17; Archiefwet 1995",
    "plain_explanation": "De gemeente heeft uw documenten en aantekeningen vernietigd, omdat de "
    "bewaartermijn voorbij was of omdat u om verwijdering vroeg. Daarna kan niemand ze nog "
    "lezen. Dat de vernietiging gebeurde, schrijven we op.",
    "retention": "P20Y",
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
        ("vault", "0001_initial"),
        ("register", "0003_log_reading_activity"),
    ]

    operations = [migrations.RunPython(add_activity, migrations.RunPython.noop)]
