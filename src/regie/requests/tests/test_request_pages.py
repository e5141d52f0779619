"""The request pages: a wrong BSN is refused on its field in Dutch, nothing is written; the
pages of a request are for the privacy officer only."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from regie.conftest import People, inspecting, log_in
from regie.requests.models import RightsRequest
from regie.requests.services import request_file

pytestmark = pytest.mark.django_db


def _form(bsn: str) -> dict[str, str]:
    return {
        "bsn": bsn,
        "kind": "access",
        "channel": "letter",
        "received_on": timezone.localdate().isoformat(),
        "details": "Inzage in mijn dossier",
    }


@pytest.mark.parametrize(
    ("bsn", "message"),
    [
        ("123456789", "This is not a valid BSN (it fails the 11-check)."),
        ("999990044", "No resident with this BSN is known to Regie."),
    ],
)
def test_it_refuses_a_wrong_bsn_on_the_field_in_dutch(
    people: People, bsn: str, message: str
) -> None:
    client = log_in(Client(), people.privacy_officer)

    response = client.post(reverse("requests:new"), _form(bsn))

    assert response.status_code == 200
    with translation.override("nl"):
        dutch = translation.gettext(message)
    assert dutch != message
    page = response.content.decode()
    assert dutch in page and 'id="id_bsn_error"' in page
    with inspecting():
        assert not RightsRequest.objects.exists()


def test_it_never_puts_the_bsn_in_the_address(people: People) -> None:
    client = log_in(Client(), people.privacy_officer)

    response = client.post(reverse("requests:new"), _form("999990019"))

    assert response.status_code == 302
    assert "999990019" not in response["Location"]


def test_it_shows_a_request_to_the_privacy_officer_only(people: People) -> None:
    request = request_file(
        resident=people.anna,
        kind="objection",
        channel="desk",
        details="Bezwaar",
        actor=people.privacy_officer,
    )
    url = reverse("requests:detail", kwargs={"public_id": request.public_id})

    assert log_in(Client(), people.privacy_officer).get(url).status_code == 200
    assert log_in(Client(), people.consulent).get(url).status_code == 404
    assert log_in(Client(), people.ciso).get(url).status_code == 404
