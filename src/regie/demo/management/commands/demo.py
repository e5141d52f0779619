import threading
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections

from regie.core.schedule import enqueue_due
from regie.demo import data
from regie.processing_log.services import log_seal_all


def _work_forever(stop: threading.Event) -> None:
    """The demo's in-process worker: every few seconds, run the periodic tasks that are due
    (sealing the processing log, reminders); the immediate backend runs them on enqueue."""
    while not stop.wait(settings.REGIE_LOG_SEAL_SECONDS):
        try:
            enqueue_due()
        finally:
            close_old_connections()


class Command(BaseCommand):
    help = "Migrate, load the demo municipality, print the log-ins and serve on 127.0.0.1:8000."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Prepare only; do not serve.")

    def handle(self, *args: Any, port: int, no_serve: bool, **options: Any) -> None:
        if not settings.DEMO:
            raise CommandError("`regie demo` needs REGIE_ENV=demo")
        started = time.monotonic()
        # WhiteNoise warns about a missing static root even when it serves from the apps.
        settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
        self.stdout.write("Preparing the demo database…")
        call_command("migrate", interactive=False, verbosity=0)
        data.load()
        log_seal_all()
        self.stdout.write(f"Ready in {time.monotonic() - started:.0f} s.")
        self.stdout.write(data.login_sheet(f"http://127.0.0.1:{port}"))
        if no_serve:
            return
        stop = threading.Event()
        threading.Thread(target=_work_forever, args=(stop,), daemon=True, name="tasks").start()
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        finally:
            stop.set()
