from django.apps import AppConfig


class BenchappConfig(AppConfig):
    name = "benchapp"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from benchapp.models import BusinessRow

        auditlog.register(BusinessRow)
