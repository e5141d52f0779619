from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts.models import Kind, User


class Command(BaseCommand):
    help = "Forget a staff member's authenticator app (lost phone); they link a new one at log-in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        user = User.objects.filter(username=username, kind=Kind.STAFF).first()
        if user is None:
            raise CommandError(f"username: no staff account named {username!r}")
        deleted, _by_model = TOTPDevice.objects.filter(user=user).delete()
        self.stdout.write(f"Removed {deleted} authenticator(s) of {username}.")
