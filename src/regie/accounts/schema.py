"""How the OpenAPI document describes Regie's two ways to call the API."""

from typing import Any

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "regie.accounts.api_auth.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token made by an administrator, as `Authorization: Bearer "
            "regie_…`. It may do only what its scopes allow.",
        }


class VerifiedSessionScheme(OpenApiAuthenticationExtension):
    target_class = "regie.accounts.api_auth.VerifiedSessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": "The browser session of a logged-in person; staff must have "
            "given their second factor.",
        }
