from django.apps import AppConfig


class VaultConfig(AppConfig):
    name = "regie.vault"
    label = "vault"
