from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from regie.accounts.models import Professional, Resident, User


class Command(BaseCommand):
    help = "Delete every demo log-in and demo person, so that production may start."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        residents = Resident.objects.filter(is_demo=True)
        users = User.objects.filter(is_demo=True)
        resident_users = User.objects.filter(resident__in=residents)
        professionals = Professional.objects.filter(is_demo=True)
        professional_users = User.objects.filter(professional__in=professionals)
        counts = [residents.count(), professionals.count(), users.count()]
        from regie.accounts.models import CaseloadEntry

        CaseloadEntry.objects.filter(consulent__in=users).delete()
        residents.delete()
        resident_users.delete()
        professionals.delete()
        professional_users.delete()
        users.delete()
        self.stdout.write(
            f"Removed {counts[0]} demo residents, {counts[1]} professionals, {counts[2]} staff."
        )
