"""The breach page says when the people concerned were informed and when the breach was
closed, not only that it was."""

from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.breaches.services import (
    breach_assess,
    breach_close,
    breach_report,
    breach_residents_informed,
)
from regie.breaches.tests.factories import usb_stick
from regie.conftest import People, log_in

pytestmark = pytest.mark.django_db


def test_it_shows_when_the_residents_were_informed_and_the_breach_closed(
    people: People,
) -> None:
    officer = people.privacy_officer
    discovered = timezone.make_aware(datetime(2026, 3, 2, 9, 0))
    breach = usb_stick(officer, discovered_at=discovered, data_categories=["name", "bsn"])
    breach_assess(breach=breach, assessed_by=officer)
    breach_report(
        breach=breach, reported_by=officer, reported_at=timezone.make_aware(datetime(2026, 3, 3))
    )
    breach_residents_informed(
        breach=breach,
        informed_at=timezone.make_aware(datetime(2026, 3, 6, 11, 30)),
        recorded_by=officer,
    )
    breach_close(breach=breach, closed_by=officer, now=timezone.make_aware(datetime(2026, 4, 1)))
    client = log_in(Client(), officer)

    page = client.get(reverse("breaches:detail", args=[breach.public_id])).content.decode()

    assert "De betrokkenen zijn geïnformeerd op 6 maart 2026 11:30." in page
    assert "Gesloten op 1 april 2026 00:00" in page
