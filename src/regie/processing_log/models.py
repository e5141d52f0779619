"""The Logboek Dataverwerkingen as four append-only tables.

`ProcessingRecord` holds one LDV record per processing per data subject, written by the
service that did the work in its own transaction. The sealer gives each committed record a
leaf in the Merkle tree (`LogLeaf`), stores the completed subtree hashes (`TreeNode`) and
signs a `Checkpoint`. Nothing is ever updated; only retention removes a record's body, and
`PrunedRecord` says which, so that verification can tell pruning from tampering.
"""

from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """The processing log does not change what it has written."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(f"{self.model.__name__} rows are never updated")

    def delete(self) -> NoReturn:
        raise AppendOnlyError(f"{self.model.__name__} rows are never deleted")


class AppendOnlyModel(models.Model):
    """The model-layer guard (SQLite has no trigger for it; PostgreSQL has both)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are never updated")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(f"{type(self).__name__} rows are never deleted")


class ActorKind(models.TextChoices):
    STAFF = "staff", _("Staff member")
    RESIDENT = "resident", _("Resident")
    PROFESSIONAL = "professional", _("Care professional")
    SYSTEM = "system", _("System")


class Status(models.TextChoices):
    OK = "ok", _("OK")
    ERROR = "error", _("Error")


class ProcessingRecord(AppendOnlyModel):
    trace_id = models.CharField(max_length=32)
    span_id = models.CharField(max_length=16)
    parent_span_id = models.CharField(max_length=16, blank=True)
    name = models.CharField(max_length=200)
    start_time = models.DateTimeField()
    end_time = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OK)
    resource = models.CharField(max_length=100)
    activity_uri = models.CharField(max_length=200)
    activity_version = models.ForeignKey(
        "register.ProcessingActivityVersion", on_delete=models.PROTECT, related_name="+"
    )
    data_subject_id = models.CharField(max_length=64)
    data_subject_id_type = models.CharField(max_length=40)
    # Who did it: linked to the record but not part of the LDV export.
    actor_kind = models.CharField(max_length=20, choices=ActorKind.choices)
    actor_id = models.CharField(max_length=100)
    actor_role = models.CharField(max_length=40, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["data_subject_id", "-id"], name="pl_subject_idx"),
            models.Index(fields=["trace_id"], name="pl_trace_idx"),
            models.Index(fields=["activity_uri", "end_time"], name="pl_activity_idx"),
            # What one staff member did: the privacy officer's search after an insider alert.
            models.Index(fields=["actor_id", "-id"], name="pl_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.span_id}"


class LogLeaf(AppendOnlyModel):
    """Leaf INDEX of the tree: the record it was made from and the record's hash, kept after
    retention removes the record so the tree still verifies."""

    index = models.BigIntegerField(primary_key=True)
    record_id = models.BigIntegerField(unique=True)
    leaf_hash = models.BinaryField(max_length=32)

    def __str__(self) -> str:
        return f"leaf {self.index}"


class TreeNode(AppendOnlyModel):
    """The hash of a perfect subtree: leaves [index·2^level, (index+1)·2^level). The key packs
    level and index into one integer so a proof is one indexed lookup per node."""

    key = models.BigIntegerField(primary_key=True)
    hash = models.BinaryField(max_length=32)

    LEVEL_SHIFT = 56

    def __str__(self) -> str:
        return f"node {self.key >> self.LEVEL_SHIFT}/{self.key & ((1 << self.LEVEL_SHIFT) - 1)}"

    @classmethod
    def key_for(cls, level: int, index: int) -> int:
        return (level << cls.LEVEL_SHIFT) | index


class Checkpoint(AppendOnlyModel):
    size = models.BigIntegerField(unique=True)
    root_hash = models.BinaryField(max_length=32)
    origin = models.CharField(max_length=200)
    note = models.TextField(help_text=_("The checkpoint as a signed note, for outside witnesses."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-size"]

    def __str__(self) -> str:
        return f"checkpoint {self.size}"


class PrunedRecord(AppendOnlyModel):
    """A record whose body retention removed; its leaf hash stays in the tree."""

    record_id = models.BigIntegerField(primary_key=True)
    activity_uri = models.CharField(max_length=200)
    retention = models.CharField(max_length=20)
    end_time = models.DateTimeField()
    pruned_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"pruned record {self.record_id}"
