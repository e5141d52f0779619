import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.gate import PersonalDataManager


class Role(models.TextChoices):
    CONSULENT = "consulent", _("Case worker")
    TEAMLEIDER = "teamleider", _("Team leader")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")
    CISO = "ciso", _("CISO")
    BEHEERDER = "beheerder", _("Administrator")
    RAADSLID = "raadslid", _("Council member")
    COMMISSIELID = "commissielid", _("Committee member")


class Kind(models.TextChoices):
    STAFF = "staff", _("Staff member")
    RESIDENT = "resident", _("Resident")
    PROFESSIONAL = "professional", _("Care professional")


class Team(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """Everybody who logs in. Staff have a role; residents and professionals have a profile.

    The primary key never appears in a URL: pages address people by `public_id`.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.STAFF)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    is_demo = models.BooleanField(
        default=False, help_text=_("A demo log-in; production refuses to start while one exists.")
    )

    class Meta:
        verbose_name = _("user")

    def __str__(self) -> str:
        return self.username

    @property
    def is_staff_member(self) -> bool:
        return self.kind == Kind.STAFF

    @property
    def is_resident(self) -> bool:
        return self.kind == Kind.RESIDENT


class Resident(models.Model):
    """A resident of the municipality. The BSN is stored only sealed, and found through a
    keyed blind index; the name is sealed as well."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="resident"
    )
    bsn_sealed = models.BinaryField()
    bsn_index = models.CharField(max_length=64, unique=True)
    # The LDV dpl.core.data_subject_id: a keyed HMAC of the BSN, another key than the index.
    subject_pseudonym = models.CharField(max_length=64, unique=True)
    name_sealed = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    objects = PersonalDataManager()

    class Meta:
        verbose_name = _("resident")
        base_manager_name = "objects"

    def __str__(self) -> str:
        return f"resident {self.public_id}"


class Professional(models.Model):
    """An external care professional who receives what a case worker shares."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="professional"
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name = _("care professional")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class CaseloadEntry(models.Model):
    """A resident in a case worker's caseload: the basis of who may open which dossier."""

    consulent = models.ForeignKey(User, on_delete=models.PROTECT, related_name="caseload")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="caseload")
    assigned_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consulent", "resident"], name="unique_caseload_entry")
        ]

    def __str__(self) -> str:
        return f"caseload entry {self.pk}"


class UserSession(models.Model):
    """The sessions a user holds, so that deactivating the user can end every one of them."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"session of user {self.user_id}"


class LoginThrottle(models.Model):
    """Failed log-ins per user name (hashed), kept whether or not the name exists so that the
    lock-out itself reveals nothing."""

    name_digest = models.CharField(max_length=64, unique=True)
    failures = models.PositiveIntegerField(default=0)
    first_failure_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"throttle {self.name_digest[:8]}"


class ApiToken(models.Model):
    """A revocable, scoped credential for another municipal system. Only a digest is kept."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    digest = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
