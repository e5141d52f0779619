"""After a restore from backup, keys that were shredded may be back: Regie must not serve
until the journal is re-applied (`regie vault_reshred`)."""

import json
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError

from regie.core.gate import system_access
from regie.vault.models import ResidentKey


def keys_back_from_the_dead() -> int:
    """How many keys the shredding journal lists that exist in the database again."""
    path = Path(settings.REGIE_SHRED_JOURNAL)
    if not path.exists():
        return 0
    listed = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            key = json.loads(line).get("key")
            if key:
                listed.add(uuid.UUID(key))
        except (ValueError, AttributeError):
            continue  # `regie vault_reshred` reports a damaged line precisely
    if not listed:
        return 0
    with system_access("start-up check that no shredded key came back"):
        return ResidentKey.objects.filter(public_id__in=listed).count()


@register(Tags.security, deploy=True)
def check_no_shredded_keys(app_configs: Any, **kwargs: Any) -> list[Error]:
    try:
        back = keys_back_from_the_dead()
    except DatabaseError:
        return []
    if back:
        return [
            Error(
                f"{back} resident key(s) that were shredded are in the database again "
                "(a restore from backup?).",
                hint="Run `regie vault_reshred` before starting Regie.",
                id="regie.E002",
            )
        ]
    return []
