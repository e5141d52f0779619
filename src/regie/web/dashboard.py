"""Cards that apps contribute to the staff start page: a module `<app>/dashboard.py` with a
function `card(request) -> str | None` that returns rendered HTML, or None when the card is
not for this person. Like the menu, each app keeps its own texts."""

from collections.abc import Callable
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.http import HttpRequest

Card = Callable[[HttpRequest], str | None]


@cache
def providers() -> list[Card]:
    found = []
    for app in apps.get_app_configs():
        module = f"{app.name}.dashboard"
        if app.name.startswith("regie.") and module != __name__ and find_spec(module):
            found.append(import_module(module).card)
    return found


def cards_for(request: HttpRequest) -> list[str]:
    return [html for card in providers() if (html := card(request))]
