from typing import Any

from django.core.management.base import BaseCommand, CommandError

from regie.processing_log import signed_note


class Command(BaseCommand):
    help = "Make a new Ed25519 key pair for signing the processing log's checkpoints."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("name", help="The key's name, e.g. the log's host name.")

    def handle(self, *args: Any, name: str, **options: Any) -> None:
        try:
            signer = signed_note.generate_signer(name)
        except signed_note.NoteError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(signer)
        self.stdout.write(signed_note.verifier_for(signer))
        self.stdout.write(
            "Store the first line, secretly, as REGIE_LOG_SIGNING_KEY; publish the second "
            "line as the verifier key of the log's checkpoints."
        )
