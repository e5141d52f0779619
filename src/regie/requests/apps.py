from django.apps import AppConfig


class RequestsConfig(AppConfig):
    name = "regie.requests"
    label = "requests"
