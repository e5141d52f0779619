"""What happened around an exchange of a resident's data: the specific consent given (in the
spirit of ISO/IEC TS 27560), what the resident was told, and how an objection was weighed.

Each record keeps the scenario put to the engine and the engine's decision (with its rule
ids), so it can always say on which rules it stood. Free text about the resident is sealed.
The records refer to the resident only; `reference` is a free reference (a case number, say).
"""

import uuid
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Resident, User
from regie.core.gate import PersonalDataManager
from regie.lawfulness import rules


def _choices(enum: Any, labels: dict[Any, Any]) -> list[tuple[str, Any]]:
    return [(member.value, labels[member]) for member in enum]


LAW_CHOICES = _choices(
    rules.Law,
    {
        rules.Law.WMO: _("Wmo 2015"),
        rules.Law.JEUGDWET: _("Jeugdwet"),
        rules.Law.PARTICIPATIEWET: _("Participatiewet"),
    },
)
ACTION_CHOICES = _choices(
    rules.ExchangeAction,
    {
        rules.ExchangeAction.COLLECT: _("collect"),
        rules.ExchangeAction.USE: _("use"),
        rules.ExchangeAction.PROVIDE: _("provide"),
    },
)
PURPOSE_CHOICES = _choices(
    rules.Purpose,
    {
        rules.Purpose.SUPPORT_ASSESSMENT: _("assessing the need for support"),
        rules.Purpose.SUPPORT_DELIVERY: _("delivering support"),
        rules.Purpose.ZVW_TASKS: _("tasks under the Zorgverzekeringswet"),
        rules.Purpose.OTHER: _("another purpose"),
    },
)
COUNTERPARTY_CHOICES = _choices(
    rules.Counterparty,
    {
        rules.Counterparty.RESIDENT: _("the resident"),
        rules.Counterparty.CIZ: _("CIZ"),
        rules.Counterparty.HEALTH_INSURER: _("health insurer"),
        rules.Counterparty.ZVW_CARE_PROVIDER: _("care provider under the Zvw"),
        rules.Counterparty.WMO_PROVIDER: _("Wmo provider"),
        rules.Counterparty.PARTICIPATIEWET_RECORDS: _("Participatiewet records"),
        rules.Counterparty.JEUGDWET_RECORDS: _("Jeugdwet records"),
        rules.Counterparty.COOPERATING_PROFESSIONAL: _("cooperating professional"),
        rules.Counterparty.PGB_THIRD_PARTY: _("third party paid from a personal budget"),
        rules.Counterparty.CAK: _("CAK"),
        rules.Counterparty.SVB: _("SVB"),
        rules.Counterparty.SUPERVISOR: _("supervising official"),
        rules.Counterparty.VEILIG_THUIS: _("Veilig Thuis"),
        rules.Counterparty.GENERAL_PRACTITIONER: _("general practitioner"),
        rules.Counterparty.THIRD_PARTY: _("someone else"),
    },
)


class GivenBy(models.TextChoices):
    RESIDENT = rules.ConsentFrom.RESIDENT.value, _("the resident")
    LEGAL_REPRESENTATIVE = rules.ConsentFrom.LEGAL_REPRESENTATIVE.value, _("legal representative")


class ConsentMethod(models.TextChoices):
    IN_PERSON = "in_person", _("in person, in a conversation")
    SIGNED = "signed", _("on a signed form")
    PORTAL = "portal", _("in the resident portal")
    PHONE = "phone", _("by telephone")


class NoticeMethod(models.TextChoices):
    IN_PERSON = "in_person", _("in a conversation")
    LETTER = "letter", _("by letter")
    PORTAL = "portal", _("in the resident portal")
    PHONE = "phone", _("by telephone")


class ObjectionOption(models.TextChoices):
    STOP = rules.ObjectionOption.STOP.value, _("stop the service")
    LIMITED = rules.ObjectionOption.LIMITED.value, _("limit the service to what the data allows")
    INVOLUNTARY = rules.ObjectionOption.INVOLUNTARY.value, _("involuntary service")


class _Record(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Erasing a resident erases these records with them, as it does their caseload entries.
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="+")
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    # The engine's input and its answer (Decision.as_json(): outcome, rules, explanation...).
    scenario = models.JSONField()
    decision = models.JSONField()
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = PersonalDataManager()

    class Meta:
        abstract = True
        base_manager_name = "objects"

    @property
    def rule_ids(self) -> list[str]:
        return list(self.decision.get("rules", []))


class Consent(_Record):
    """A resident's (or their legal representative's) specific consent to one exchange: this
    purpose, these data, this recipient, for a limited time, until withdrawn."""

    law = models.CharField(_("law"), max_length=20, choices=LAW_CHOICES)
    action = models.CharField(_("action"), max_length=10, choices=ACTION_CHOICES)
    purpose = models.CharField(_("purpose"), max_length=20, choices=PURPOSE_CHOICES)
    recipient = models.CharField(_("recipient"), max_length=30, choices=COUNTERPARTY_CHOICES)
    data_sealed = models.BinaryField()
    legal_source = models.CharField(_("legal source"), max_length=500)
    given_by = models.CharField(_("given by"), max_length=30, choices=GivenBy.choices)
    representative_sealed = models.BinaryField(blank=True, default=b"")
    method = models.CharField(_("how"), max_length=20, choices=ConsentMethod.choices)
    given_at = models.DateTimeField(_("given at"))
    valid_until = models.DateTimeField(_("valid until"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta(_Record.Meta):
        verbose_name = _("consent")
        indexes = [models.Index(fields=["resident", "purpose", "recipient"])]

    def __str__(self) -> str:
        return f"consent {self.public_id}"


class TransparencyNotice(_Record):
    """What the resident was told about the purpose and necessity of a processing, when and
    how."""

    told_sealed = models.BinaryField()
    told_at = models.DateTimeField(_("told at"))
    method = models.CharField(_("how"), max_length=20, choices=NoticeMethod.choices)

    class Meta(_Record.Meta):
        verbose_name = _("transparency notice")

    def __str__(self) -> str:
        return f"notice {self.public_id}"


class Objection(_Record):
    """A resident's objection (or refused consent) and the option the professional chose.
    The involuntary path needs the factsheet's three safeguards, and is in effect only once a
    team leader has signed it as well."""

    objection_sealed = models.BinaryField()
    raised_at = models.DateTimeField(_("raised at"))
    option = models.CharField(_("chosen option"), max_length=20, choices=ObjectionOption.choices)
    importance_explained = models.BooleanField(_("importance of the service explained"))
    colleague_consulted = models.BooleanField(_("colleague or expert consulted"))
    consulted_on_anonymised_data = models.BooleanField(default=False)
    considerations_sealed = models.BinaryField(blank=True, default=b"")
    resident_informed = models.BooleanField(_("resident informed of decision and rights"))
    countersigned_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    countersigned_at = models.DateTimeField(null=True, blank=True)

    class Meta(_Record.Meta):
        verbose_name = _("objection")

    def __str__(self) -> str:
        return f"objection {self.public_id}"

    @property
    def in_effect(self) -> bool:
        """Stop and limited take effect when recorded; involuntary service only once
        countersigned."""
        return self.option != ObjectionOption.INVOLUNTARY or self.countersigned_at is not None
