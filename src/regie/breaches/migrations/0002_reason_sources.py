"""A stored reason lists its sources one by one, so that the page translates each; before,
they were one line joined with "; "."""

from typing import Any

from django.db import migrations


def _split(apps: Any, schema_editor: Any) -> None:
    Breach = apps.get_model("breaches", "Breach")
    for breach in Breach.objects.all():
        reasons = [
            {
                "rule": reason["rule"],
                "sources": reason["source"].split("; "),
                "text": reason["text"],
            }
            if "source" in reason
            else reason
            for reason in breach.reasons
        ]
        if reasons != breach.reasons:
            breach.reasons = reasons
            breach.save(update_fields=["reasons"])


def _join(apps: Any, schema_editor: Any) -> None:
    Breach = apps.get_model("breaches", "Breach")
    for breach in Breach.objects.all():
        breach.reasons = [
            {"rule": reason["rule"], "source": "; ".join(reason["sources"]), "text": reason["text"]}
            if "sources" in reason
            else reason
            for reason in breach.reasons
        ]
        breach.save(update_fields=["reasons"])


class Migration(migrations.Migration):
    dependencies = [("breaches", "0001_initial")]

    operations = [migrations.RunPython(_split, _join)]
