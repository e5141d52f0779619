from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "regie.monitoring"
    verbose_name = "Monitoring"
