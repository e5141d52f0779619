import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from regie.core.schedule import enqueue_due


class Command(BaseCommand):
    help = (
        "Enqueue the periodic background tasks that are due (reminders, deadlines). Run it from "
        "cron every few minutes, or with --loop SECONDS as a long-running process."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--loop", type=int, metavar="SECONDS", help="Keep running, checking every SECONDS."
        )

    def handle(self, *args: Any, loop: int | None, **options: Any) -> None:
        while True:
            for name in enqueue_due():
                self.stdout.write(f"enqueued {name}")
            if not loop:
                return
            close_old_connections()
            time.sleep(loop)
