from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from regie.cases.models import PostChannel, PostOutcome
from regie.cases.services import post_receive
from regie.processing_log.gate import Actor

REFUSED_FOLDER = "refused"


class Command(BaseCommand):
    help = (
        "File the scanned PDFs in a scanner's drop FOLDER: each is checked, scanned for "
        "viruses, encrypted and filed into the case its cover sheet or case number names, or "
        "held encrypted in the queue for a team leader. Filed and queued files are removed "
        f"from FOLDER; refused ones are moved to FOLDER/{REFUSED_FOLDER}/ and nothing of them "
        "is stored. Run it from cron as often as the scanner delivers."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)

    def handle(self, *args: Any, folder: Path, **options: Any) -> None:
        if not folder.is_dir():
            raise CommandError(f"folder: {folder} is not a folder")
        files = sorted(
            path
            for path in folder.iterdir()
            if path.is_file() and not path.is_symlink() and path.suffix.lower() == ".pdf"
        )
        actor = Actor.system("post-intake")
        tally = dict.fromkeys(PostOutcome, 0)
        for path in files:
            with translation.override(settings.LANGUAGE_CODE), path.open("rb") as upload:
                result = post_receive(
                    actor=actor, upload=upload, filename=path.name, channel=PostChannel.FOLDER
                )
            tally[result.outcome] += 1
            if result.outcome == PostOutcome.REFUSED:
                refused = folder / REFUSED_FOLDER
                refused.mkdir(exist_ok=True)
                path.rename(refused / path.name)
                self.stderr.write(f"{path.name}: refused ({result.message})")
                continue
            path.unlink()
            where = (
                f"filed in {result.case_number}"
                if result.outcome == PostOutcome.FILED
                else "queued for a team leader"
            )
            self.stdout.write(f"{path.name}: {where}")
        self.stdout.write(
            f"{len(files)} files: {tally[PostOutcome.FILED]} filed, "
            f"{tally[PostOutcome.QUEUED]} queued, {tally[PostOutcome.REFUSED]} refused"
        )
