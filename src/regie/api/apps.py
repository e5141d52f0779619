from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The versioned REST API: each app contributes its views in its own api.py."""

    name = "regie.api"
    label = "api"
