import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from regie.processing_log.services import log_seal_all


class Command(BaseCommand):
    help = (
        "Seal committed records into the processing log's tree and sign a checkpoint, every "
        "REGIE_LOG_SEAL_SECONDS until interrupted, or once."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="Seal once and stop.")
        parser.add_argument(
            "--every",
            type=float,
            default=settings.REGIE_LOG_SEAL_SECONDS,
            metavar="SECONDS",
            help="Seconds between seals (default: REGIE_LOG_SEAL_SECONDS).",
        )

    def handle(self, *args: Any, once: bool, every: float, **options: Any) -> None:
        if every <= 0:
            raise CommandError("--every needs a positive number of seconds")
        try:
            while True:
                self._seal()
                if once:
                    return
                time.sleep(every)
                # Drop a connection the database closed meanwhile, as a request would.
                close_old_connections()
        except KeyboardInterrupt:
            return

    def _seal(self) -> None:
        results = log_seal_all()
        sealed = sum(result.sealed for result in results)
        checkpoint = results[-1].checkpoint if results else None
        if sealed and checkpoint is not None:
            self.stdout.write(
                f"Sealed {sealed:,} records; checkpoint {checkpoint.size:,} is signed."
            )
