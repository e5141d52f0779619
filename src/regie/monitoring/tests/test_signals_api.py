"""POST /api/v1/monitoring/signals: each source with its own token; a source without a valid
token is refused; a refused CSV answers a problem naming the column."""

import pytest
from django.test import Client
from django.urls import reverse

from regie.conftest import People
from regie.monitoring import services
from regie.monitoring.models import Alert, MailFigures, SourceKind
from regie.monitoring.tests.samples import MAIL_CSV, eve_alert, eve_file

pytestmark = pytest.mark.django_db

URL = reverse("api:monitoring-signals")


def _post(body: bytes, token: str | None, content_type: str = "application/x-ndjson"):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return Client().post(URL, data=body, content_type=content_type, headers=headers)


def test_it_ingests_what_a_source_posts_with_its_token(people: People):
    _source, token = services.signal_source_create(
        name="Suricata", kind=SourceKind.SURICATA_EVE, created_by=people.ciso
    )

    response = _post(eve_file([eve_alert(1), "garbage", eve_alert(2)]), token)

    assert response.status_code == 201
    body = response.json()
    assert (body["stored"], body["malformed"], body["source_name"]) == (2, 1, "Suricata")
    assert body["line_errors"][0]["line"] == 2
    assert Alert.objects.count() == 2


@pytest.mark.parametrize("token", [None, "regsig_00000000_nothing", "not-a-token"])
def test_it_refuses_a_delivery_without_a_valid_token(people: People, token: str | None):
    response = _post(eve_file([eve_alert(1)]), token)

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert not Alert.objects.exists()


def test_it_refuses_a_revoked_token(people: People):
    source, token = services.signal_source_create(
        name="Suricata", kind=SourceKind.SURICATA_EVE, created_by=people.ciso
    )
    services.signal_source_revoke(source=source)

    assert _post(eve_file([eve_alert(1)]), token).status_code == 401


def test_it_answers_a_problem_naming_the_missing_column(people: People):
    _source, token = services.signal_source_create(
        name="Mail gateway", kind=SourceKind.MAIL_GATEWAY, created_by=people.ciso
    )
    without_spam = MAIL_CSV.replace("spam,", "").encode()

    response = _post(without_spam, token, "text/csv")

    assert response.status_code == 400
    problem = response.json()
    assert problem["errors"] == [{"line": 1, "field": "spam", "message": "this column is missing"}]
    assert not MailFigures.objects.exists()


def test_a_person_cannot_use_the_source_door(people: People):
    from regie.conftest import log_in

    client = log_in(Client(), people.ciso)

    response = client.post(URL, data=eve_file([eve_alert(1)]), content_type="text/plain")

    assert response.status_code == 401
