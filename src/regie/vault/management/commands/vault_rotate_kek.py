from typing import Any

from django.core.management.base import BaseCommand

from regie.vault.services import kek_rotate


class Command(BaseCommand):
    help = (
        "Re-wrap every resident data key under the current REGIE_KEK (after setting a new "
        "REGIE_KEK/REGIE_KEK_ID and moving the old one to REGIE_KEK_PREVIOUS), and re-seal the "
        "residents' BSN and name, and the keys of held files (post not yet filed) and of "
        "organisation files (ISMS evidence). Documents are not re-encrypted. Afterwards the old "
        "key can be removed from REGIE_KEK_PREVIOUS."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = kek_rotate()
        keys = "key" if result.keys == 1 else "keys"
        fields = "field" if result.fields == 1 else "fields"
        held = f", {result.held} held file key(s) re-wrapped" if result.held else ""
        organisation = (
            f", {result.organisation} organisation file key(s) re-wrapped"
            if result.organisation
            else ""
        )
        self.stdout.write(
            f"{result.keys} resident {keys} re-wrapped, {result.fields} sealed {fields} re-sealed"
            f"{held}{organisation}"
        )
