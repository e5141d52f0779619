from django.apps import AppConfig


class VaultConfig(AppConfig):
    name = "regie.vault"
    label = "vault"

    def ready(self) -> None:
        from regie.vault import checks  # noqa: F401
