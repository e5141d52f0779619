from typing import Any

from django.core.management.base import BaseCommand

from regie.processing_log.retention import log_prune


class Command(BaseCommand):
    help = (
        "Remove the bodies of sealed processing-log records whose retention period has passed "
        "(their leaf hashes stay, so the log still verifies)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        pruned = log_prune()
        if pruned == 1:
            self.stdout.write("Pruned 1 record past its retention period.")
        else:
            self.stdout.write(f"Pruned {pruned:,} records past their retention period.")
