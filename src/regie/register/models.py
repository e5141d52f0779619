import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.register.duration import parse_duration
from regie.register.rules import Ground, consent_for_statutory_task, ground_from_citation

URI_PREFIX = "urn:regie:verwerking:"


def validate_retention(value: str) -> None:
    try:
        parse_duration(value)
    except ValueError:
        raise ValidationError(
            _("Give the retention period as an ISO 8601 duration, such as P7Y.")
        ) from None


class ProcessingActivity(models.Model):
    """A processing activity with a stable identifier; its content lives in versions, so a
    processing-log record keeps pointing at the text that was in force when it was made."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("identifier"), max_length=80, unique=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("processing activity")

    def __str__(self) -> str:
        return self.uri

    @property
    def uri(self) -> str:
        """The LDV dpl.core.processing_activity_id."""
        return f"{URI_PREFIX}{self.slug}"

    def current_version(self) -> "ProcessingActivityVersion":
        return self.versions.order_by("-number").first()  # type: ignore[return-value]


class LawfulGround(models.TextChoices):
    CONSENT = Ground.CONSENT.value, _("a: consent of the data subject")
    CONTRACT = Ground.CONTRACT.value, _("b: performance of a contract")
    LEGAL_OBLIGATION = Ground.LEGAL_OBLIGATION.value, _("c: legal obligation")
    VITAL_INTERESTS = Ground.VITAL_INTERESTS.value, _("d: vital interests")
    PUBLIC_TASK = Ground.PUBLIC_TASK.value, _("e: task in the public interest")
    LEGITIMATE_INTERESTS = Ground.LEGITIMATE_INTERESTS.value, _("f: legitimate interests")


class DpiaStatus(models.TextChoices):
    NOT_ASSESSED = "not_assessed", _("not assessed yet")
    NOT_REQUIRED = "not_required", _("not required")
    REQUIRED = "required", _("required, not started")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")


# Every field added after the first release has a database default as well: other apps'
# data migrations create versions with only the first fields (name, purpose, legal basis and
# source, explanation, retention), from a model state that may not know the newer columns.
class ProcessingActivityVersion(models.Model):
    """The content of an activity at one moment (AVG art. 30 lid 1). Never edited: a change is
    the next number, and the highest number is in force."""

    activity = models.ForeignKey(
        ProcessingActivity, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField()
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"))
    legal_basis = models.CharField(_("legal basis (AVG art. 6)"), max_length=200)
    legal_source = models.CharField(_("statutory source"), max_length=200)
    plain_explanation = models.TextField(_("explanation for residents"))
    retention = models.CharField(
        _("retention period"), max_length=20, validators=[validate_retention]
    )
    valid_from = models.DateTimeField(auto_now_add=True)
    lawful_ground = models.CharField(
        _("lawful ground (AVG art. 6 lid 1)"),
        max_length=1,
        choices=LawfulGround.choices,
        blank=True,
        default="",
        db_default="",
    )
    special_categories = models.TextField(
        _("special categories of personal data"), blank=True, default="", db_default=""
    )
    special_category_exception = models.CharField(
        _("exception for special categories (AVG art. 9 lid 2)"),
        max_length=200,
        blank=True,
        default="",
        db_default="",
    )
    data_subject_categories = models.TextField(
        _("categories of data subjects"), blank=True, default="", db_default=""
    )
    personal_data_categories = models.TextField(
        _("categories of personal data"), blank=True, default="", db_default=""
    )
    recipients = models.TextField(_("recipients"), blank=True, default="", db_default="")
    third_country_transfers = models.TextField(
        _("transfers to third countries"), blank=True, default="", db_default=""
    )
    security_measures = models.TextField(
        _("technical and organisational measures"), blank=True, default="", db_default=""
    )
    dpia_status = models.CharField(
        _("DPIA status"),
        max_length=20,
        choices=DpiaStatus.choices,
        default=DpiaStatus.NOT_ASSESSED,
        db_default=DpiaStatus.NOT_ASSESSED,
    )
    owner = models.CharField(
        _("owner (responsible department)"),
        max_length=200,
        blank=True,
        default="",
        db_default="",
    )
    change_note = models.CharField(
        _("what changed and why"), max_length=500, blank=True, default="", db_default=""
    )
    # Staff are deactivated, not deleted; only removing the demo deletes people.
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "number"], name="unique_activity_version")
        ]
        ordering = ["activity", "-number"]
        verbose_name = _("processing activity version")

    def __str__(self) -> str:
        return f"{self.activity.uri} v{self.number}"

    @property
    def ground(self) -> str:
        """The art. 6 ground: the chosen one, or the one an older free-text basis cites."""
        cited = ground_from_citation(self.legal_basis)
        return self.lawful_ground or (cited.value if cited else "")

    @property
    def ground_label(self) -> str:
        return str(LawfulGround(self.ground).label) if self.ground else self.legal_basis

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if not self.lawful_ground:
            errors["lawful_ground"] = ValidationError(
                _("Choose the lawful ground of AVG art. 6 this activity rests on.")
            )
        elif consent_for_statutory_task(self.lawful_ground, self.legal_source):
            errors["lawful_ground"] = ValidationError(
                _(
                    "Consent is not the ground for a statutory task under the Wmo, Jeugdwet "
                    "or Participatiewet; choose the legal obligation or the public task."
                )
            )
        if self.special_categories.strip() and not self.special_category_exception.strip():
            errors["special_category_exception"] = ValidationError(
                _("Special categories may only be processed under an exception of art. 9.")
            )
        if errors:
            raise ValidationError(errors)


class WorkProcess(models.Model):
    """A sequence of steps staff follow (for instance a request for support), each resting
    on an activity of the register."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("work process")

    def __str__(self) -> str:
        return self.name


