from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from regie.accounts.access import Action, may
from regie.breaches import selectors


def card(request: HttpRequest) -> str | None:
    """The breaches still to be reported, each with its countdown."""
    if not may(request.user, Action.BREACH_READ):
        return None
    now = timezone.now()
    waiting = [
        (breach, selectors.countdown(breach, now)) for breach in selectors.breaches_on_the_clock()
    ]
    return render_to_string("breaches/_dashboard.html", {"on_the_clock": waiting}, request)
