"""Reads of the monitoring app: the triage queue, monthly figures (also for the council
reports), and insider alerts, whose reading is logged for the residents concerned."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import Count, Max, Min, Q, QuerySet
from django.db.models.functions import TruncMonth

from regie.accounts.models import User
from regie.monitoring.models import (
    Alert,
    AlertGroup,
    Delivery,
    InsiderAlert,
    InsiderStatus,
    MailFigures,
    Severity,
    SignalSource,
    TriageStatus,
)
from regie.monitoring.services import residents_of, supervision_record
from regie.processing_log.models import ProcessingRecord


def signal_sources() -> QuerySet[SignalSource]:
    return SignalSource.objects.all()


def recent_deliveries(limit: int = 10) -> QuerySet[Delivery]:
    return Delivery.objects.select_related("source")[:limit]


def alert_queue(*, status: str | None = None) -> QuerySet[AlertGroup]:
    """Groups of alerts (same signature, same host), the most severe and newest first."""
    groups = AlertGroup.objects.annotate(
        alert_count=Count("alerts"),
        severity=Min("alerts__severity"),
        first_seen=Min("alerts__observed_at"),
        last_seen=Max("alerts__observed_at"),
    ).filter(alert_count__gt=0)
    if status:
        groups = groups.filter(status=status)
    return groups.order_by("severity", "-last_seen")


def queue_counts() -> dict[str, int]:
    counts = dict(
        AlertGroup.objects.filter(alerts__isnull=False)
        .values_list("status")
        .annotate(n=Count("pk", distinct=True))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in TriageStatus.values}


def group_alerts(group: AlertGroup, limit: int = 50) -> QuerySet[Alert]:
    return group.alerts.order_by("-observed_at")[:limit]


@dataclass(frozen=True)
class Month:
    period: date
    received: int | None
    spam: int | None
    virus: int | None
    phishing: int | None
    alerts: dict[int, int]  # severity -> count

    def rate(self, part: int | None) -> float | None:
        if part is None or not self.received:
            return None
        return 100 * part / self.received

    @property
    def spam_rate(self) -> float | None:
        return self.rate(self.spam)

    @property
    def virus_rate(self) -> float | None:
        return self.rate(self.virus)

    @property
    def alert_total(self) -> int:
        return sum(self.alerts.values())


def _month_start(moment: date | datetime) -> date:
    return date(moment.year, moment.month, 1)


def monthly_figures(*, start: date, end: date) -> list[Month]:
    """Every month from START's to END's (inclusive): mail-gateway figures and alerts by
    severity. The council reports take their security figures from here."""
    first, last = _month_start(start), _month_start(end)
    mail = {row.period: row for row in MailFigures.objects.filter(period__range=(first, last))}
    alerts: dict[date, dict[int, int]] = {}
    for month, severity, count in (
        Alert.objects.filter(
            observed_at__date__gte=first,
            observed_at__date__lt=_next_month(last),
        )
        .annotate(month=TruncMonth("observed_at"))
        .values("month", "severity")
        .annotate(n=Count("pk"))
        .values_list("month", "severity", "n")
    ):
        alerts.setdefault(_month_start(month), {})[severity] = count
    months = []
    period = first
    while period <= last:
        row = mail.get(period)
        months.append(
            Month(
                period=period,
                received=row.received if row else None,
                spam=row.spam if row else None,
                virus=row.virus if row else None,
                phishing=row.phishing if row else None,
                alerts={
                    severity: alerts.get(period, {}).get(severity, 0)
                    for severity in Severity.values
                },
            )
        )
        period = _next_month(period)
    return months


def _next_month(period: date) -> date:
    return date(period.year + period.month // 12, period.month % 12 + 1, 1)


@dataclass(frozen=True)
class PeriodFigures:
    """Security figures over a reporting period, for the council reports (issue #10)."""

    start: date
    end: date
    mail_received: int
    spam: int
    virus: int
    phishing: int
    alerts_by_severity: dict[int, int]
    groups_by_status: dict[str, int]
    incidents: int
    insider_alerts: int
    insider_misuse: int

    @property
    def spam_rate(self) -> float | None:
        return 100 * self.spam / self.mail_received if self.mail_received else None

    @property
    def virus_rate(self) -> float | None:
        return 100 * self.virus / self.mail_received if self.mail_received else None


def period_figures(*, start: date, end: date) -> PeriodFigures:
    """Totals from START to END inclusive (whole months for the mail figures)."""
    months = monthly_figures(start=start, end=end)
    by_status = dict(
        AlertGroup.objects.filter(
            alerts__observed_at__date__gte=start, alerts__observed_at__date__lte=end
        )
        .values_list("status")
        .annotate(n=Count("pk", distinct=True))
        .values_list("status", "n")
    )
    insider = InsiderAlert.objects.filter(day__gte=start, day__lte=end).aggregate(
        total=Count("pk"), misuse=Count("pk", filter=Q(status=InsiderStatus.MISUSE))
    )
    return PeriodFigures(
        start=start,
        end=end,
        mail_received=sum(month.received or 0 for month in months),
        spam=sum(month.spam or 0 for month in months),
        virus=sum(month.virus or 0 for month in months),
        phishing=sum(month.phishing or 0 for month in months),
        alerts_by_severity={
            severity: sum(month.alerts[severity] for month in months)
            for severity in Severity.values
        },
        groups_by_status={status: by_status.get(status, 0) for status in TriageStatus.values},
        incidents=by_status.get(TriageStatus.INCIDENT, 0),
        insider_alerts=insider["total"],
        insider_misuse=insider["misuse"],
    )


def insider_alerts(*, status: str | None = None) -> QuerySet[InsiderAlert]:
    alerts = InsiderAlert.objects.select_related("staff_member", "handled_by").annotate(
        record_count=Count("records")
    )
    if status:
        alerts = alerts.filter(status=status)
    return alerts


@dataclass(frozen=True)
class TriggeringRecord:
    record_id: int
    at: datetime
    name: str
    activity_uri: str
    subject: str  # the pseudonym, shortened: enough to tell residents apart


@transaction.atomic
def insider_alert_read(*, user: User, alert: InsiderAlert) -> list[TriggeringRecord]:
    """The records that triggered ALERT. Looking at them is supervision of the residents
    concerned, and recorded as such."""
    records = [
        TriggeringRecord(
            record_id=record_id,
            at=at,
            name=name,
            activity_uri=uri,
            subject=subject[:12],
        )
        for record_id, at, name, uri, subject in ProcessingRecord.objects.filter(
            id__in=alert.records.values("record_id")
        )
        .order_by("end_time", "id")
        .values_list("id", "end_time", "name", "activity_uri", "data_subject_id")
    ]
    supervision_record(actor=user, name="insider.alert.read", residents=lambda: residents_of(alert))
    return records
