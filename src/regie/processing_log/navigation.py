from django.utils.translation import gettext_lazy as _

from regie.accounts.access import Action
from regie.web.navigation import NavItem

MENU = [NavItem(_("Processing log"), "processing_log:search", Action.PROCESSING_LOG_READ)]
