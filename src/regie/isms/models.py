"""The ISMS: frameworks as data, gap assessments, the implementation plan, risks, policies
and awareness. Nothing here is about residents; people appear only as staff owners."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from regie.isms import picture
from regie.processing_log.models import AppendOnlyModel
from regie.vault.models import OrganisationFile


def _translated(obj: "Framework | RequirementNode", key: str) -> str:
    language = (get_language() or "en").split("-")[0]
    text = (obj.translations or {}).get(language, {}).get(key)
    return text or str(getattr(obj, key))


class Framework(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    urn = models.CharField(max_length=200, unique=True)
    library_urn = models.CharField(max_length=200)
    library_version = models.PositiveIntegerField(default=1)
    provider = models.CharField(max_length=200, blank=True)
    ref_id = models.CharField(max_length=100, blank=True)
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    translations = models.JSONField(default=dict, blank=True)
    min_score = models.IntegerField(default=0)
    max_score = models.IntegerField(default=5)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return _translated(self, "name")


class RequirementNode(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="nodes")
    urn = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    part = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    part_key = models.CharField(max_length=200, blank=True)
    order = models.PositiveIntegerField()
    depth = models.PositiveIntegerField(default=1)
    assessable = models.BooleanField(default=False)
    ref_id = models.CharField(max_length=100, blank=True)
    name = models.CharField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    translations = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "urn"], name="isms_node_urn_unique")
        ]

    def __str__(self) -> str:
        return " ".join(part for part in (self.ref_id, self.display_name) if part)

    @property
    def display_name(self) -> str:
        return _translated(self, "name")

    @property
    def display_description(self) -> str:
        return _translated(self, "description")


class Result(models.TextChoices):
    COMPLIANT = picture.COMPLIANT, _("Compliant")
    PARTIAL = picture.PARTIAL, _("Partially compliant")
    NON_COMPLIANT = picture.NON_COMPLIANT, _("Not compliant")
    NOT_APPLICABLE = picture.NOT_APPLICABLE, _("Not applicable")
    NOT_ASSESSED = picture.NOT_ASSESSED, _("Not assessed")


class Assessment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    department = models.CharField(max_length=200, blank=True)
    assessed_on = models.DateField()
    title = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_on", "-created_at"]

    def __str__(self) -> str:
        return self.title


class AssessmentResult(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="results")
    node = models.ForeignKey(RequirementNode, on_delete=models.CASCADE, related_name="results")
    result = models.CharField(max_length=20, choices=Result.choices, default=Result.NOT_ASSESSED)
    maturity = models.IntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)
    # Where paper evidence is kept (document numbers, locations); files are EvidenceFile rows.
    evidence = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "node"], name="isms_result_unique")
        ]

    def __str__(self) -> str:
        return f"{self.node.ref_id}: {self.result}"


class EvidenceFile(models.Model):
    """A file that shows how a requirement is met: a report, a screenshot, a signed policy.
    The body is an OrganisationFile in the vault (encrypted, with the SHA-256 of its plaintext);
    this row says what it is evidence of. A result with evidence cannot be deleted from under
    it: a framework update that would drop the requirement is refused instead."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    result = models.ForeignKey(
        AssessmentResult, on_delete=models.PROTECT, related_name="evidence_files"
    )
    file = models.OneToOneField(OrganisationFile, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    description = models.CharField(max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class EvidenceAction(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    DOWNLOADED = "downloaded", _("Downloaded")
    DELETED = "deleted", _("Deleted")


class EvidenceEvent(AppendOnlyModel):
    """One upload, download or deletion of an evidence file: who, what, when. Append-only (on
    PostgreSQL a trigger refuses changes too), and by value rather than by foreign key, so it
    outlives the file, the result and the person it names. No resident is involved, so this is
    not the processing log."""

    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=20, choices=EvidenceAction.choices)
    actor_public_id = models.UUIDField(null=True)
    actor_name = models.CharField(max_length=300)
    assessment_public_id = models.UUIDField()
    node_public_id = models.UUIDField()
    evidence_public_id = models.UUIDField()
    file_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [
            models.Index(
                fields=["assessment_public_id", "node_public_id"], name="isms_evidence_event_where"
            )
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.file_name}"


class Priority(models.IntegerChoices):
    HIGH = 1, _("High")
    MEDIUM = 2, _("Medium")
    LOW = 3, _("Low")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("measure status", "In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Risk(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    likelihood = models.PositiveSmallIntegerField()
    impact = models.PositiveSmallIntegerField()
    residual_likelihood = models.PositiveSmallIntegerField()
    residual_impact = models.PositiveSmallIntegerField()
    treatment_short = models.TextField(blank=True)
    treatment_long = models.TextField(blank=True)
    closed = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class RiskRevision(models.Model):
    """How a risk was scored from a moment on, so reports can show how risks moved."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="revisions")
    recorded_at = models.DateTimeField(auto_now_add=True)
    likelihood = models.PositiveSmallIntegerField()
    impact = models.PositiveSmallIntegerField()
    residual_likelihood = models.PositiveSmallIntegerField()
    residual_impact = models.PositiveSmallIntegerField()
    closed = models.BooleanField(default=False)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.risk_id} {self.likelihood}x{self.impact}"


class Measure(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    nodes = models.ManyToManyField(RequirementNode, blank=True, related_name="measures")
    risks = models.ManyToManyField(Risk, blank=True, related_name="measures")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.MEDIUM)
    status = models.CharField(
        max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    planned_start = models.DateField(null=True, blank=True)
    planned_end = models.DateField(null=True, blank=True)
    actual_end = models.DateField(null=True, blank=True)
    incidental_cost = models.DecimalField(
        max_digits=12, decimal_places=2, default=Decimal(0), validators=[MinValueValidator(0)]
    )
    structural_cost = models.DecimalField(
        max_digits=12, decimal_places=2, default=Decimal(0), validators=[MinValueValidator(0)]
    )
    budget_year = models.PositiveIntegerField()

    class Meta:
        ordering = ["budget_year", "priority", "title"]

    def __str__(self) -> str:
        return self.title


class RaciRole(models.TextChoices):
    RESPONSIBLE = "R", _("Responsible")
    ACCOUNTABLE = "A", _("Accountable")
    CONSULTED = "C", _("Consulted")
    INFORMED = "I", _("Informed")


class RaciAssignment(models.Model):
    """Who is responsible, accountable, consulted or informed for a measure: a role
    (CISO, privacy officer, a process owner) rather than a person, as the policy names it."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="raci")
    party = models.CharField(max_length=100)
    role = models.CharField(max_length=1, choices=RaciRole.choices)

    class Meta:
        ordering = ["party"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "party"], name="isms_raci_unique")
        ]

    def __str__(self) -> str:
        return f"{self.party}: {self.role}"


class Budget(models.Model):
    year = models.PositiveIntegerField(unique=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class Policy(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    version = models.CharField(max_length=20)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adopted_by = models.CharField(max_length=200, blank=True)
    adopted_on = models.DateField(null=True, blank=True)
    review_on = models.DateField()
    # Where the adopted text lives (a document number); files wait for the vault.
    reference = models.CharField(max_length=300, blank=True)
    reminded_for = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["review_on", "title"]

    def __str__(self) -> str:
        return f"{self.title} {self.version}"


class Campaign(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["-starts_on", "title"]

    def __str__(self) -> str:
        return self.title


class Completion(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="completions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    completed_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "user"], name="isms_completion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.user_id}"


class CampaignReminder(models.Model):
    """A reminder sent to a staff member who had not yet completed a campaign; once each."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "user"], name="isms_reminder_unique")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.user_id}"


class Snapshot(models.Model):
    """The ISMS figures of one day, kept for the half-yearly council report."""

    taken_on = models.DateField(unique=True)
    figures = models.JSONField()

    class Meta:
        ordering = ["taken_on"]

    def __str__(self) -> str:
        return self.taken_on.isoformat()
