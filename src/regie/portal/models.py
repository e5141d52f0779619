"""What the resident portal keeps of its own: consent requests a case worker puts to a
resident, the messages that tell a resident something is new, who represents whom, and the
last signed checkpoint of the processing log each resident's page has seen.

All of it is about one resident and gated like the cases it points into.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regie.accounts.models import Resident, User
from regie.cases.models import CareContact, Case, Gated
from regie.lawfulness.models import Consent


class RequestState(models.TextChoices):
    OPEN = "open", _("Awaiting your answer")
    GRANTED = "granted", pgettext_lazy("answer to a consent request", "Granted")
    REFUSED = "refused", pgettext_lazy("answer to a consent request", "Refused")


class ConsentRequest(Gated):
    """A case worker asks the resident, in the portal, for the specific consent the engine
    said a contact with a care partner needs: this purpose, these data, this recipient, until
    `valid_until`. Answered once; a granted request points at the consent it became."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    contact = models.ForeignKey(CareContact, on_delete=models.CASCADE, related_name="+")
    data_sealed = models.BinaryField()
    valid_until = models.DateTimeField(_("valid until"))
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=RequestState.choices, default=RequestState.OPEN)
    answered_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    remark_sealed = models.BinaryField(blank=True, default=b"")
    consent = models.OneToOneField(
        Consent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(Gated.Meta):
        ordering = ["-requested_at", "-id"]
        verbose_name = _("consent request")

    def __str__(self) -> str:
        return f"consent request {self.public_id}"

    @property
    def about_resident(self) -> Resident:
        return self.case.resident


class MessageKind(models.TextChoices):
    DOCUMENT = "document", _("A new document in your case")
    DECISION = "decision", _("A decision in your case")
    CONSENT_REQUEST = "consent_request", _("A request for your consent")
    REPRESENTATION = "representation", _("You act for someone as legal representative")
    REPRESENTATION_ENDED = "representation_ended", _("A legal representation has ended")


class Message(Gated):
    """A notification in the portal. It names what kind of thing is new and where; the
    e-mail that goes with it says only that there is something new."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=MessageKind.choices)
    case = models.ForeignKey(Case, null=True, on_delete=models.CASCADE, related_name="+")
    # The public id of the document, decision, request or representation (its end: see
    # `ended_about`): one message per thing.
    about = models.UUIDField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta(Gated.Meta):
        ordering = ["-created_at", "-id"]
        verbose_name = _("message")

    def __str__(self) -> str:
        return f"message {self.public_id}"

    @property
    def about_resident(self) -> Resident:
        return self.resident


class Basis(models.TextChoices):
    PARENTAL_AUTHORITY = "parental_authority", _("parental authority")
    GUARDIANSHIP = "guardianship", _("guardianship (voogdij)")
    CURATELE = "curatele", _("curatorship (curatele)")
    MENTORSHIP = "mentorship", _("mentorship")


class Representation(Gated):
    """A legal representative (who logs in with their own DigiD) acts in the portal for a
    minor or ward. `regie.accounts.access` reads this through `Resident.representations`.
    An ended representation stays, with who ended it and why, as the history of who could act
    for the resident when."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    represented = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="representations"
    )
    representative = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    basis = models.CharField(_("basis"), max_length=30, choices=Basis.choices)
    # What the case worker saw that proves it (an extract of the custody register, a court
    # order), sealed under the represented resident's key.
    evidence_sealed = models.BinaryField(blank=True, default=b"")
    # None once that staff account is gone.
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    since = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    end_reason_sealed = models.BinaryField(blank=True, default=b"")

    class Meta(Gated.Meta):
        verbose_name = _("legal representation")
        constraints = [
            models.UniqueConstraint(
                fields=["represented", "representative"],
                condition=models.Q(ended_at__isnull=True),
                name="portal_one_open_representation",
            )
        ]

    def __str__(self) -> str:
        return f"representation {self.public_id}"

    @property
    def about_resident(self) -> Resident:
        return self.represented

    @property
    def ended_about(self) -> uuid.UUID:
        """What the message about the end points at: not the representation's own id, which
        the message about its start holds already."""
        return uuid.uuid5(self.public_id, "ended")


class CheckpointSeen(Gated):
    """The largest signed checkpoint the portal verified a resident's records against. A later
    checkpoint must extend it (a consistency proof); a smaller or different one means the log
    was rolled back, and the resident's page says so."""

    resident = models.OneToOneField(Resident, on_delete=models.CASCADE, related_name="+")
    size = models.PositiveBigIntegerField()
    root_hash = models.BinaryField()
    seen_at = models.DateTimeField(auto_now=True)

    class Meta(Gated.Meta):
        verbose_name = _("checkpoint seen")

    def __str__(self) -> str:
        return f"checkpoint seen {self.size}"

    @property
    def about_resident(self) -> Resident:
        return self.resident
