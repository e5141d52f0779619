"""Security signals and insider-access alerts.

Signals come from sources (`SignalSource`), each with its own token. Alerts of the same
signature on the same host form an `AlertGroup`, which the CISO triages as one. The mail
gateway delivers `MailFigures` per month. `InsiderAlert`s are findings of the insider rules
over the processing log; they point at the records that triggered them and are handled by
the privacy officer. None of these tables holds a resident's data itself: an insider alert
names residents only through the pseudonyms of the processing-log records it points at.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SourceKind(models.TextChoices):
    SURICATA_EVE = "suricata-eve", _("Suricata EVE JSON (intrusion detection)")
    MAIL_GATEWAY = "mail-gateway", _("Mail gateway monthly summary (CSV)")
    WEBHOOK = "webhook", _("Other tool (JSON webhook)")


class Severity(models.IntegerChoices):
    HIGH = 1, _("High")
    MEDIUM = 2, _("Medium")
    LOW = 3, _("Low")


class TriageStatus(models.TextChoices):
    NEW = "new", _("New")
    INVESTIGATING = "investigating", _("Under investigation")
    FALSE_POSITIVE = "false-positive", _("False positive")
    INCIDENT = "incident", _("Incident")


class SignalSource(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    prefix = models.CharField(max_length=12, unique=True)
    digest = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_delivery_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("signal source")

    def __str__(self) -> str:
        return self.name


class Delivery(models.Model):
    """One file or API call received from a source, with what became of it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source = models.ForeignKey(SignalSource, on_delete=models.CASCADE, related_name="deliveries")
    received_at = models.DateTimeField(auto_now_add=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    lines = models.PositiveIntegerField(default=0)
    stored = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    malformed = models.PositiveIntegerField(default=0)
    # The first malformed lines: [{"line": 7, "field": "timestamp", "message": "..."}].
    errors = models.JSONField(default=list)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"delivery {self.public_id}"


class AlertGroup(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    signature = models.CharField(_("signature"), max_length=500)
    host = models.CharField(_("host"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=TriageStatus.choices, default=TriageStatus.NEW
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The breach an incident was escalated into, once it was.
    breach = models.ForeignKey(
        "breaches.Breach", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["signature", "host"], name="unique_alert_group")
        ]
        indexes = [models.Index(fields=["status"], name="monitoring_group_status_idx")]

    def __str__(self) -> str:
        return f"{self.signature} @ {self.host}"


class Alert(models.Model):
    # Few indexes: each one costs every insert of a million-line file. The group's is the
    # leading column of the index below; a delivery is looked up by its alerts never.
    group = models.ForeignKey(
        AlertGroup, on_delete=models.CASCADE, related_name="alerts", db_index=False
    )
    delivery = models.ForeignKey(
        Delivery, on_delete=models.CASCADE, related_name="alerts", db_index=False
    )
    # 128 bits of SHA-256 over the alert's identifying content.
    fingerprint = models.CharField(max_length=32, unique=True)
    severity = models.PositiveSmallIntegerField(choices=Severity.choices)
    src_ip = models.CharField(max_length=45, blank=True)
    src_port = models.PositiveIntegerField(null=True)
    dest_ip = models.CharField(max_length=45, blank=True)
    dest_port = models.PositiveIntegerField(null=True)
    proto = models.CharField(max_length=10, blank=True)
    observed_at = models.DateTimeField()

    class Meta:
        # The monthly figures read most of the table: a scan, no index on the time alone.
        indexes = [
            models.Index(fields=["group", "-observed_at"], name="monitoring_alert_group_idx"),
        ]

    def __str__(self) -> str:
        return f"alert {self.pk}"


class TriageDecision(models.Model):
    """Every decision on a group, with its note; the group's status is the latest one."""

    group = models.ForeignKey(AlertGroup, on_delete=models.CASCADE, related_name="decisions")
    status = models.CharField(_("status"), max_length=20, choices=TriageStatus.choices)
    note = models.TextField(_("note"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"decision {self.pk}"


class MailFigures(models.Model):
    period = models.DateField(_("month"), unique=True)
    received = models.PositiveIntegerField(_("received"))
    spam = models.PositiveIntegerField(_("spam"))
    virus = models.PositiveIntegerField(_("virus"))
    phishing = models.PositiveIntegerField(_("phishing"))
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["period"]

    def __str__(self) -> str:
        return f"mail figures {self.period:%Y-%m}"


class InsiderSettings(models.Model):
    """The thresholds of the insider rules, one row, edited by the privacy officer."""

    outside_caseload = models.BooleanField(
        _("Warn about dossiers opened outside the caseload"), default=True
    )
    volume_minimum = models.PositiveIntegerField(
        _("Residents in one hour before volume counts as unusual"), default=30
    )
    volume_factor = models.DecimalField(
        _("Times the staff member's own hourly average"),
        max_digits=4,
        decimal_places=1,
        default=3,
    )
    history_days = models.PositiveIntegerField(_("Days of history for the average"), default=28)
    confidential_address = models.BooleanField(
        _("Warn when a confidential address is revealed"), default=True
    )
    workday_start = models.PositiveSmallIntegerField(_("Working day starts at (hour)"), default=7)
    workday_end = models.PositiveSmallIntegerField(_("Working day ends at (hour)"), default=19)
    weekend_is_unusual = models.BooleanField(_("Work in the weekend is unusual"), default=True)
    bulk_export_minimum = models.PositiveIntegerField(
        _("Residents in one search or export before it counts as bulk"), default=25
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return "insider thresholds"


class InsiderStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("insider alert status", "Open")
    JUSTIFIED = "justified", _("Justified")
    MISUSE = "misuse", _("Misuse")


class InsiderAlert(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    key = models.CharField(max_length=200, unique=True)
    rule = models.CharField(max_length=30)
    day = models.DateField()
    staff_member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_id = models.CharField(max_length=100)
    facts = models.JSONField(default=dict)
    status = models.CharField(
        _("status"), max_length=20, choices=InsiderStatus.choices, default=InsiderStatus.OPEN
    )
    note = models.TextField(_("note"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"insider alert {self.public_id}"


class InsiderAlertRecord(models.Model):
    """A processing-log record that triggered an alert (by id: the log is append-only)."""

    alert = models.ForeignKey(InsiderAlert, on_delete=models.CASCADE, related_name="records")
    record_id = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["alert", "record_id"], name="unique_alert_record")
        ]

    def __str__(self) -> str:
        return f"alert record {self.record_id}"


class StaffActivityDay(models.Model):
    """A staff member's activity on one day, the history the volume rule compares with."""

    actor_id = models.CharField(max_length=100)
    day = models.DateField()
    active_hours = models.PositiveSmallIntegerField()
    residents_per_hour_total = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["actor_id", "day"], name="unique_activity_day")
        ]

    def __str__(self) -> str:
        return f"activity {self.actor_id} {self.day}"


class InsiderLogMark(models.Model):
    """How far the insider task has read the processing log by record id, one row.

    Records can be written long after their end time (a team leader's openings of waiting
    post, filed days later), so the task cannot choose its days by the clock alone: it rescans
    the days of every staff record with an id above `read_through`. Ids are handed out when a
    record is inserted but become visible when its transaction commits, so a lower id can
    appear after a higher one. The mark therefore only moves up to an id the task `seen` at
    least `services.LATE_COMMIT_MARGIN` ago: by then every transaction that held a lower id has
    committed or rolled back, and the records between are read twice rather than never."""

    read_through = models.BigIntegerField(default=0)
    seen_id = models.BigIntegerField(default=0)
    seen_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"insider log mark {self.read_through}"


class InsiderPendingDay(models.Model):
    """A day with records the insider rules have not evaluated yet, waiting for its rescan
    (each run rescans a limited number of days)."""

    day = models.DateField(unique=True)

    def __str__(self) -> str:
        return f"pending insider day {self.day}"
