"""Escalating an incident into the breach register: `breach_facts` gives the facts in the
shape of `breaches.services.breach_register(**facts)`, `group_escalate` registers them once."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.accounts.models import User
from regie.breaches.models import Breach
from regie.breaches.services import breach_register
from regie.monitoring.models import AlertGroup, TriageDecision, TriageStatus


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


@transaction.atomic
def group_escalate(*, group: AlertGroup, escalated_by: User) -> Breach:
    """Register an incident in the breach register with its facts carried over, once: a second
    escalation gives the breach of the first. The breach is assessed at once and its 72-hour
    clock runs from the discovery (the CISO's incident decision)."""
    group = AlertGroup.objects.select_for_update().get(pk=group.pk)
    if group.breach_id is not None:
        return group.breach  # type: ignore[return-value]
    if group.status != TriageStatus.INCIDENT:
        raise ValidationError(_("Only an incident can be escalated into the breach register."))
    # How many people and records are touched is not known from the alerts: the privacy
    # officer fills it in when assessing the breach.
    breach = breach_register(
        registered_by=escalated_by, subjects_count=0, records_count=0, **breach_facts(group)
    )
    group.breach = breach
    group.save(update_fields=["breach"])
    return breach
