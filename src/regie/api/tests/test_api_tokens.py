"""Other systems call the API with a scoped, revocable token that Regie keeps only a digest of."""

import hashlib
import json
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext, override

from regie.accounts import services
from regie.accounts.models import ApiToken
from regie.conftest import People


def _me(client: Client, token: str):
    return client.get("/api/v1/me/", headers={"authorization": f"Bearer {token}"})


def _assert_problem(response, status: int) -> None:
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["status"] == status


def test_it_lets_a_token_with_the_scope_call_the_api(client: Client, people: People):
    _token, secret = services.api_token_create(
        name="Zaaksysteem", scopes=["api.me"], created_by=people.beheerder
    )

    response = _me(client, secret)

    assert response.status_code == 200
    assert response.json() == {"kind": "system", "role": "", "scopes": ["api.me"]}


def test_it_records_when_a_token_was_last_used(client: Client, people: People):
    token, secret = services.api_token_create(
        name="Zaaksysteem", scopes=["api.me"], created_by=people.beheerder
    )

    _me(client, secret)

    token.refresh_from_db()
    assert token.last_used_at is not None


def test_it_hides_the_endpoint_from_a_token_without_the_scope(client: Client, people: People):
    token, secret = services.api_token_create(
        name="Zaaksysteem", scopes=["api.me"], created_by=people.beheerder
    )
    # As a token made before this endpoint's scope existed would be.
    ApiToken.objects.filter(pk=token.pk).update(scopes=[])

    _assert_problem(_me(client, secret), 404)


@pytest.mark.parametrize("scopes", [[], ["staff.home"], ["api.me", "user.manage"]])
def test_it_refuses_scopes_that_are_not_for_the_api(people: People, scopes: list[str]):
    with pytest.raises(ValidationError) as refused:
        services.api_token_create(name="Zaaksysteem", scopes=scopes, created_by=people.beheerder)

    assert "scopes" in refused.value.message_dict
    assert not ApiToken.objects.exists()


def test_it_refuses_a_revoked_token(client: Client, people: People):
    token, secret = services.api_token_create(
        name="Zaaksysteem", scopes=["api.me"], created_by=people.beheerder
    )
    services.api_token_revoke(token=token)

    _assert_problem(_me(client, secret), 401)


def test_it_refuses_an_expired_token(client: Client, people: People):
    _token, secret = services.api_token_create(
        name="Zaaksysteem",
        scopes=["api.me"],
        created_by=people.beheerder,
        expires_at=timezone.now() - timedelta(seconds=1),
    )

    _assert_problem(_me(client, secret), 401)


def test_it_refuses_a_wrong_secret_behind_a_right_prefix(client: Client, people: People):
    token, secret = services.api_token_create(
        name="Zaaksysteem", scopes=["api.me"], created_by=people.beheerder
    )
    forged = f"regie_{token.prefix}_{'A' * 43}"
    assert forged != secret

    _assert_problem(_me(client, forged), 401)


def test_it_stores_only_the_sha256_digest(people: People):
    token, secret = services.api_token_create(
        name="Zaaksysteem", scopes=["api.me"], created_by=people.beheerder
    )

    stored = ApiToken.objects.values().get(pk=token.pk)
    assert stored["digest"] == hashlib.sha256(secret.encode()).hexdigest()
    secret_part = secret.rsplit("_", 1)[1]
    assert not any(secret_part in str(value) for value in stored.values())


def _shown_secret(html: str) -> str | None:
    match = re.search(r'data-testid="new-token">([^<]+)<', html)
    return match.group(1) if match else None


def test_it_shows_a_new_token_once_in_the_administration(login_as, people: People):
    client = login_as(people.beheerder)

    created = client.post(
        "/beheer/api-tokens/", {"name": "Zaaksysteem", "scopes": ["api.me"]}, follow=True
    )

    assert created.redirect_chain == [("/beheer/api-tokens/", 302)]
    secret = _shown_secret(created.content.decode())
    assert secret is not None
    assert ApiToken.objects.get().name == "Zaaksysteem"
    assert _me(Client(), secret).status_code == 200
    again = client.get("/beheer/api-tokens/")
    assert _shown_secret(again.content.decode()) is None
    assert secret not in again.content.decode()


def test_it_refuses_a_token_without_scopes(login_as, people: People):
    client = login_as(people.beheerder)

    with override("en"):
        response = client.post(
            "/beheer/api-tokens/", {"name": "Zaaksysteem"}, headers={"accept-language": "en"}
        )
        message = gettext("Choose at least one thing the token may do.")

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ApiToken.objects.exists()


def test_it_revokes_a_token_after_confirmation(login_as, people: People):
    token, secret = services.api_token_create(
        name="Zaaksysteem", scopes=["api.me"], created_by=people.beheerder
    )
    client = login_as(people.beheerder)
    url = f"/beheer/api-tokens/{token.public_id}/intrekken/"

    confirmation = client.get(url)
    assert confirmation.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is None

    response = client.post(url)

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    _assert_problem(_me(Client(), secret), 401)


def test_it_keeps_the_token_administration_from_other_roles(login_as, people: People):
    response = login_as(people.consulent).post(
        "/beheer/api-tokens/", {"name": "Zaaksysteem", "scopes": ["api.me"]}
    )

    assert response.status_code == 404
    assert not ApiToken.objects.exists()
