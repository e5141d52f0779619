from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The council's reports: the half-yearly confidential committee report and the annual
    public report, drafted, reviewed and frozen. Figures only; no resident data."""

    name = "regie.reports"
    label = "reports"
