from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from regie.isms import services
from regie.isms.importing import explain
from regie.isms.library import LibraryError


class Command(BaseCommand):
    help = (
        "Import a framework library in the CISO Assistant YAML format, or update it to a "
        "newer version (results of requirements whose urn remains are kept)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            text = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from None
        try:
            summary = services.framework_import(text=text)
        except LibraryError as error:
            raise CommandError(f"{path}: nothing imported. {explain(error)}") from None
        self.stdout.write(summary.line())
