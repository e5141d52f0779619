"""Give the cases that exist a number (in the order they were opened, per law and year) and a
cover-sheet code, then make both required. The data step and the schema step are separate
migrations so that PostgreSQL changes the table only after the rows are written."""

import secrets

from django.db import migrations

PREFIXES = {"wmo": "WMO", "jeugdwet": "JW", "participatiewet": "PW"}
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def number_existing(apps, schema_editor):
    # A frozen copy of cases.post's rules: a migration must not change when that module does.
    Case = apps.get_model("cases", "Case")
    serials: dict[tuple[str, int], int] = {}
    codes: set[str] = set()
    for case in Case.objects.order_by("opened_at", "id"):
        key = (PREFIXES[case.law], case.opened_at.year)
        serials[key] = serials.get(key, 0) + 1
        code = ""
        while not code or code in codes:
            chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
            code = f"RGP-{chars[:4]}-{chars[4:]}"
        codes.add(code)
        case.number = f"{key[0]}-{key[1]:04d}-{serials[key]:04d}"
        case.cover_code = code
        case.save(update_fields=["number", "cover_code"])



class Migration(migrations.Migration):
    dependencies = [("cases", "0004_case_number_and_post")]

    operations = [migrations.RunPython(number_existing, migrations.RunPython.noop)]
