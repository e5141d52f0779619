from django.apps import AppConfig


class RegisterConfig(AppConfig):
    """The register of processing activities (AVG art. 30). The processing log points here."""

    name = "regie.register"
    label = "register"
