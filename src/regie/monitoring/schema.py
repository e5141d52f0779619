"""How the OpenAPI document describes a signal source's token."""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class SourceTokenScheme(OpenApiAuthenticationExtension):
    target_class = "regie.monitoring.api.SourceTokenAuthentication"
    name = "signalSourceToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "The token of one signal source, made by the CISO, as "
            "`Authorization: Bearer regsig_…`. It may only deliver that source's signals.",
        }
