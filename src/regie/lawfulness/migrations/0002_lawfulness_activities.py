"""The processing activities of the lawfulness records, so that recording consent, a
transparency notice or an objection can be logged from the start. The privacy officer
reviews and versions them in the register."""

from django.db import migrations

ACTIVITIES = [
    {
        "slug": "toestemming-vastleggen",
        "name": "Specifieke toestemming vastleggen en nagaan",
        "purpose": "Vastleggen welke specifieke toestemming een inwoner of diens wettelijk "
        "vertegenwoordiger gaf, voor welk doel, welke gegevens en welke ontvanger, tot wanneer, "
        "en of die is ingetrokken; en nagaan of een toestemming nog geldt voordat gegevens "
        "worden uitgewisseld.",
        "legal_basis": "AVG art. 6 lid 1 sub c (wettelijke verplichting)",
        "legal_source": "AVG art. 7 lid 1; Wmo 2015 hoofdstuk 5; Wet op de geneeskundige "
        "behandelingsovereenkomst (art. 7:457 BW)",
        "plain_explanation": "U gaf toestemming om bepaalde gegevens voor een bepaald doel uit "
        "te wisselen, of u trok die toestemming in. De gemeente schreef dat op, zodat zij kan "
        "laten zien dat zij alleen met uw toestemming deelt waar de wet dat vraagt, en stopt "
        "zodra u die intrekt.",
        "retention": "P15Y",
    },
    {
        "slug": "inwoner-informeren",
        "name": "Inwoner informeren over doel en noodzaak",
        "purpose": "Vastleggen wat de inwoner is verteld over het doel en de noodzaak van een "
        "verwerking van zijn gegevens, wanneer en hoe.",
        "legal_basis": "AVG art. 6 lid 1 sub c (wettelijke verplichting)",
        "legal_source": "AVG art. 5 lid 2 en art. 12 tot en met 14",
        "plain_explanation": "De gemeente vertelde u waarom en waarvoor zij uw gegevens "
        "gebruikt. Zij schreef op wat zij u vertelde, wanneer en hoe.",
        "retention": "P15Y",
    },
    {
        "slug": "bezwaar-afwegen",
        "name": "Bezwaar of geweigerde toestemming afwegen",
        "purpose": "Vastleggen dat een inwoner bezwaar maakte of toestemming weigerde, welke "
        "keuze de professional maakte (stoppen, beperkte of onvrijwillige dienstverlening) en "
        "met welke waarborgen.",
        "legal_basis": "AVG art. 6 lid 1 sub e (taak van algemeen belang)",
        "legal_source": "AVG art. 21; Wmo 2015 art. 2.3.2; Jeugdwet art. 2.3; "
        "VNG-factsheet toestemming sociaal domein",
        "plain_explanation": "U maakte bezwaar of gaf geen toestemming. De gemeente schreef op "
        "hoe zij dat heeft afgewogen en wat zij besloot, zodat u en een toezichthouder dat "
        "kunnen nagaan.",
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
    dependencies = [
        ("lawfulness", "0001_initial"),
        ("register", "0003_log_reading_activity"),
    ]

    operations = [migrations.RunPython(add_activities, migrations.RunPython.noop)]
