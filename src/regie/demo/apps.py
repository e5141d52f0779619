from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for the fictional municipality. Sits on top: it may use every app's services."""

    name = "regie.demo"
    label = "demo"
