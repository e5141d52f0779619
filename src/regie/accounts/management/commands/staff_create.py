import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from regie.accounts import services
from regie.accounts.models import Role, Team


class Command(BaseCommand):
    help = (
        "Create a staff account with a role; prints a one-time password. The person links "
        "an authenticator app at first log-in."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=[role.value for role in Role])
        parser.add_argument("--team", help="Name of the team (created when it does not exist)")
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        team = None
        if options["team"]:
            team, _created = Team.objects.get_or_create(name=options["team"])
        password = secrets.token_urlsafe(15)
        try:
            user = services.staff_create(
                username=options["username"],
                role=Role(options["role"]),
                password=password,
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                team=team,
            )
        except ValidationError as exc:
            fields = "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items()
            )
            raise CommandError(f"staff account not created: {fields}") from None
        self.stdout.write(f"Created {user.username} ({Role(user.role).label}).")
        self.stdout.write(f"One-time password (hand it over in person): {password}")
