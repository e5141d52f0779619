"""Shares: documents of a case made available to one external care professional, through a link
that only works with a one-time code sent to that professional, for a limited time and number
of downloads, revocable at any moment. The link's token and the code are stored only hashed."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Professional, Resident, User
from regie.cases.models import CareContact, Case, CaseDocument
from regie.core.gate import PersonalDataManager


class Share(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    # The contact with the care partner whose engine decision (or recorded consent) allows it.
    contact = models.ForeignKey(CareContact, on_delete=models.CASCADE, related_name="+")
    professional = models.ForeignKey(Professional, on_delete=models.CASCADE, related_name="shares")
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    max_downloads = models.PositiveIntegerField()
    token_hash = models.CharField(max_length=64, unique=True)
    decision = models.JSONField()  # the engine's decision and, where asked, the consent used
    dlp = models.JSONField()  # per document: kinds and counts found, never the values
    dlp_reason_sealed = models.BinaryField(blank=True, default=b"")
    code_hash = models.CharField(max_length=128, blank=True)
    code_expires_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveIntegerField(default=0)
    locked_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PersonalDataManager()

    class Meta:
        base_manager_name = "objects"
        ordering = ["-created_at", "-id"]
        verbose_name = _("share")

    def __str__(self) -> str:
        return f"share {self.public_id}"

    @property
    def about_resident(self) -> Resident:
        return self.case.resident

    def usable(self) -> bool:
        """Open for the recipient: not revoked, expired or locked."""
        return (
            self.revoked_at is None and self.locked_at is None and self.expires_at > timezone.now()
        )


class ShareItem(models.Model):
    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(CaseDocument, on_delete=models.CASCADE, related_name="+")
    downloads = models.PositiveIntegerField(default=0)

    objects = PersonalDataManager()

    class Meta:
        base_manager_name = "objects"
        constraints = [
            models.UniqueConstraint(fields=["share", "document"], name="one_item_per_document")
        ]

    def __str__(self) -> str:
        return f"item of {self.share_id}"


class ShareReturn(models.Model):
    """A document the professional uploaded back into the case through the share."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="returns")
    document = models.OneToOneField(CaseDocument, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonalDataManager()

    class Meta:
        base_manager_name = "objects"

    def __str__(self) -> str:
        return f"return to {self.share_id}"
