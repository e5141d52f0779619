from django.apps import AppConfig


class IsmsConfig(AppConfig):
    """Information security management: frameworks, gap analysis, plan, risks, policies,
    awareness. Holds no resident data."""

    name = "regie.isms"
    label = "isms"
