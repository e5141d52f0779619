"""Refuse to serve in production while it is unsafe to."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError


def refuse_unsafe_start() -> None:
    if not settings.PRODUCTION:
        return
    from regie.accounts.checks import demo_accounts_present

    try:
        present = demo_accounts_present()
    except DatabaseError as exc:
        raise ImproperlyConfigured(
            f"DATABASE_URL: the database cannot be read ({exc.__class__.__name__}); "
            "run `regie migrate` first"
        ) from None
    if present:
        raise ImproperlyConfigured(
            "Demo log-ins are present in the production database: remove them with "
            "`regie remove_demo` (REGIE_ENV=production)"
        )
    from regie.vault.checks import keys_back_from_the_dead

    if keys_back_from_the_dead():
        raise ImproperlyConfigured(
            "REGIE_SHRED_JOURNAL lists resident keys that are in the database again (a restore "
            "from backup?): run `regie vault_reshred` first"
        )
