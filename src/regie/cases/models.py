"""A resident's cases under the Wmo 2015, the Jeugdwet and the Participatiewet, and what the
case worker records in them.

Every model here is about one resident and is gated: read and write it through the selectors
and services, which log the processing. Free text that can hold personal data (notes, names of
involved people, the address, the date of birth, the reasons given) is stored only as
ciphertext, sealed by the vault under the resident's own data key with a context per purpose
(`vault.services.text_seal`), so shredding the resident's key makes it unreadable.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regie.accounts.models import Resident, User
from regie.core.gate import PersonalDataManager
from regie.processing_log.models import AppendOnlyModel
from regie.vault.models import HeldFile, StoredFile


class Law(models.TextChoices):
    WMO = "wmo", _("Wmo 2015")
    JEUGDWET = "jeugdwet", _("Jeugdwet")
    PARTICIPATIEWET = "participatiewet", _("Participatiewet")


class Status(models.TextChoices):
    INTAKE = "intake", _("Intake")
    ASSESSMENT = "assessment", pgettext_lazy("case status", "Assessment")
    SUPPORT = "support", _("Support in place")
    CLOSED = "closed", _("Closed")


class Gated(models.Model):
    """A model about one resident: gated, and able to name that resident for the access
    decision (`regie.accounts.access`)."""

    objects = PersonalDataManager()

    class Meta:
        abstract = True
        base_manager_name = "objects"

    @property
    def about_resident(self) -> Resident:
        raise NotImplementedError


class Case(Gated):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Human-readable, for letters and phone calls: "WMO-2026-0001" (see cases.post).
    number = models.CharField(_("case number"), max_length=20, unique=True)
    # The code on the case's cover sheet for incoming post; says nothing about the resident.
    cover_code = models.CharField(max_length=20, unique=True)
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="cases")
    law = models.CharField(_("law"), max_length=20, choices=Law.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.INTAKE
    )
    consulent = models.ForeignKey(User, on_delete=models.PROTECT, related_name="cases")
    # The resident's date of birth (ISO 8601) for the age the lawfulness engine needs.
    birth_date_sealed = models.BinaryField()
    address_sealed = models.BinaryField(null=True, blank=True)
    # A shelter address: masked everywhere; revealing it needs an approved AddressReveal.
    address_confidential = models.BooleanField(default=False)
    opened_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta(Gated.Meta):
        ordering = ["-opened_at"]
        verbose_name = _("case")

    def __str__(self) -> str:
        return f"case {self.public_id}"

    @property
    def about_resident(self) -> Resident:
        return self.resident


class CaseItem(Gated):
    """Something recorded in a case, by someone, at some time."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(Gated.Meta):
        abstract = True
        ordering = ["-created_at", "-id"]

    @property
    def about_resident(self) -> Resident:
        return self.case.resident


class Note(CaseItem):
    text_sealed = models.BinaryField()

    class Meta(CaseItem.Meta):
        verbose_name = _("note")

    def __str__(self) -> str:
        return f"note {self.public_id}"


class DecisionOutcome(models.TextChoices):
    GRANTED = "granted", pgettext_lazy("decision on an application", "Granted")
    PARTLY = "partly", pgettext_lazy("decision on an application", "Partly granted")
    REFUSED = "refused", pgettext_lazy("decision on an application", "Refused")


class CaseDecision(CaseItem):
    """A decision on the resident's application (a beschikking), not the engine's answer."""

    outcome = models.CharField(_("outcome"), max_length=20, choices=DecisionOutcome.choices)
    decided_on = models.DateField(_("decided on"))
    text_sealed = models.BinaryField()

    class Meta(CaseItem.Meta):
        verbose_name = _("decision")

    def __str__(self) -> str:
        return f"decision {self.public_id}"


class InvolvedRole(models.TextChoices):
    LEGAL_REPRESENTATIVE = "legal_representative", _("Legal representative")
    MENTOR = "mentor", _("Mentor")
    GUARDIAN = "guardian", _("Guardian (curator)")
    INFORMAL_CARER = "informal_carer", _("Informal carer")


class InvolvedPerson(CaseItem):
    role = models.CharField(_("role"), max_length=30, choices=InvolvedRole.choices)
    name_sealed = models.BinaryField()
    contact_sealed = models.BinaryField()

    class Meta(CaseItem.Meta):
        verbose_name = _("involved person")

    def __str__(self) -> str:
        return f"involved person {self.public_id}"


class CareContact(CaseItem):
    """A proposed exchange of data with a care partner, with the lawfulness engine's decision
    stored alongside: the answer the case worker acted on, rule ids and all."""

    partner = models.CharField(_("care partner"), max_length=200)
    scenario = models.JSONField()
    decision = models.JSONField()
    outcome = models.CharField(max_length=30)
    summary_sealed = models.BinaryField()

    class Meta(CaseItem.Meta):
        verbose_name = _("contact with a care partner")

    def __str__(self) -> str:
        return f"care contact {self.public_id}"

    @property
    def rule_ids(self) -> list[str]:
        return list(self.decision.get("rules", []))


class Consultation(CaseItem):
    """An anonymised summary of the case, shared with a colleague for advice."""

    colleague = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    summary_sealed = models.BinaryField()
    replaced = models.PositiveIntegerField()

    class Meta(CaseItem.Meta):
        verbose_name = _("consultation")

    def __str__(self) -> str:
        return f"consultation {self.public_id}"


