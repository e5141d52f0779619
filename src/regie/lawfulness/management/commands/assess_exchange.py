import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from regie.lawfulness.assessing import BatchInvalid, as_json, assess_batch


class Command(BaseCommand):
    help = (
        "Decide whether proposed exchanges of a resident's data may go ahead. FILE holds one "
        "scenario as a JSON object or several as an array ('-' reads standard input); prints "
        "one decision per scenario as JSON, in the same order. A bad scenario prints nothing "
        "but the errors, naming the index and the field, and exits 1."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="a JSON file, or - for standard input")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Cannot read {name}: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{name} is not UTF-8 text") from None
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise CommandError(f"{name} is not valid JSON: {exc}") from None
        try:
            result = assess_batch(data)
        except BatchInvalid as exc:
            raise CommandError(
                "No decisions: fix these scenarios first.\n"
                + "\n".join(str(error) for error in exc.errors)
            ) from None
        self.stdout.write(json.dumps(as_json(result), ensure_ascii=False, indent=2))
