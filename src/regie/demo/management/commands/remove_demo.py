from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from regie.accounts.models import CaseloadEntry, Professional, Resident, Team, User
from regie.breaches.models import Breach
from regie.cases import demo as cases_demo
from regie.core.gate import system_access
from regie.isms import demo as isms_demo
from regie.reports import demo as reports_demo


class Command(BaseCommand):
    help = "Delete every demo log-in and demo person, so that production may start."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        with system_access("removing the fictional demo people"):
            self._remove()

    def _remove(self) -> None:
        residents = Resident.objects.filter(is_demo=True)
        users = User.objects.filter(is_demo=True)
        resident_users = User.objects.filter(resident__in=residents)
        professionals = Professional.objects.filter(is_demo=True)
        professional_users = User.objects.filter(professional__in=professionals)
        counts = [residents.count(), professionals.count(), users.count()]
        reports_demo.remove()
        isms_demo.remove()
        cases_demo.remove()
        CaseloadEntry.objects.filter(consulent__in=users).delete()
        # The breaches the demo staff recorded point at them: they go first.
        Breach.objects.filter(is_demo=True).delete()
        residents.delete()
        resident_users.delete()
        professionals.delete()
        professional_users.delete()
        users.delete()
        Team.objects.filter(members__isnull=True, name__in=["Wmo", "Jeugd"]).delete()
        self.stdout.write(
            f"Removed {counts[0]} demo residents, {counts[1]} professionals, {counts[2]} staff."
        )
