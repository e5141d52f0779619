from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawfulnessConfig(AppConfig):
    """The legal-basis and consent rules of the VNG factsheet, and the records of consent,
    transparency notices and objections."""

    name = "regie.lawfulness"
    label = "lawfulness"
    verbose_name = _("Lawfulness")
