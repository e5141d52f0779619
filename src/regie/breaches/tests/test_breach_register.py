"""Registering a breach: assessed at once, the clock stored, inconsistent facts refused on
the field, nothing half written."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from regie.breaches.models import Breach, Status
from regie.breaches.services import breach_update
from regie.breaches.tests.factories import usb_stick
from regie.conftest import People

pytestmark = pytest.mark.django_db


def test_it_assesses_a_new_breach_and_starts_the_clock(people: People) -> None:
    breach = usb_stick(people.privacy_officer)

    assert breach.status == Status.DISCOVERED
    assert (breach.risk, breach.notify_authority, breach.notify_subjects) == ("risk", True, False)
    assert breach.authority_deadline - breach.discovered_at == timedelta(hours=72)
    assert breach.reference.startswith("DL-") and breach.reference.endswith("-001")
    assert breach.clock_running


def test_it_documents_a_breach_that_need_not_be_reported(people: People) -> None:
    breach = usb_stick(people.privacy_officer, unintelligible=True)

    assert breach.risk == "none" and not breach.notify_authority
    assert not breach.clock_running
    assert Breach.objects.count() == 1


def test_it_opens_a_leaked_confidential_address_at_high_risk(people: People) -> None:
    breach = usb_stick(
        people.privacy_officer,
        data_categories=["name"],
        confidentiality_loss=False,
        confidential_address=True,
        subjects_count=1,
        records_count=1,
    )

    assert breach.risk == "high"
    assert breach.notify_authority and breach.notify_subjects
    assert "vulnerable-subjects" in [reason["rule"] for reason in breach.reasons]


@pytest.mark.parametrize(
    ("facts", "field"),
    [
        ({"occurred_at": timezone.now() + timedelta(hours=1)}, "discovered_at"),
        ({"discovered_at": timezone.now() + timedelta(days=1)}, "discovered_at"),
        ({"records_count": 500, "records_held": 100}, "records_count"),
        ({"subjects_count": -1}, "subjects_count"),
        ({"availability_loss_hours": -2}, "availability_loss_hours"),
        ({"data_categories": ["dna"]}, "data_categories"),
    ],
)
def test_it_refuses_inconsistent_facts_on_the_field(
    people: People, facts: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as refusal:
        usb_stick(people.privacy_officer, **facts)

    assert field in refusal.value.message_dict
    assert not Breach.objects.exists()


def test_it_assesses_again_when_the_facts_change(people: People) -> None:
    breach = usb_stick(people.privacy_officer, unintelligible=True)

    breach_update(breach=breach, updated_by=people.privacy_officer, unintelligible=False)

    breach.refresh_from_db()
    assert breach.risk == "risk" and breach.notify_authority
