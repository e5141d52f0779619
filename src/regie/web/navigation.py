"""The navigation per role: each entry is shown only when the access decision allows it."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from regie.accounts.access import Action, may


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    action: Action


NAVIGATION = [
    NavItem(_("Start"), "accounts:home", Action.STAFF_HOME),
    NavItem(_("My page"), "accounts:resident-home", Action.RESIDENT_HOME),
    NavItem(_("Who used my data"), "processing_log:mine", Action.PROCESSING_LOG_OWN),
    NavItem(_("Users"), "accounts:users", Action.USER_MANAGE),
    NavItem(_("API tokens"), "accounts:tokens", Action.APITOKEN_MANAGE),
]


def navigation_for(request: HttpRequest) -> list[dict[str, object]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    current = request.path
    items = []
    for item in NAVIGATION:
        if may(user, item.action):
            url = reverse(item.url_name)
            items.append({"label": str(item.label), "url": url, "current": url == current})
    return items
