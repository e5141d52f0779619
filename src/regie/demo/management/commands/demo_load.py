from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from regie.demo import data


class Command(BaseCommand):
    help = "Load the demo municipality (idempotent). Refused in production."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("REGIE_ENV=production: demo data is never loaded in production")
        data.load()
        self.stdout.write(data.login_sheet("http://127.0.0.1:8000"))
