"""Every read of the lawfulness records, each logged as a processing of the resident's data.
Selectors return evaluated lists, never lazy querysets, so nothing is read after the gate
has closed; the sealed texts are opened with `opened()`."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from regie.accounts.models import Resident, User
from regie.lawfulness import activities, rules
from regie.lawfulness.models import Consent, Objection, TransparencyNotice
from regie.processing_log.gate import Actor, processing
from regie.vault.services import text_open


@transaction.atomic
def consent_in_force(
    resident: Resident,
    purpose: rules.Purpose | str,
    recipient: rules.Counterparty | str,
    at: datetime | None = None,
    *,
    actor: User | Actor,
) -> Consent | None:
    """The specific consent that allows exchanging RESIDENT's data with RECIPIENT for PURPOSE
    at moment AT (now by default): given by then, not yet expired, not withdrawn by then.
    None means no consent: an exchange that needs one must not happen."""
    moment = at or timezone.now()
    with processing(
        activity=activities.CONSENT,
        actor=actor,
        name="consent.check",
        subjects=[resident],
    ):
        return (
            Consent.objects.filter(
                resident=resident,
                purpose=str(purpose),
                recipient=str(recipient),
                given_at__lte=moment,
                valid_until__gt=moment,
            )
            .filter(Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=moment))
            .order_by("-given_at")
            .first()
        )


@transaction.atomic
def consents_for(resident: Resident, *, actor: User | Actor) -> list[Consent]:
    with processing(
        activity=activities.CONSENT, actor=actor, name="consent.list", subjects=[resident]
    ):
        return list(Consent.objects.filter(resident=resident).order_by("-given_at"))


@transaction.atomic
def notices_for(resident: Resident, *, actor: User | Actor) -> list[TransparencyNotice]:
    with processing(
        activity=activities.TRANSPARENCY, actor=actor, name="notice.list", subjects=[resident]
    ):
        return list(TransparencyNotice.objects.filter(resident=resident).order_by("-told_at"))


@transaction.atomic
def objections_for(resident: Resident, *, actor: User | Actor) -> list[Objection]:
    with processing(
        activity=activities.OBJECTION, actor=actor, name="objection.list", subjects=[resident]
    ):
        return list(Objection.objects.filter(resident=resident).order_by("-raised_at"))


@transaction.atomic
def objections_awaiting_countersignature(
    resident: Resident, *, actor: User | Actor
) -> list[Objection]:
    with processing(
        activity=activities.OBJECTION,
        actor=actor,
        name="objection.awaiting",
        subjects=[resident],
    ):
        return list(
            Objection.objects.filter(
                resident=resident, option="involuntary", countersigned_at__isnull=True
            ).order_by("raised_at")
        )


@dataclass(frozen=True)
class Opened:
    """The sealed texts of a record, opened for display."""

    texts: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.texts[key]


_SEALED = {
    Consent: {"data": "consent.data", "representative": "consent.representative"},
    TransparencyNotice: {"told": "notice.told"},
    Objection: {"objection": "objection.objection", "considerations": "objection.considerations"},
}


def opened(record: Consent | TransparencyNotice | Objection) -> Opened:
    """Open the sealed fields of a record a selector already read (and logged)."""
    texts = {}
    for name, context in _SEALED[type(record)].items():
        blob = bytes(getattr(record, f"{name}_sealed"))
        texts[name] = (
            text_open(resident_id=record.resident_id, blob=blob, context=context) if blob else ""
        )
    return Opened(texts)
