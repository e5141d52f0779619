from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "regie.exchange"
    label = "exchange"
