"""POST /api/v1/lawfulness/assess: the engine for the consulent's own tools and for other
municipal systems with a token; bad input is a problem-details answer naming the field."""

import json
from typing import Any

from django.test import Client

from regie.accounts import services as account_services
from regie.conftest import People, log_in

ASSESS = "/api/v1/lawfulness/assess"
CIZ = {
    "law": "wmo",
    "action": "use",
    "counterparty": "ciz",
    "purpose": "support_assessment",
    "necessary": True,
    "subject_age": 40,
}


def _post(client: Client, body: Any, secret: str | None = None):
    headers = {"authorization": f"Bearer {secret}"} if secret else {}
    return client.post(ASSESS, json.dumps(body), content_type="application/json", headers=headers)


def _token(people: People, scope: str) -> str:
    _token, secret = account_services.api_token_create(
        name="Zaaksysteem", scopes=[scope], created_by=people.beheerder
    )
    return secret


def test_it_decides_one_scenario_for_a_consulent(client: Client, people: People):
    response = _post(log_in(client, people.consulent), CIZ)

    assert response.status_code == 200
    body = response.json()
    assert body["outcome"] == "allowed"
    assert body["legal_basis"] == "public_task"
    assert body["inform_resident"] is True
    assert "wmo.no_consent.ciz" in body["rules"]
    assert "CIZ" in body["explanation"]


def test_it_decides_an_array_in_order(client: Client, people: People):
    scenarios = [
        {**CIZ, "counterparty": "jeugdwet_records"},
        {**CIZ, "objection": True, "safety_at_risk": True},
    ]

    response = _post(log_in(client, people.privacy_officer), scenarios)

    assert response.status_code == 200
    first, second = response.json()
    assert (first["outcome"], first["consent_from"]) == ("consent_required", "resident")
    assert second["objection_options"] == ["stop", "limited", "involuntary"]


def test_it_lets_a_system_with_the_scope_ask(client: Client, people: People):
    allowed = _post(client, CIZ, _token(people, "lawfulness.assess"))
    refused = _post(Client(), CIZ, _token(people, "api.me"))

    assert allowed.status_code == 200
    assert allowed.json()["outcome"] == "allowed"
    assert refused.status_code == 404


def test_it_names_the_field_in_problem_details(client: Client, people: People):
    response = _post(log_in(client, people.teamleider), {**CIZ, "subject_age": 15})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["errors"] == [
        {"field": "subject_capable", "message": "required when subject_age is 12 to 17"}
    ]


def test_it_names_the_index_of_the_bad_scenario(client: Client, people: People):
    response = _post(log_in(client, people.consulent), [CIZ, {**CIZ, "counterparty": "buren"}])

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["field"] == "[1].counterparty"
    assert "unknown value 'buren'" in error["message"]


def test_it_refuses_roles_that_do_not_weigh_exchanges(client: Client, people: People):
    for user in (people.beheerder, people.ciso, people.raadslid):
        assert _post(log_in(Client(), user), CIZ).status_code == 404
    assert _post(log_in(client, people.anna_user), CIZ).status_code == 404
