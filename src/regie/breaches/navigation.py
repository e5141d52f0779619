from django.utils.translation import gettext_lazy as _

from regie.accounts.access import Action
from regie.web.navigation import NavItem

MENU = [NavItem(_("Data breaches"), "breaches:list", Action.BREACH_READ)]
