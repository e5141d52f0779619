from django.utils.translation import gettext_lazy as _

from regie.accounts.access import Action
from regie.web.navigation import NavItem

MENU = [
    NavItem(_("My Inwonercloud"), "portal:home", Action.PORTAL_USE),
    NavItem(_("My cases"), "portal:cases", Action.PORTAL_USE),
    NavItem(_("Sharing and consent"), "portal:sharing", Action.PORTAL_USE),
    NavItem(_("Who looked at my data"), "portal:log", Action.PORTAL_USE),
    NavItem(_("My rights"), "portal:rights", Action.PORTAL_USE),
    NavItem(_("Messages"), "portal:messages", Action.PORTAL_USE),
    NavItem(_("Legal representation"), "portal:representation", Action.PORTAL_USE),
]
