from django.http import HttpRequest
from django.template.loader import render_to_string

from regie.accounts.access import Action, may
from regie.requests.selectors import open_request_counts


def card(request: HttpRequest) -> str | None:
    """How many rights requests are open, how many are due within a week or late."""
    if not may(request.user, Action.REQUEST_MANAGE):
        return None
    return render_to_string("requests/_dashboard.html", {"counts": open_request_counts()}, request)
