from django.http import HttpRequest
from django.template.loader import render_to_string

from regie.accounts.access import Action, may
from regie.monitoring.models import InsiderAlert, InsiderStatus, TriageStatus
from regie.monitoring.selectors import queue_counts


def card(request: HttpRequest) -> str | None:
    """For the CISO, the signals waiting for triage; for the privacy officer, the insider
    alerts still open. Counts only: nothing about a resident."""
    user = request.user
    triage = may(user, Action.SIGNALS_TRIAGE)
    insider = may(user, Action.INSIDER_ALERTS)
    if not (triage or insider):
        return None
    counts = queue_counts() if triage else {}
    return render_to_string(
        "monitoring/_dashboard.html",
        {
            "triage": triage,
            "new": counts.get(TriageStatus.NEW, 0),
            "investigating": counts.get(TriageStatus.INVESTIGATING, 0),
            "insider": insider,
            "open_alerts": InsiderAlert.objects.filter(status=InsiderStatus.OPEN).count()
            if insider
            else 0,
        },
        request,
    )
