"""The key hierarchy and the encrypted files.

    REGIE_KEK (settings, with a key id; rotatable)
      └── ResidentKey: one data key per resident, wrapped by the KEK
            └── StoredFile: a fresh key per file version, wrapped by the resident's key;
                the body is a vault stream in Django's storage
      └── HeldFile: a key per file of no resident yet (scanned post not yet filed),
            held until someone decides whose it is
      └── OrganisationFile: a key per file of the organisation itself (ISMS evidence),
            which never belongs to a resident

Deleting a resident's ResidentKey makes everything under it unreadable (crypto-shredding);
the ShreddingEntry rows, and the journal file they are copied to, say which keys are gone.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Resident
from regie.core.gate import PersonalDataManager


class ResidentKey(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    resident = models.OneToOneField(Resident, on_delete=models.CASCADE, related_name="vault_key")
    wrapped_key = models.BinaryField()
    kek_id = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    # A key opens a resident's data: using it is a processing, so only inside the gate.
    objects = PersonalDataManager()

    class Meta:
        verbose_name = _("resident data key")
        base_manager_name = "objects"

    def __str__(self) -> str:
        return f"resident key {self.public_id}"


class StoredFile(models.Model):
    """One encrypted file version. What it is (a case document, a report back from a care
    partner, evidence) is known by the model that points here, not by the vault. No digest of
    the plaintext is kept: the stream's authentication already proves the body unchanged, and
    a digest would let anyone holding a copy confirm that Regie has it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Null after shredding: the row stays (others point at it), the content is gone.
    resident_key = models.ForeignKey(
        ResidentKey, null=True, on_delete=models.SET_NULL, related_name="files"
    )
    version = models.PositiveIntegerField(default=1)
    wrapped_key = models.BinaryField()
    storage_name = models.CharField(max_length=300, unique=True)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=10)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonalDataManager()

    class Meta:
        verbose_name = _("encrypted file")
        base_manager_name = "objects"

    def __str__(self) -> str:
        return f"file {self.public_id} v{self.version}"


class ShreddingEntry(models.Model):
    """A resident key that was destroyed, and why; copied to the journal file outside the
    database so that a restore from backup cannot bring the key back (`regie vault_reshred`)."""

    # The resident stays (the processing log points at them); their key is what goes.
    resident = models.OneToOneField(
        Resident, null=True, on_delete=models.SET_NULL, related_name="shredding"
    )
    resident_public_id = models.UUIDField(unique=True)
    key_public_id = models.UUIDField(null=True, unique=True)
    reason = models.CharField(max_length=200)
    shredded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("shredding journal entry")

    def __str__(self) -> str:
        return f"shredded {self.key_public_id}"


class HeldFile(models.Model):
    """An encrypted file that belongs to no resident yet: scanned post that the intake could
    not match to a case, or uploaded post waiting for the task worker to take it in. Its own
    key is wrapped directly by the KEK (and re-wrapped on rotation); once the file is filed
    into a case it is re-encrypted under that resident's key and this row and its body are
    deleted, so it is held only until someone decides.

    Not gated: with no resident known there is no one to log the processing for. The cases
    app reaches it only through its post queue and its upload batches, which the access
    decision guards."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    wrapped_key = models.BinaryField()
    kek_id = models.CharField(max_length=40)
    storage_name = models.CharField(max_length=300, unique=True)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=10)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("held file")

    def __str__(self) -> str:
        return f"held file {self.public_id}"


class OrganisationFile(models.Model):
    """An encrypted file of the organisation itself, such as evidence for an information
    security measure: it is about no resident and never will be. Its own key is wrapped
    directly by the KEK (and re-wrapped on rotation), as a held file's is; unlike a held file
    it stays until its owner deletes it, so nothing that cleans up held files touches it.

    Unlike a StoredFile it keeps the SHA-256 of its plaintext: an auditor compares it with
    the copy they were given, and there is no person whose file a digest could give away.
    Not gated, as it holds no one's personal data; the app that owns it guards the access."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    wrapped_key = models.BinaryField()
    kek_id = models.CharField(max_length=40)
    storage_name = models.CharField(max_length=300, unique=True)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=10)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation file")

    def __str__(self) -> str:
        return f"organisation file {self.public_id}"
