"""How the API knows who is calling, and the one access decision applied to it."""

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from rest_framework import authentication, exceptions, permissions
from rest_framework.request import Request

if TYPE_CHECKING:
    from rest_framework.views import APIView

from regie.accounts import access, services
from regie.accounts.models import ApiToken


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[AnonymousUser, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        scheme, _, presented = header.partition(" ")
        if scheme != self.keyword or not presented:
            return None
        token = services.api_token_authenticate(presented=presented.strip())
        if token is None:
            raise exceptions.AuthenticationFailed("The token is unknown, expired or revoked.")
        return AnonymousUser(), token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="regie"'


class VerifiedSessionAuthentication(authentication.SessionAuthentication):
    """Browser sessions, with CSRF protection on writes. Whether the second factor was
    given is part of the access decision."""


class AccessDecision(permissions.BasePermission):
    """Views declare `regie_action`; `accounts.access.decide` answers. A view without a
    declared action is refused, so a forgotten declaration fails closed."""

    def has_permission(self, request: Request, view: "APIView") -> bool:
        action = getattr(view, "regie_action", None)
        if action is None:
            return getattr(view, "regie_public", False)
        actor: Any = request.auth if isinstance(request.auth, ApiToken) else request.user
        if not isinstance(actor, ApiToken) and not actor.is_authenticated:
            raise exceptions.NotAuthenticated
        if not access.may(actor, action):
            raise exceptions.NotFound
        return True
