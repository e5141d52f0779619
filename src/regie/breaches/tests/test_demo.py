"""The demo holds the letter's kinds of breaches and a couple of rights requests, one near
its deadline; loading twice changes nothing."""

import pytest
from django.utils import timezone

from regie.breaches.models import Breach, Status
from regie.conftest import inspecting
from regie.demo import data
from regie.requests.models import RightsRequest


@pytest.mark.django_db
def test_it_loads_breaches_and_requests_once() -> None:
    data.load()
    data.load()

    breaches = {b.title: b for b in Breach.objects.filter(is_demo=True)}
    assert len(breaches) == 3
    statuses = sorted(b.status for b in breaches.values())
    assert statuses == sorted([Status.DISCOVERED, Status.CLOSED, Status.RESIDENTS_INFORMED])
    assert any(b.clock_running for b in breaches.values())
    with inspecting():
        requests = list(RightsRequest.objects.filter(is_demo=True))
    assert len(requests) == 2
    assert min((r.due_on - timezone.localdate()).days for r in requests) <= 7
