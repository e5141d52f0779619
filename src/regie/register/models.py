import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.register.duration import parse_duration

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


class ProcessingActivityVersion(models.Model):
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

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "number"], name="unique_activity_version")
        ]
        verbose_name = _("processing activity version")

    def __str__(self) -> str:
        return f"{self.activity.uri} v{self.number}"
