"""The municipality's OpenID Connect provider vouches for existing, active staff only.

The identity provider itself cannot be reached from the test suite, so these tests call the
backend with the claims a provider would send; only the network call that fetches those
claims (`get_userinfo`, mozilla-django-oidc's code) is replaced.
"""

from typing import Any

import pytest

from regie.accounts import services
from regie.accounts.backends import StaffOIDCBackend
from regie.accounts.models import User
from regie.conftest import People


@pytest.fixture(autouse=True)
def _oidc(settings: Any) -> None:
    settings.OIDC_RP_CLIENT_ID = "regie"
    settings.OIDC_RP_CLIENT_SECRET = "not-a-real-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.invalid/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.invalid/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.invalid/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://idp.invalid/jwks"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid email profile"
    settings.OIDC_CREATE_USER = False
    settings.OIDC_USERNAME_CLAIM = "preferred_username"


class _ClaimsFromTest(StaffOIDCBackend):
    """The Regie backend, with the claims handed in instead of fetched from the provider."""

    def __init__(self, claims: dict[str, Any]) -> None:
        super().__init__()
        self.claims = claims

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        return self.claims


def _claims(username: str) -> dict[str, Any]:
    return {"sub": "1234", "preferred_username": username, "email": "someone@gemeente.example"}


def _found(claims: dict[str, Any]) -> list[User]:
    return list(StaffOIDCBackend().filter_users_by_claims(claims))


def test_it_finds_an_active_staff_member_by_the_claim(people: People):
    assert _found(_claims("consulent")) == [people.consulent]
    assert _found(_claims("CONSULENT")) == [people.consulent]


def test_it_does_not_match_on_e_mail(people: People):
    people.consulent.email = "someone@gemeente.example"
    people.consulent.save()

    assert _found({"sub": "1234", "email": "someone@gemeente.example"}) == []


def test_it_does_not_find_a_resident_or_professional(people: People):
    assert people.professional.user is not None

    assert _found(_claims(people.anna_user.username)) == []
    assert _found(_claims(people.professional.user.username)) == []


def test_it_does_not_find_an_inactive_staff_member(people: People):
    services.user_deactivate(user=people.consulent)

    assert _found(_claims("consulent")) == []


def test_it_creates_nobody(people: People):
    before = User.objects.count()

    StaffOIDCBackend().create_user(_claims("newcomer"))
    assert _ClaimsFromTest(_claims("newcomer")).get_or_create_user("token", "id", {}) is None

    assert User.objects.count() == before


def test_it_logs_in_the_staff_member_the_provider_names(people: People):
    backend = _ClaimsFromTest(_claims("teamleider"))

    assert backend.get_or_create_user("token", "id", {}) == people.teamleider


def test_it_does_not_restore_a_session_of_someone_no_longer_allowed(people: People):
    backend = StaffOIDCBackend()
    assert backend.get_user(people.consulent.pk) == people.consulent

    services.user_deactivate(user=people.consulent)

    assert backend.get_user(people.consulent.pk) is None
    assert backend.get_user(people.anna_user.pk) is None
