from django.apps import AppConfig


class WebConfig(AppConfig):
    """The page shell on top of every app: landing page, navigation, error pages."""

    name = "regie.web"
    label = "web"
