"""Breaches for tests, made through the service."""

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from regie.accounts.models import User
from regie.breaches.models import Breach
from regie.breaches.services import breach_register


def usb_stick(officer: User, *, discovered_at: datetime | None = None, **facts: Any) -> Breach:
    """A lost USB stick with names and addresses of 40 residents: a risk, to be reported."""
    fields: dict[str, Any] = {
        "title": "USB-stick kwijt in de trein",
        "description": "Een consulent verloor een USB-stick met een werklijst.",
        "occurred_at": (discovered_at or timezone.now()) - timedelta(hours=2),
        "discovered_at": discovered_at or timezone.now(),
        "data_categories": ["name", "address"],
        "subjects_count": 40,
        "records_count": 40,
        "personal_data": True,
        "confidentiality_loss": True,
        **facts,
    }
    return breach_register(registered_by=officer, **fields)
