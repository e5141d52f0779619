from django.utils.translation import gettext_lazy as _

from regie.accounts.access import Action
from regie.web.navigation import NavItem

MENU = [NavItem(_("Information security"), "isms:home", Action.ISMS_VIEW)]
