from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import override

from regie.register.services import ImportRefused, register_import


class Command(BaseCommand):
    help = (
        "Create or revise processing activities from a CSV file in the columns of the "
        "register's CSV export. One wrong row and nothing is imported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the CSV file (UTF-8)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            text = Path(options["file"]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {options['file']}: {error}") from None
        with override("en"):
            try:
                result = register_import(text=text, by=None)
            except ImportRefused as refused:
                for problem in refused.problems:
                    self.stderr.write(
                        f"row {problem.row}, column {problem.column or '-'}: {problem.message}"
                    )
                raise CommandError("nothing imported") from None
        self.stdout.write(
            f"{len(result.created)} created, {len(result.revised)} revised, "
            f"{len(result.unchanged)} unchanged"
        )
