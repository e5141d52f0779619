import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from regie.breaches.assessment import InputError, assess_json


class Command(BaseCommand):
    help = (
        "Assess a possible personal data breach: read the facts as a JSON object or an array "
        "of them from FILE ('-' for standard input) and write the assessment as JSON, in the "
        "same order. Exit 1 naming the field on bad input."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a JSON file, or - for standard input")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        try:
            if name == "-":
                text = sys.stdin.read()
            else:
                with open(name, encoding="utf-8") as handle:
                    text = handle.read()
        except OSError as exc:
            raise CommandError(f"{name}: cannot read ({exc.strerror})") from None
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise CommandError(f"{name}: not JSON ({exc})") from None
        try:
            answer = assess_json(data)
        except InputError as exc:
            raise CommandError(f"{name}: {exc.field}: {exc.message}") from None
        self.stdout.write(json.dumps(answer, indent=2, ensure_ascii=False))
