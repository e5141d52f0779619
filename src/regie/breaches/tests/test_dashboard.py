"""The privacy officer's start page shows the 72-hour countdowns and the open rights
requests; the CISO sees the breaches only; others see neither."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.breaches.tests.factories import usb_stick
from regie.conftest import People, log_in
from regie.requests.models import Channel, Kind
from regie.requests.services import request_file
from regie.testing.pages import en

pytestmark = pytest.mark.django_db


def _home(client: Client) -> str:
    return client.get(reverse("accounts:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_it_counts_down_on_the_privacy_officers_start_page(people: People) -> None:
    breach = usb_stick(people.privacy_officer, discovered_at=timezone.now() - timedelta(hours=30))
    request_file(
        resident=people.anna,
        kind=Kind.ACCESS,
        channel=Channel.LETTER,
        details="Inzage",
        received_on=timezone.localdate() - timedelta(days=40),
        actor=people.privacy_officer,
    )
    client = log_in(Client(), people.privacy_officer)
    client.post(reverse("set_language"), {"language": "en"})

    page = _home(client)

    assert breach.reference in page
    assert "41 h" in page and "left to report" in page
    assert "1 request open" in page and "1 late" in page


def test_it_shows_the_ciso_the_breaches_but_not_the_requests(people: People) -> None:
    usb_stick(people.privacy_officer)
    client = log_in(Client(), people.ciso)
    client.post(reverse("set_language"), {"language": "en"})

    page = _home(client)

    assert en("No breach is waiting to be reported.") not in page
    assert "DL-" in page
    assert en("All requests") not in page


def test_it_shows_a_case_worker_neither(people: People) -> None:
    usb_stick(people.privacy_officer)
    client = log_in(Client(), people.consulent)

    page = _home(client)

    assert "DL-" not in page
    assert reverse("requests:list") not in page
