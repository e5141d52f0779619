from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from regie.demo import data


class Command(BaseCommand):
    help = "Migrate, load the demo municipality, print the log-ins and serve on 127.0.0.1:8000."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Prepare only; do not serve.")

    def handle(self, *args: Any, port: int, no_serve: bool, **options: Any) -> None:
        if not settings.DEMO:
            raise CommandError("`regie demo` needs REGIE_ENV=demo")
        settings.REGIE_DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        data.load()
        self.stdout.write(data.login_sheet(f"http://127.0.0.1:{port}"))
        if not no_serve:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
