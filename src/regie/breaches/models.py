"""The breach register (AVG art. 33(5)): every incident that may involve personal data, the
assessment, the 72-hour clock and what was reported to whom.

A breach is about many people at once and names none of them: the register holds counts and
categories, never a resident. Keep names and BSNs out of the free texts."""

import uuid
from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regie.accounts.models import User
from regie.register.models import ProcessingActivity


class Status(models.TextChoices):
    DISCOVERED = "discovered", _("Discovered")
    ASSESSED = "assessed", _("Assessed")
    REPORTED = "reported", _("Reported to the AP")
    RESIDENTS_INFORMED = "residents_informed", _("Residents informed")
    CLOSED = "closed", _("Closed")


class Risk(models.TextChoices):
    NONE = "none", _("No risk")
    RISK = "risk", _("Risk")
    HIGH = "high", _("High risk")


class Category(models.TextChoices):
    NAME = "name", _("Names")
    CONTACT = "contact", _("Contact details")
    ADDRESS = "address", _("Addresses")
    BSN = "bsn", _("BSNs")
    FINANCIAL = "financial", _("Financial data")
    HEALTH = "health", _("Health data")
    SPECIAL = "special", _("Other special categories (AVG art. 9)")
    CRIMINAL = "criminal", _("Criminal data (AVG art. 10)")
    CHILDREN = "children", _("Data of children")
    LOCATION = "location", _("Location data")


class Breach(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    title = models.CharField(_("short description"), max_length=200)
    description = models.TextField(_("what happened"))
    occurred_at = models.DateTimeField(_("when it happened"), null=True, blank=True)
    discovered_at = models.DateTimeField(_("when it was discovered"))
    activities = models.ManyToManyField(
        ProcessingActivity, verbose_name=_("processing activities"), blank=True, related_name="+"
    )
    data_categories = models.JSONField(_("kinds of personal data"), default=list, blank=True)
    subjects_count = models.PositiveIntegerField(_("number of people concerned"))
    records_count = models.PositiveIntegerField(_("number of records concerned"))
    records_held = models.PositiveIntegerField(
        _("number of records the system holds"), null=True, blank=True
    )
    personal_data = models.BooleanField(_("personal data involved"), default=True)
    confidentiality_loss = models.BooleanField(_("seen or taken by others"), default=False)
    integrity_loss = models.BooleanField(_("altered"), default=False)
    availability_loss_hours = models.DecimalField(
        _("hours unavailable"), max_digits=7, decimal_places=1, default=0
    )
    permanent_loss = models.BooleanField(_("lost for good, without a backup"), default=False)
    unintelligible = models.BooleanField(_("unintelligible (encrypted, key safe)"), default=False)
    recipient_trusted_and_deleted = models.BooleanField(
        _("trusted recipient who deleted it"), default=False
    )
    vulnerable_subjects = models.BooleanField(_("vulnerable people concerned"), default=False)
    confidential_address = models.BooleanField(_("a confidential address leaked"), default=False)
    consequences = models.TextField(_("consequences"), blank=True)
    measures_taken = models.TextField(_("measures taken"), blank=True)
    measures_planned = models.TextField(_("measures planned"), blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DISCOVERED
    )
    authority_deadline = models.DateTimeField(_("deadline for reporting to the AP"))
    is_personal_data_breach = models.BooleanField(default=True)
    risk = models.CharField(_("risk"), max_length=10, choices=Risk.choices)
    notify_authority = models.BooleanField(_("report to the AP"))
    notify_subjects = models.BooleanField(_("inform the people concerned"))
    reasons = models.JSONField(default=list)
    assessed_at = models.DateTimeField(null=True, blank=True)
    assessed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported to the AP at"), null=True, blank=True)
    late_reason = models.TextField(_("reason for reporting late"), blank=True)
    residents_informed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    registered_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-discovered_at"]
        verbose_name = _("data breach")

    def __str__(self) -> str:
        return self.reference

    @property
    def clock_running(self) -> bool:
        """The 72 hours run until the report is made, unless the assessment says none is due."""
        return self.status in {Status.DISCOVERED, Status.ASSESSED} and self.notify_authority

    @property
    def reported_late(self) -> bool:
        return self.reported_at is not None and self.reported_at > self.authority_deadline

    def hours_left(self, now: datetime) -> float:
        return (self.authority_deadline - now).total_seconds() / 3600


class ReportKind(models.TextChoices):
    INITIAL = "initial", pgettext_lazy("notification to the AP", "Report")
    FOLLOW_UP = "follow_up", _("Follow-up report")
    WITHDRAWAL = "withdrawal", _("Withdrawal")


class AuthorityReport(models.Model):
    """What was sent to the Autoriteit Persoonsgegevens: the report, follow-ups, a withdrawal.
    The form's content is kept as it was sent."""

    breach = models.ForeignKey(Breach, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind.choices)
    submitted_at = models.DateTimeField(_("sent at"))
    authority_reference = models.CharField(_("AP reference number"), max_length=50, blank=True)
    note = models.TextField(_("note"), blank=True)
    content = models.JSONField(default=list)
    made_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} of {self.breach_id}"


class Stage(models.TextChoices):
    HOURS_24 = "24h", _("24 hours since discovery")
    HOURS_48 = "48h", _("48 hours since discovery")
    OVERDUE = "overdue", _("deadline passed")


class BreachReminder(models.Model):
    """A reminder sent: at most one per breach, stage and privacy officer."""

    breach = models.ForeignKey(Breach, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField(max_length=10, choices=Stage.choices)
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["breach", "stage", "recipient"], name="one_breach_reminder_per_stage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.stage} reminder for {self.breach_id}"
