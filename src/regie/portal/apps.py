from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "regie.portal"
    label = "portal"