class WorkProcessStep(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    process = models.ForeignKey(WorkProcess, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField(_("position"))
    name = models.CharField(_("step"), max_length=200)
    data_registered = models.TextField(_("data registered in this step"))
    activity = models.ForeignKey(
        ProcessingActivity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="steps",
        verbose_name=_("processing activity"),
        help_text=_("Leave empty when no activity covers this step yet: it shows as a gap."),
    )
    needs_consent = models.BooleanField(
        _("specific consent still needed"),
        default=False,
        help_text=_("For data the ground does not cover, such as sharing with a third party."),
    )
    consent_note = models.CharField(_("for what consent is needed"), max_length=300, blank=True)

    class Meta:
        ordering = ["process", "position", "id"]
        verbose_name = _("work-process step")

    def __str__(self) -> str:
        return f"{self.process.name} {self.position}: {self.name}"

    @property
    def is_gap(self) -> bool:
        return self.activity_id is None


class ProcessorKind(models.TextChoices):
    CARE_PARTNER = "care_partner", _("care partner")
    SUPPLIER = "supplier", _("supplier")


class Processor(models.Model):
    """An organisation that processes personal data for the municipality (AVG art. 28): a
    care partner or a supplier. Other apps point at it (for instance to share with it)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("organisation"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ProcessorKind.choices)
    sub_processors = models.TextField(_("sub-processors"), blank=True)
    activities = models.ManyToManyField(
        ProcessingActivity,
        blank=True,
        related_name="processors",
        verbose_name=_("activities it processes for"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("processor")

    def __str__(self) -> str:
        return self.name


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SENT = "sent", _("sent")
    SIGNED = "signed", _("signed")
    EXPIRED = "expired", _("expired")


class ProcessorAgreement(models.Model):
    """A verwerkersovereenkomst with a processor, on a version of the regional model."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    processor = models.ForeignKey(Processor, on_delete=models.PROTECT, related_name="agreements")
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    model_version = models.CharField(
        _("version of the regional model agreement"), max_length=100, blank=True
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    starts_on = models.DateField(_("in force from"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["processor", "-starts_on", "-id"]
        verbose_name = _("processor agreement")

    def __str__(self) -> str:
        return f"{self.processor.name} ({self.get_status_display()})"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The agreement cannot end before it is in force.")})
        if self.status == AgreementStatus.SIGNED and not self.signed_on:
            raise ValidationError(
                {"signed_on": _("Give the date on which the agreement was signed.")}
            )

    def in_force_on(self, day: date) -> bool:
        return (
            self.status == AgreementStatus.SIGNED
            and (self.starts_on is None or self.starts_on <= day)
            and (self.ends_on is None or day <= self.ends_on)
        )


class ReminderKind(models.TextChoices):
    EXPIRING = "expiring", _("agreement ends soon")
    EXPIRED = "expired", _("agreement has ended")
    MISSING = "missing", _("no signed agreement")


class AgreementReminder(models.Model):
    """A reminder sent to one privacy officer about one deadline of one processor; it is
    sent once, however often the reminder task runs."""

    processor = models.ForeignKey(Processor, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    deadline = models.DateField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["processor", "kind", "deadline", "recipient"], name="unique_reminder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.processor_id} {self.deadline}"
