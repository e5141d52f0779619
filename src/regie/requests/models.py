"""Rights requests of residents (AVG art. 15-21): what was asked, by whom, the statutory
clock and the decision. A request is the resident's personal data: the model is gated and
the free texts are sealed."""

import uuid
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regie.accounts.models import Resident, User
from regie.core.gate import PersonalDataManager


class Kind(models.TextChoices):
    ACCESS = "access", _("Access (AVG art. 15)")
    RECTIFICATION = "rectification", _("Rectification (AVG art. 16)")
    ERASURE = "erasure", _("Erasure (AVG art. 17)")
    RESTRICTION = "restriction", _("Restriction of processing (AVG art. 18)")
    OBJECTION = "objection", _("Objection (AVG art. 21)")


class Channel(models.TextChoices):
    PORTAL = "portal", _("Resident portal")
    LETTER = "letter", _("Letter")
    DESK = "desk", _("At the desk")
    PHONE = "phone", _("Phone")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", pgettext_lazy("rights request status", "In progress")
    DECIDED = "decided", _("Decided")
    CLOSED = "closed", _("Closed")


class Decision(models.TextChoices):
    GRANTED = "granted", pgettext_lazy("decision on a rights request", "Granted")
    PARTLY_GRANTED = (
        "partly_granted",
        pgettext_lazy("decision on a rights request", "Partly granted"),
    )
    REFUSED = "refused", pgettext_lazy("decision on a rights request", "Refused")


class RightsRequest(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    # Erasing a resident erases their requests too, as it does their other records.
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind of request"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("received through"), max_length=10, choices=Channel.choices)
    received_on = models.DateField(_("received on"))
    deadline = models.DateField(_("answer due"))
    extended_until = models.DateField(_("extended until"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    extension_told_on = models.DateField(
        _("resident told of the extension on"), null=True, blank=True
    )
    details_sealed = models.BinaryField()
    identity_checked_on = models.DateField(null=True, blank=True)
    identity_method = models.CharField(
        _("how the identity was checked"), max_length=200, blank=True
    )
    identity_checked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handler = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    letter_sealed = models.BinaryField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    registered_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    objects = PersonalDataManager()

    class Meta:
        base_manager_name = "objects"
        ordering = ["deadline", "pk"]
        verbose_name = _("rights request")

    def __str__(self) -> str:
        return self.reference

    @property
    def due_on(self) -> date:
        return self.extended_until or self.deadline

    @property
    def is_open(self) -> bool:
        return self.status in {Status.RECEIVED, Status.IN_PROGRESS}


class Stage(models.TextChoices):
    WEEK_LEFT = "week", _("a week before the deadline")
    OVERDUE = "overdue", _("deadline passed")


class RequestReminder(models.Model):
    """A reminder sent: at most one per request, stage, deadline and recipient (an extension
    gives the new deadline its own reminders)."""

    request = models.ForeignKey(RightsRequest, on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=10, choices=Stage.choices)
    due_on = models.DateField()
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["request", "stage", "due_on", "recipient"],
                name="one_request_reminder_per_stage",
            )
        ]

    def __str__(self) -> str:
        return f"{self.stage} reminder for request {self.request_id}"
