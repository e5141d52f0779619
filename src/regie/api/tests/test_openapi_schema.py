"""The API describes itself: an OpenAPI 3 document with its paths and both ways to log in."""

import json

from django.conf import settings
from django.test import Client


def _schema(client: Client) -> dict:
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_it_serves_an_openapi_3_document_without_logging_in(client: Client, db: None):
    schema = _schema(client)

    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Regie API"
    assert "/api/v1/me/" in schema["paths"]


def test_it_declares_the_token_and_the_session_scheme(client: Client, db: None):
    schemes = _schema(client)["components"]["securitySchemes"]

    by_type = {scheme["type"]: scheme for scheme in schemes.values()}
    assert by_type["http"]["scheme"] == "bearer"
    assert by_type["apiKey"]["in"] == "cookie"
    assert by_type["apiKey"]["name"] == settings.SESSION_COOKIE_NAME


def test_it_lets_the_me_endpoint_be_called_with_either_scheme(client: Client, db: None):
    schema = _schema(client)

    security = schema["paths"]["/api/v1/me/"]["get"]["security"]
    named = {name for requirement in security for name in requirement}
    assert named == {"apiToken", "session"}


def test_it_lets_a_signal_source_deliver_with_its_own_token_only(client: Client, db: None):
    schema = _schema(client)

    security = schema["paths"]["/api/v1/monitoring/signals"]["post"]["security"]
    assert [name for requirement in security for name in requirement] == ["signalSourceToken"]
