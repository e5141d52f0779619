"""POST /api/v1/breaches/assess: the CLI's JSON over the API, errors as problem details."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from regie.conftest import People, log_in

LAPTOP = {
    "personal_data": True,
    "data_categories": ["name", "health"],
    "subjects": 250,
    "confidentiality_loss": True,
    "unintelligible": True,
    "discovered_at": "2026-10-23T10:00:00+02:00",
}

pytestmark = pytest.mark.django_db


def _post(client: Client, body: object) -> Any:
    return client.post(reverse("api:breach-assess"), body, content_type="application/json")


def test_it_assesses_an_array_in_order(people: People) -> None:
    client = log_in(Client(), people.privacy_officer)

    response = _post(client, [LAPTOP, {**LAPTOP, "unintelligible": False}])

    assert response.status_code == 200
    first, second = response.json()
    assert first["risk"] == "none" and first["authority_deadline"] is None
    assert second["risk"] == "high"
    # The clocks go back on 25 October: 72 elapsed hours end at 09:00 winter time.
    assert second["authority_deadline"] == "2026-10-26T09:00:00+01:00"


def test_it_lets_the_ciso_assess_too(people: People) -> None:
    response = _post(log_in(Client(), people.ciso), LAPTOP)

    assert response.status_code == 200
    assert response.json()["notify_authority"] is False


def test_it_names_the_unknown_category_in_a_problem(people: People) -> None:
    client = log_in(Client(), people.privacy_officer)

    response = _post(client, [LAPTOP, {**LAPTOP, "data_categories": ["name", "genes"]}])

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["errors"][0]["field"] == "[1].data_categories[1]"
    assert "'genes'" in problem["errors"][0]["message"]


def test_it_refuses_a_case_worker(people: People) -> None:
    assert _post(log_in(Client(), people.consulent), LAPTOP).status_code == 404
