from django.utils.translation import gettext_lazy as _

from regie.accounts.access import Action
from regie.web.navigation import NavItem

MENU = [
    NavItem(_("Register"), "register:activities", Action.REGISTER_READ),
    NavItem(_("Privacy dashboard"), "register:dashboard", Action.REGISTER_MANAGE),
]
