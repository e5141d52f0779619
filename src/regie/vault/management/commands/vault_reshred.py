from typing import Any

from django.core.management.base import BaseCommand, CommandError

from regie.vault.services import shredding_reapply


class Command(BaseCommand):
    help = (
        "After a restore from backup: destroy again every resident key that the shredding "
        "journal (REGIE_SHRED_JOURNAL) lists. Run it before the restored Regie serves."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = shredding_reapply()
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        keys = "key" if result.keys_destroyed == 1 else "keys"
        self.stdout.write(
            f"{result.entries} journal entries read, {result.keys_destroyed} {keys} destroyed again"
        )
