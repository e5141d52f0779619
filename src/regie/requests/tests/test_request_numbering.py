"""A rights request's reference is never given twice, also after a request was deleted (the
demo's requests go when the demo is removed)."""

from datetime import date

import pytest

from regie.conftest import People, inspecting
from regie.requests import services
from regie.requests.models import Channel, Kind, RightsRequest

pytestmark = pytest.mark.django_db


def _file(people: People) -> str:
    return services.request_file(
        resident=people.anna,
        kind=Kind.ACCESS,
        channel=Channel.LETTER,
        details="Inzage in mijn dossier",
        received_on=date(2026, 3, 2),
        actor=people.privacy_officer,
    ).reference


def test_it_does_not_give_a_deleted_requests_number_again(people: People) -> None:
    first = _file(people)
    second = _file(people)
    with inspecting():
        RightsRequest.objects.filter(reference=first).delete()

    third = _file(people)

    assert (first, second, third) == ("RV-2026-001", "RV-2026-002", "RV-2026-003")
