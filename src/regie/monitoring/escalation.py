"""Escalating an incident into the breach register.

The breach register (`regie.breaches`) is being built alongside; until it is installed the
incident page shows the facts that will be carried over. `breach_facts` gives them in the
shape of `breaches.services.breach_register(**facts)`.
"""

from typing import Any

from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.monitoring.models import AlertGroup, TriageDecision


def breach_facts(group: AlertGroup) -> dict[str, Any]:
    seen = group.alerts.aggregate(first=Min("observed_at"), last=Max("observed_at"))
    decision = TriageDecision.objects.filter(group=group).first()
    description = _(
        "The intrusion detection reported %(count)d alert(s) '%(signature)s' on host "
        "%(host)s between %(first)s and %(last)s."
    ) % {
        "count": group.alerts.count(),
        "signature": group.signature,
        "host": group.host,
        "first": timezone.localtime(seen["first"]).strftime("%d-%m-%Y %H:%M")
        if seen["first"]
        else "?",
        "last": timezone.localtime(seen["last"]).strftime("%d-%m-%Y %H:%M")
        if seen["last"]
        else "?",
    }
    if decision is not None:
        description += "\n\n" + _("CISO's note: %(note)s") % {"note": decision.note}
    return {
        "title": (_("Security incident: %(signature)s") % {"signature": group.signature})[:200],
        "description": description,
        "occurred_at": seen["first"],
        "discovered_at": decision.decided_at if decision is not None else timezone.now(),
    }
