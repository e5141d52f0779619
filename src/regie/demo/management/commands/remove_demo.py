from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q

from regie.accounts.models import CaseloadEntry, Professional, Resident, Team, User
from regie.breaches.models import Breach
from regie.cases import demo as cases_demo
from regie.cases.models import CaseDocument
from regie.core.gate import system_access
from regie.isms import demo as isms_demo
from regie.reports import demo as reports_demo
from regie.vault.models import StoredFile
from regie.vault.services import files_delete


class Command(BaseCommand):
    help = "Delete every demo log-in and demo person, so that production may start."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        with system_access("removing the fictional demo people"):
            self._remove()

    def _remove(self) -> None:
        residents = Resident.objects.filter(is_demo=True)
        users = User.objects.filter(is_demo=True)
        professionals = Professional.objects.filter(is_demo=True)
        # The log-ins of the demo residents and professionals, kept by id: once those people
        # are deleted, a query through them finds none.
        people_users = User.objects.filter(
            pk__in=list(
                User.objects.filter(
                    Q(resident__in=residents) | Q(professional__in=professionals)
                ).values_list("pk", flat=True)
            )
        )
        counts = [residents.count(), professionals.count(), users.count()]
        # Their files: those under their keys, and those of their cases whose key a shredding
        # in the demo already destroyed (the rows stay after shredding, for what points there).
        files = list(
            StoredFile.objects.filter(
                Q(resident_key__resident__in=residents)
                | Q(pk__in=CaseDocument.objects.filter(case__resident__in=residents).values("file"))
            )
        )
        reports_demo.remove()
        isms_demo.remove()
        cases_demo.remove()
        CaseloadEntry.objects.filter(consulent__in=users).delete()
        # The breaches the demo staff recorded point at them: they go first.
        Breach.objects.filter(is_demo=True).delete()
        residents.delete()
        # Deleted, not shredded: nothing of these fictional people stays to keep unreadable,
        # and the shredding journal would list people who never existed.
        removed_files = files_delete(files=files)
        professionals.delete()
        people_users.delete()
        users.delete()
        Team.objects.filter(members__isnull=True, name__in=["Wmo", "Jeugd"]).delete()
        self.stdout.write(
            f"Removed {counts[0]} demo residents with {removed_files} files, {counts[1]} "
            f"professionals, {counts[2]} staff."
        )
