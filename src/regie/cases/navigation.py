from django.utils.translation import gettext_lazy as _

from regie.accounts.access import Action
from regie.web.navigation import NavItem

MENU = [
    NavItem(_("My caseload"), "cases:caseload", Action.CASE_VIEW),
    NavItem(_("Consultations"), "cases:consultations", Action.CONSULTATION_VIEW),
    NavItem(_("Address requests"), "cases:reveals", Action.CASE_ADDRESS_APPROVE),
    NavItem(_("Confidential addresses"), "cases:reveal-alerts", Action.CASE_ADDRESS_ALERTS),
    NavItem(_("Incoming post"), "cases:post-intake", Action.POST_INTAKE),
    NavItem(_("Post to file"), "cases:post-queue", Action.POST_QUEUE),
    NavItem(_("Opened waiting post"), "cases:post-openings", Action.POST_OPENINGS),
]
