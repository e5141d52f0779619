"""Filing incoming post into a resident's case is a processing of its own, in the register
before the intake can log it."""

from django.db import migrations

ACTIVITY = {
    "slug": "binnenkomende-post",
    "lawful_ground": "e",
    "special_categories": "Gegevens over gezondheid, als de brief die bevat.",
    "special_category_exception": "AVG art. 9 lid 2 sub g; Wmo 2015 art. 5.1.1 lid 3; "
    "Jeugdwet art. 7.4.0",
    "data_subject_categories": "Inwoners met een dossier die de gemeente een brief sturen.",
    "personal_data_categories": "De inhoud van de brief of het formulier, gescand.",
    "recipients": "De consulent met de inwoner in de caseload en diens teamleider.",
    "owner": "Afdeling Sociaal Domein",
    "name": "Binnenkomende post in het dossier opbergen",
    "purpose": "Brieven en formulieren op papier scannen, op virussen controleren, versleutelen "
    "en in het juiste dossier opbergen, zodat er geen papieren kopieën rondgaan.",
    "legal_basis": "AVG art. 6 lid 1 sub c en e (wettelijke verplichting, taak van algemeen "
    "belang)",
    "legal_source": "Wmo 2015 art. 2.3.2 en 5.1.1; Jeugdwet art. 7.4.0; Participatiewet art. 62; "
    "Archiefwet 1995",
    "plain_explanation": "U stuurde de gemeente post op papier. Die is gescand, gecontroleerd op "
    "virussen, versleuteld en in uw dossier opgeborgen.",
    "retention": "P15Y",
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
        ("cases", "0006_case_number_required"),
        ("register", "0004_avg_art30_processors_work_processes"),
    ]

    operations = [migrations.RunPython(add_activity, migrations.RunPython.noop)]
