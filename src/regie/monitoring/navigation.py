from django.utils.translation import gettext_lazy as _

from regie.accounts.access import Action
from regie.web.navigation import NavItem

MENU = [
    NavItem(_("Security signals"), "monitoring:queue", Action.SIGNALS_TRIAGE),
    NavItem(_("Security figures"), "monitoring:figures", Action.SIGNALS_TRIAGE),
    NavItem(_("Insider alerts"), "monitoring:insider-alerts", Action.INSIDER_ALERTS),
]
