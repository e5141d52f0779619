from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "regie.accounts"
    label = "accounts"

    def ready(self) -> None:
        from regie.accounts import checks, schema, signals  # noqa: F401
