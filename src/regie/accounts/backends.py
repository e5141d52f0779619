"""Authentication backends: staff by password or OIDC, residents by DigiD (mock or SAML)."""

import logging
from typing import Any

from digid_eherkenning.backends import DigiDBackend
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from regie.accounts import services
from regie.accounts.models import Kind, User
from regie.core.bsn import is_valid_bsn

logger = logging.getLogger(__name__)


class StaffPasswordBackend(ModelBackend):
    """Password log-in is for staff only; residents use DigiD, professionals a one-time code."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None or user.kind != Kind.STAFF:
            return None
        return user


class _ResidentFromBsn:
    def get_or_create_user_from_bsn(self, request: HttpRequest, bsn: str) -> User | None:
        if not is_valid_bsn(bsn):
            logger.warning("DigiD returned an identifier that is not a valid BSN")
            return None
        user = services.resident_user_for_bsn(bsn=bsn)
        logger.info("Resident account %s logged in with DigiD", user.public_id)
        return user


class DigiDMockBackend(_ResidentFromBsn, ModelBackend):
    """The demo and test stand-in for DigiD: the mock IdP hands over a BSN directly."""

    def authenticate(  # type: ignore[override]
        self, request: HttpRequest | None, digid_mock_bsn: str | None = None, **kwargs: Any
    ) -> User | None:
        if digid_mock_bsn is None or request is None:
            return None
        return self.get_or_create_user_from_bsn(request, digid_mock_bsn)


class DigiDSamlBackend(_ResidentFromBsn, DigiDBackend):
    """Real DigiD over SAML (artifact binding), configured as the package documents."""


class StaffOIDCBackend(OIDCAuthenticationBackend):
    """The municipality's identity provider vouches for an existing staff account; it never
    creates one, and the second factor is still asked by Regie."""

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        username = claims.get(settings.OIDC_USERNAME_CLAIM)
        if not username:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(
            username__iexact=username, kind=Kind.STAFF, is_active=True
        )

    def create_user(self, claims: dict[str, Any]) -> None:
        return None

    def get_user(self, user_id: Any) -> User | None:
        # The package's get_user skips the is_active check Django's ModelBackend makes.
        return User.objects.filter(pk=user_id, kind=Kind.STAFF, is_active=True).first()
