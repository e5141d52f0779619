from django.utils.translation import gettext_lazy as _

from regie.accounts.access import Action
from regie.web.navigation import NavItem

MENU = [
    NavItem(_("Council reports"), "reports:list", Action.REPORTS_READ),
    NavItem(_("Annual reports"), "reports:public", Action.REPORTS_PUBLIC),
]
