"""API errors are RFC 9457 problem details, and a half-finished log-in gets no data."""

import json

from django.test import Client

from regie.conftest import People

PROBLEM_FIELDS = {"type", "title", "status", "detail", "instance"}


def _problem(response) -> dict:
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert PROBLEM_FIELDS <= body.keys()
    assert body["status"] == response.status_code
    assert body["instance"] == response.wsgi_request.path
    return body


def test_it_answers_an_unknown_api_path_with_a_404_problem(client: Client, db: None):
    response = client.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    body = _problem(response)
    assert body["type"].startswith("https://")
    assert body["title"]
    assert body["detail"]


def test_it_asks_an_anonymous_caller_to_authenticate(client: Client, db: None):
    response = client.get("/api/v1/me/")

    assert response.status_code == 401
    _problem(response)
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_it_refuses_staff_who_have_not_given_the_second_factor(client: Client, people: People):
    client.force_login(people.consulent)

    response = client.get("/api/v1/me/")

    assert response.status_code in {401, 404}
    _problem(response)
    assert b"consulent" not in response.content


def test_it_answers_staff_with_the_second_factor(login_as, people: People):
    response = login_as(people.consulent).get("/api/v1/me/")

    assert response.status_code == 200
    assert response.json() == {"kind": "staff", "role": "consulent", "scopes": []}


def test_it_answers_a_wrong_method_with_a_405_problem(login_as, people: People):
    response = login_as(people.consulent).delete("/api/v1/me/")

    assert response.status_code == 405
    _problem(response)
