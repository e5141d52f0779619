import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from regie.processing_log.verify import verify_log


class Command(BaseCommand):
    help = (
        "Recompute the processing log from its records and check every stored hash, every "
        "checkpoint signature and their consistency; exit 1 naming the first problem."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        last_shown = 0.0

        def progress(records: int) -> None:
            nonlocal last_shown
            now = time.monotonic()
            if last_shown and now - last_shown < 1:
                return
            last_shown = now
            rate = records / max(now - started, 1e-9)
            self.stderr.write(f"verified {records:,} records ({rate:,.0f} per second)")

        report = verify_log(progress=progress)
        seconds = time.monotonic() - started
        if not report.ok:
            raise CommandError(
                f"The processing log does not verify: {report.first_problem} "
                f"({report.records:,} records and {report.checkpoints:,} checkpoints checked "
                "before it)."
            )
        self.stdout.write(
            f"The processing log verifies: {report.records:,} records and "
            f"{report.checkpoints:,} checkpoints in {seconds:.1f} s."
        )
