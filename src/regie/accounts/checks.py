"""System checks run by `regie check --deploy`: production must not carry demo log-ins."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError

from regie.accounts.models import Professional, Resident, User
from regie.core.gate import system_access


def demo_accounts_present() -> bool:
    with system_access("start-up check that no demo rows remain"):
        return (
            User.objects.filter(is_demo=True).exists()
            or Resident.objects.filter(is_demo=True).exists()
            or Professional.objects.filter(is_demo=True).exists()
        )


@register(Tags.security, deploy=True)
def check_no_demo_accounts(app_configs: Any, **kwargs: Any) -> list[Error]:
    if not settings.PRODUCTION:
        return []
    try:
        present = demo_accounts_present()
    except DatabaseError:
        return []
    if present:
        return [
            Error(
                "Demo log-ins are present in the production database.",
                hint="Remove them with `regie remove_demo` before starting Regie.",
                id="regie.E001",
            )
        ]
    return []