class AddressReveal(CaseItem):
    """A request to see a confidential address: a reason, the password again, a team
    leader's approval; seeing it is logged and alerts the privacy officer."""

    reason_sealed = models.BinaryField()
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    approved = models.BooleanField(null=True)
    revealed_at = models.DateTimeField(null=True, blank=True)

    class Meta(CaseItem.Meta):
        verbose_name = _("address reveal request")

    def __str__(self) -> str:
        return f"address reveal {self.public_id}"


class DocumentSource(models.TextChoices):
    STAFF = "staff", _("municipality")
    RESIDENT = "resident", _("resident")
    PARTNER = "partner", _("care partner")
    POST = "post", _("incoming post")


class CaseDocument(Gated):
    """A document of a case: its body is an encrypted file in the vault, its title is sealed
    under the resident's key. Whoever added it: a staff member, the resident, a care partner
    through a share, or the post intake."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    file = models.OneToOneField(StoredFile, on_delete=models.PROTECT, related_name="+")
    title_sealed = models.BinaryField()
    source = models.CharField(max_length=20, choices=DocumentSource.choices)
    added_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta(Gated.Meta):
        ordering = ["-added_at", "-id"]
        verbose_name = _("case document")

    def __str__(self) -> str:
        return f"document {self.public_id}"

    @property
    def about_resident(self) -> Resident:
        return self.case.resident


class PostChannel(models.TextChoices):
    UPLOAD = "upload", _("upload")
    FOLDER = "folder", _("scanner folder")


class PostUnmatched(models.TextChoices):
    NOTHING_FOUND = "nothing", _("No case number or cover-sheet code found")
    UNKNOWN = "unknown", _("The number or code found belongs to no case")
    SEVERAL = "several", _("More than one case is named")
    NOT_ALLOWED = "not_allowed", _("The case is not in the caseload of who scanned it")
    NO_TEXT = "no_text", _("The scan has no text layer and no text was recognised on it")
    NO_OCR = "no_ocr", _("The scan has no text layer and text recognition is not available")


class PostStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    FILED = "filed", _("Filed")
    REJECTED = "rejected", _("Rejected")


class PostItem(models.Model):
    """Scanned post the intake could not match to a case, waiting for a team leader. Its body
    is a HeldFile (encrypted under a key of its own) until it is filed or rejected; then the
    body is gone and this row remains as the record of who decided what and when. Nothing
    here names the resident: no file name, no text of the letter."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    held = models.OneToOneField(
        HeldFile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=20, choices=PostChannel.choices)
    unmatched = models.CharField(max_length=20, choices=PostUnmatched.choices)
    pages = models.PositiveIntegerField(default=0)
    received_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=PostStatus.choices, default=PostStatus.WAITING)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["received_at", "id"]
        verbose_name = _("post waiting to be filed")

    def __str__(self) -> str:
        return f"post {self.public_id}"


class PostOpening(AppendOnlyModel):
    """A team leader opened the scan of a waiting item: who, when, and the trace and span the
    processing-log record will carry. Nothing of the letter. When the item is filed, each
    opening becomes a record in the resident's processing log (`post_file`); a rejected
    item keeps them here, for the privacy officer."""

    item = models.ForeignKey(PostItem, on_delete=models.CASCADE, related_name="openings")
    opened_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=40)  # the role at the time, as the log record names it
    opened_at = models.DateTimeField()
    trace_id = models.CharField(max_length=32)
    span_id = models.CharField(max_length=16)

    class Meta:
        ordering = ["opened_at", "id"]
        verbose_name = _("opening of waiting post")

    def __str__(self) -> str:
        return f"opening {self.pk} of {self.item_id}"


class PostOutcome(models.TextChoices):
    FILED = "filed", _("Filed")
    QUEUED = "queued", _("In the queue")
    REFUSED = "refused", _("Refused")


class PostBatch(models.Model):
    """Scanned post one person uploaded at once. The upload only holds each file, encrypted;
    the task worker then takes them in one by one (`post_batch_work`) and records what became
    of each, so the uploader follows the progress on the batch's page."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    uploaded_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # The uploader's language: the worker words refusals and document titles in it.
    language = models.CharField(max_length=10)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("batch of uploaded post")

    def __str__(self) -> str:
        return f"post batch {self.public_id}"


class PostBatchFile(models.Model):
    """One file of a batch: held encrypted (a HeldFile, a key of its own) until the worker
    has taken it in, then only its outcome. The name it was uploaded under can itself name
    someone, so it is kept only sealed (`core.crypto`, bound to this row), to show the
    uploader which file became what; no text of the letter is kept."""

    batch = models.ForeignKey(PostBatch, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveIntegerField()
    name_sealed = models.BinaryField()
    held = models.OneToOneField(
        HeldFile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=PostOutcome.choices, blank=True)
    # Filed: the case it went into. Read only inside a processing (a case is gated).
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Queued: why no case was found. Refused: the reason, in the uploader's language.
    unmatched = models.CharField(max_length=20, choices=PostUnmatched.choices, blank=True)
    message = models.CharField(max_length=300, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "position"], name="post_batch_file_position")
        ]
        verbose_name = _("file of a batch of uploaded post")

    def __str__(self) -> str:
        return f"file {self.position} of {self.batch_id}"
