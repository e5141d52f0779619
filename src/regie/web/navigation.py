"""The navigation per role: each entry is shown only when the access decision allows it.

An app adds its own entries in a module `<app>/navigation.py` holding `MENU = [NavItem(...)]`,
so that its labels live in its own translation catalogue; they follow the entries here, in the
order of INSTALLED_APPS."""

from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
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
    NavItem(_("Users"), "accounts:users", Action.USER_MANAGE),
    NavItem(_("API tokens"), "accounts:tokens", Action.APITOKEN_MANAGE),
]


@cache
def menu() -> list[NavItem]:
    items = list(NAVIGATION)
    for app in apps.get_app_configs():
        module = f"{app.name}.navigation"
        if app.name.startswith("regie.") and module != __name__ and find_spec(module):
            items += import_module(module).MENU
    return items


def navigation_for(request: HttpRequest) -> list[dict[str, object]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    current = request.path
    items = []
    for item in menu():
        if may(user, item.action):
            url = reverse(item.url_name)
            items.append({"label": str(item.label), "url": url, "current": url == current})
    return items
