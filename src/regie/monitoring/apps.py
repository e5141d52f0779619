from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "regie.monitoring"
    verbose_name = "Monitoring"

    def ready(self) -> None:
        from regie.monitoring import schema  # noqa: F401 (registers the OpenAPI extension)
