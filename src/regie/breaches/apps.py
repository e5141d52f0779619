from django.apps import AppConfig


class BreachesConfig(AppConfig):
    name = "regie.breaches"
    label = "breaches"
