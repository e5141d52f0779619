"""A council report keeps the figures it was drafted from, so that it reads the same in ten
years whatever happens to the live data, and every look at it leaves an event."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    HALF_YEARLY = "half_yearly", _("Half-yearly committee report (confidential)")
    ANNUAL = "annual", _("Annual public report")


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    REVIEWED = "reviewed", _("reviewed")
    FROZEN = "frozen", _("frozen")


class ReportFrozen(Exception):
    """A frozen report never changes."""


class Report(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The snapshot: every figure the report shows, gathered when it was drafted (or
    # refreshed while still a draft). Rendering reads only this.
    figures = models.JSONField()
    gathered_at = models.DateTimeField()
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    frozen_at = models.DateTimeField(null=True)
    # The document as frozen, and its SHA-256, which the freeze event repeats.
    pdf = models.BinaryField(null=True, editable=False)
    pdf_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-period_start", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "period_start"], name="one_report_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_start} - {self.period_end}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None and (
            Report.objects.filter(pk=self.pk, status=Status.FROZEN).exists()
        ):
            raise ReportFrozen(str(self.public_id))
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        if Report.objects.filter(pk=self.pk, status=Status.FROZEN).exists():
            raise ReportFrozen(str(self.public_id))
        return super().delete(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_confidential(self) -> bool:
        return self.kind == Kind.HALF_YEARLY

    @property
    def is_frozen(self) -> bool:
        return self.status == Status.FROZEN

    def pdf_bytes(self) -> bytes:
        """The frozen document (empty before freezing)."""
        return bytes(self.pdf) if self.pdf is not None else b""


class EventKind(models.TextChoices):
    DRAFTED = "drafted", _("drafted")
    REFRESHED = "refreshed", _("figures gathered again")
    REVIEWED = "reviewed", _("reviewed")
    FROZEN = "frozen", _("frozen")
    VIEWED = "viewed", _("read")
    DOWNLOADED = "downloaded", _("downloaded")
    REFUSED = "refused", pgettext_lazy("access to a report", "refused")


class ReportEvent(models.Model):
    """Who did what with a report, appended and never changed. A refusal keeps the id that was
    asked for, whether or not such a report exists; the person is the staff member (never a
    resident: reports hold figures only)."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, null=True, related_name="events")
    requested_id = models.CharField(max_length=64, blank=True)
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    role = models.CharField(max_length=20, blank=True)
    at = models.DateTimeField()
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.requested_id} {self.at:%Y-%m-%d %H:%M}"
