"""Every write of the monitoring app: sources and their tokens, ingestion, triage, and the
insider-access rules with their alerts."""

import hashlib
import hmac
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import islice
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Max
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.accounts.models import CaseloadEntry, Resident, Role, User
from regie.monitoring import activities, insider_rules
from regie.monitoring.models import (
    Alert,
    AlertGroup,
    Delivery,
    InsiderAlert,
    InsiderAlertRecord,
    InsiderLogMark,
    InsiderPendingDay,
    InsiderSettings,
    InsiderStatus,
    MailFigures,
    SignalSource,
    SourceKind,
    StaffActivityDay,
    TriageDecision,
    TriageStatus,
)
from regie.monitoring.sources import SOURCES, AlertFact, LineError, MonthFigures
from regie.processing_log.gate import Actor, ProcessingError, processing
from regie.processing_log.models import ActorKind, ProcessingRecord

TOKEN_PREFIX = "regsig_"  # noqa: S105 (the visible start of every source token)
BATCH_SIZE = 5000
MAX_REPORTED_ERRORS = 100
DETECTOR = Actor.system("insider-access detection")
# How long a transaction may hold a processing-log id before it commits, as far as the insider
# rules are concerned: the mark of what they have read moves only to ids seen this long ago.
LATE_COMMIT_MARGIN = timedelta(hours=1)
# Days an insider run rescans for late-written records besides yesterday and today; the rest
# wait for the next run, so that a large catch-up does not hold one worker for hours.
INSIDER_DAYS_PER_RUN = 31


def _digest(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


@transaction.atomic
def signal_source_create(
    *, name: str, kind: str, created_by: User | None, is_demo: bool = False
) -> tuple[SignalSource, str]:
    """A new source with its own token; the token is returned once, only its digest kept."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the source a name.")})
    if kind not in SourceKind.values:
        raise ValidationError({"kind": _("Choose the kind of source.")})
    if SignalSource.objects.filter(name=name).exists():
        raise ValidationError({"name": _("A source with this name exists already.")})
    prefix = secrets.token_hex(4)
    plaintext = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    source = SignalSource.objects.create(
        name=name,
        kind=kind,
        prefix=prefix,
        digest=_digest(plaintext),
        created_by=created_by,
        is_demo=is_demo,
    )
    return source, plaintext


@transaction.atomic
def signal_source_revoke(*, source: SignalSource) -> None:
    SignalSource.objects.filter(pk=source.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def signal_source_authenticate(*, presented: str) -> SignalSource | None:
    """The active source whose token this is, or None."""
    if not presented.startswith(TOKEN_PREFIX):
        return None
    prefix = presented[len(TOKEN_PREFIX) :].split("_", 1)[0]
    source = SignalSource.objects.filter(prefix=prefix, revoked_at__isnull=True).first()
    if source is None or not hmac.compare_digest(source.digest, _digest(presented)):
        return None
    return source


@transaction.atomic
def signals_ingest(
    *, source: SignalSource, stream: Iterable[bytes], received_by: User | None = None
) -> Delivery:
    """Read what SOURCE delivered, line by line, in batches: alerts are stored once each
    (by fingerprint), bad lines are counted and reported. Mail figures are all or nothing:
    `sources.FileRefused` leaves nothing written."""
    delivery = Delivery.objects.create(source=source, received_by=received_by)
    lines = _Counting(stream)
    parsed = SOURCES[source.kind].parse(lines)
    if SOURCES[source.kind].delivers == "figures":
        _store_figures(delivery, parsed)
    else:
        _store_alerts(delivery, parsed)
    delivery.lines = lines.count
    delivery.save(update_fields=["lines", "stored", "duplicates", "malformed", "errors"])
    SignalSource.objects.filter(pk=source.pk).update(last_delivery_at=timezone.now())
    return delivery


class _Counting:
    def __init__(self, stream: Iterable[bytes]) -> None:
        self._stream = stream
        self.count = 0

    def __iter__(self) -> Iterator[bytes]:
        for line in self._stream:
            self.count += 1
            yield line


def _store_figures(delivery: Delivery, parsed: Iterator[Any]) -> None:
    for figures in parsed:
        assert isinstance(figures, MonthFigures)
        MailFigures.objects.update_or_create(
            period=figures.period,
            defaults={
                "received": figures.received,
                "spam": figures.spam,
                "virus": figures.virus,
                "phishing": figures.phishing,
                "delivery": delivery,
            },
        )
        delivery.stored += 1


def _store_alerts(delivery: Delivery, parsed: Iterator[Any]) -> None:
    groups: dict[tuple[str, str], int] = {}
    while batch := list(islice(parsed, BATCH_SIZE)):
        facts: list[AlertFact] = []
        for item in batch:
            if isinstance(item, LineError):
                delivery.malformed += 1
                if len(delivery.errors) < MAX_REPORTED_ERRORS:
                    delivery.errors.append(
                        {"line": item.line, "field": item.field, "message": item.message}
                    )
            else:
                facts.append(item)
        if facts:
            _ensure_groups(groups, facts)
            stored = _insert_alerts(delivery, groups, facts)
            delivery.stored += stored
            delivery.duplicates += len(facts) - stored


def _ensure_groups(groups: dict[tuple[str, str], int], facts: list[AlertFact]) -> None:
    missing = {(fact.signature, fact.host) for fact in facts} - groups.keys()
    if not missing:
        return
    AlertGroup.objects.bulk_create(
        [AlertGroup(signature=signature, host=host) for signature, host in missing],
        ignore_conflicts=True,
    )
    for pk, signature, host in AlertGroup.objects.filter(
        signature__in={signature for signature, _host in missing},
        host__in={host for _signature, host in missing},
    ).values_list("pk", "signature", "host"):
        groups[(signature, host)] = pk


# Table and column names come from the model, never from input.
_SCRATCH = "monitoring_alert_incoming"
_ALERT_COLUMNS = (
    "group_id",
    "delivery_id",
    "fingerprint",
    "severity",
    "src_ip",
    "src_port",
    "dest_ip",
    "dest_port",
    "proto",
    "observed_at",
)


def _insert_alerts(
    delivery: Delivery, groups: dict[tuple[str, str], int], facts: list[AlertFact]
) -> int:
    """Insert the batch, skipping fingerprints already stored; returns how many were new.
    Plain SQL instead of the ORM: compiling SQL per row would cost more than storing it."""
    rows = [
        (
            groups[(fact.signature, fact.host)],
            delivery.pk,
            fact.fingerprint,
            fact.severity,
            fact.src_ip,
            fact.src_port,
            fact.dest_ip,
            fact.dest_port,
            fact.proto,
            fact.observed_at,
        )
        for fact in facts
    ]
    quote = connection.ops.quote_name
    table = quote(Alert._meta.db_table)
    names = ", ".join(quote(column) for column in _ALERT_COLUMNS)
    skip_known = f"ON CONFLICT ({quote('fingerprint')}) DO NOTHING"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY into a scratch table, then one INSERT … SELECT that skips known alerts.
            cursor.execute(
                f"CREATE TEMP TABLE IF NOT EXISTS {_SCRATCH} ON COMMIT DELETE ROWS AS "  # noqa: S608
                f"SELECT {names} FROM {table} WITH NO DATA"
            )
            cursor.execute(f"TRUNCATE {_SCRATCH}")
            with cursor.cursor.copy(f"COPY {_SCRATCH} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                f"INSERT INTO {table} ({names}) SELECT {names} FROM {_SCRATCH} {skip_known}"  # noqa: S608
            )
        else:
            adapt = connection.ops.adapt_datetimefield_value
            placeholders = ", ".join(["%s"] * len(_ALERT_COLUMNS))
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({placeholders}) {skip_known}",  # noqa: S608
                [(*row[:-1], adapt(row[-1])) for row in rows],
            )
        # Both sqlite3 and psycopg 3 count the rows inserted, known ones not included.
        return int(cursor.rowcount)


@transaction.atomic
def triage_decide(*, group: AlertGroup, status: str, note: str, decided_by: User) -> AlertGroup:
    """The CISO's decision on a group of alerts, with the note that explains it."""
    if status not in TriageStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Explain the decision in a note.")})
    group = AlertGroup.objects.select_for_update().get(pk=group.pk)
    TriageDecision.objects.create(group=group, status=status, note=note, decided_by=decided_by)
    group.status = status
    group.save(update_fields=["status"])
    return group


def insider_settings() -> InsiderSettings:
    found = InsiderSettings.objects.order_by("pk").first()
    return found if found is not None else InsiderSettings.objects.create()


@transaction.atomic
def insider_settings_update(*, changed_by: User, **values: Any) -> InsiderSettings:
    current = insider_settings()
    for name, value in values.items():
        setattr(current, name, value)
    current.updated_by = changed_by
    if current.workday_start >= current.workday_end:
        raise ValidationError({"workday_end": _("The working day must end after it starts.")})
    current.full_clean()
    current.save()
    return current


def thresholds_of(current: InsiderSettings) -> insider_rules.Thresholds:
    return insider_rules.Thresholds(
        outside_caseload=current.outside_caseload,
        volume_minimum=current.volume_minimum,
        volume_factor=float(current.volume_factor),
        confidential_address=current.confidential_address,
        workday_start=current.workday_start,
        workday_end=current.workday_end,
        weekend_is_unusual=current.weekend_is_unusual,
        bulk_export_minimum=current.bulk_export_minimum,
    )


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start, datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)


def _accesses(day: date) -> Iterator[insider_rules.Access]:
    start, end = _day_bounds(day)
    zone = timezone.get_current_timezone()
    rows = (
        ProcessingRecord.objects.filter(
            end_time__gte=start, end_time__lt=end, actor_kind=ActorKind.STAFF
        )
        .order_by()
        .values_list(
            "id", "actor_id", "actor_role", "name", "data_subject_id", "trace_id", "end_time"
        )
    )
    for record_id, actor, role, name, subject, trace, at in rows.iterator(chunk_size=10_000):
        yield insider_rules.Access(
            record_id, actor, role, name, subject, trace, at.astimezone(zone)
        )


def _caseloads() -> dict[str, frozenset[str]]:
    """Per staff member (public id), the pseudonyms of the residents they may open: their own
    caseload, and for a team leader their team's."""
    own: dict[str, set[str]] = {}
    team_of: dict[int, set[str]] = {}
    for consulent, team, pseudonym in CaseloadEntry.objects.values_list(
        "consulent__public_id", "consulent__team_id", "resident__subject_pseudonym"
    ):
        own.setdefault(str(consulent), set()).add(pseudonym)
        if team is not None:
            team_of.setdefault(team, set()).add(pseudonym)
    for public_id, team in User.objects.filter(role=Role.TEAMLEIDER).values_list(
        "public_id", "team_id"
    ):
        own.setdefault(str(public_id), set()).update(team_of.get(team, set()) if team else ())
    return {actor: frozenset(subjects) for actor, subjects in own.items()}


def _baselines(day: date, history_days: int) -> dict[str, float | None]:
    history: dict[str, list[insider_rules.DayActivity]] = {}
    for actor, hours, total in StaffActivityDay.objects.filter(
        day__lt=day, day__gte=day - timedelta(days=history_days)
    ).values_list("actor_id", "active_hours", "residents_per_hour_total"):
        history.setdefault(actor, []).append(insider_rules.DayActivity(hours, total))
    return {actor: insider_rules.baseline(days) for actor, days in history.items()}


@transaction.atomic
def insider_scan(*, day: date) -> list[InsiderAlert]:
    """Run the insider rules over DAY of the processing log. Idempotent: a finding that is
    already an alert only gains the records it did not have; returns the new alerts."""
    current = insider_settings()
    evaluation = insider_rules.evaluate(
        _accesses(day),
        day=day,
        thresholds=thresholds_of(current),
        caseloads=_caseloads(),
        baselines=_baselines(day, current.history_days),
    )
    for actor, activity in evaluation.activity.items():
        StaffActivityDay.objects.update_or_create(
            actor_id=actor,
            day=day,
            defaults={
                "active_hours": activity.active_hours,
                "residents_per_hour_total": activity.residents_per_hour_total,
            },
        )
    staff = {
        str(user.public_id): user
        for user in User.objects.filter(
            public_id__in={finding.actor for finding in evaluation.findings}
        )
    }
    new_alerts = []
    for finding in evaluation.findings:
        alert, created = InsiderAlert.objects.get_or_create(
            key=finding.key,
            defaults={
                "rule": finding.rule,
                "day": day,
                "actor_id": finding.actor,
                "staff_member": staff.get(finding.actor),
                "facts": finding.facts,
            },
        )
        if not created and alert.facts != finding.facts:
            alert.facts = finding.facts
            alert.save(update_fields=["facts"])
        InsiderAlertRecord.objects.bulk_create(
            [InsiderAlertRecord(alert=alert, record_id=pk) for pk in finding.record_ids],
            ignore_conflicts=True,
        )
        if created:
            _log_alert(alert, finding.subjects)
            new_alerts.append(alert)
    if new_alerts:
        transaction.on_commit(lambda: _notify_privacy_officers(len(new_alerts)))
    return new_alerts


@dataclass(frozen=True)
class InsiderRun:
    new_alerts: list[InsiderAlert]
    days: list[date]
    days_left: int


def insider_run(*, now: datetime | None = None) -> InsiderRun:
    """Run the insider rules over yesterday and today, and over the days that have gained staff
    records since the last run, whatever their end time (up to INSIDER_DAYS_PER_RUN of those,
    the newest; the others stay pending). Each day is scanned in its own transaction, oldest
    first, so that a rescanned day's activity is history for the days after it."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    recent = [today - timedelta(days=1), today]
    insider_days_note(now=now)
    pending = InsiderPendingDay.objects.exclude(day__in=recent).order_by("-day")
    days = sorted([*pending.values_list("day", flat=True)[:INSIDER_DAYS_PER_RUN], *recent])
    new_alerts: list[InsiderAlert] = []
    for day in days:
        with transaction.atomic():
            new_alerts += insider_scan(day=day)
            InsiderPendingDay.objects.filter(day=day).delete()
    return InsiderRun(new_alerts, days, InsiderPendingDay.objects.count())


@transaction.atomic
def insider_days_note(*, now: datetime) -> int:
    """Note as pending the local day of every staff record above the mark (one query over a
    range of the primary key), and move the mark as far as is safe (see InsiderLogMark).
    Returns how many days were found."""
    mark = InsiderLogMark.objects.select_for_update().order_by("pk").first()
    high = ProcessingRecord.objects.aggregate(high=Max("id"))["high"] or 0
    if mark is None:
        # The first run starts at the end of the log. The days before were scanned by the
        # clock; rescanning all of history against today's caseloads would report accesses
        # that were within a caseload at the time.
        InsiderLogMark.objects.create(read_through=high, seen_id=high, seen_at=now)
        return 0
    days = set(
        ProcessingRecord.objects.filter(
            id__gt=mark.read_through, id__lte=high, actor_kind=ActorKind.STAFF
        )
        .order_by()
        .annotate(day=TruncDate("end_time"))
        .values_list("day", flat=True)
        .distinct()
    )
    InsiderPendingDay.objects.bulk_create(
        [InsiderPendingDay(day=day) for day in days], ignore_conflicts=True
    )
    if mark.seen_at is None or mark.seen_at <= now - LATE_COMMIT_MARGIN:
        mark.read_through = max(mark.read_through, mark.seen_id)
        mark.seen_id, mark.seen_at = high, now
        mark.save(update_fields=["read_through", "seen_id", "seen_at"])
    return len(days)


def _log_alert(alert: InsiderAlert, pseudonyms: set[str]) -> None:
    """Detecting misuse is a processing of the residents concerned: record it."""
    supervision_record(
        actor=DETECTOR,
        name="insider.alert.create",
        residents=lambda: Resident.objects.filter(subject_pseudonym__in=pseudonyms),
    )


def supervision_record(
    *, actor: "User | Actor", name: str, residents: Callable[[], Iterable[Resident]]
) -> None:
    """One processing-log record per resident concerned; none when no resident in Regie is
    (records of residents since removed, or of another system's subjects)."""
    found = False
    try:
        with (
            transaction.atomic(),
            processing(
                activity=activities.INSIDER_SUPERVISION,
                actor=actor,
                name=name,
                subjects_follow=True,
            ) as current,
        ):
            for resident in residents():
                current.add_subject(resident)
            found = bool(current.subjects)
    except ProcessingError:
        if found:
            raise


def _notify_privacy_officers(count: int) -> None:
    recipients = list(
        User.objects.filter(role=Role.PRIVACY_OFFICER, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if recipients:
        send_mail(
            subject=_("Regie: new insider-access alerts"),
            message=_(
                "The insider-access rules found %(count)d new alert(s) in the processing log. "
                "Open Regie to see them: %(path)s"
            )
            % {"count": count, "path": reverse("monitoring:insider-alerts")},
            from_email=None,
            recipient_list=recipients,
        )


@transaction.atomic
def insider_alert_handle(
    *, alert: InsiderAlert, status: str, note: str, handled_by: User
) -> InsiderAlert:
    """The privacy officer's conclusion on an alert, itself recorded in the log."""
    if status not in {InsiderStatus.JUSTIFIED, InsiderStatus.MISUSE}:
        raise ValidationError({"status": _("Choose justified or misuse.")})
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Explain the conclusion in a note.")})
    alert = InsiderAlert.objects.select_for_update().get(pk=alert.pk)
    alert.status = status
    alert.note = note
    alert.handled_by = handled_by
    alert.handled_at = timezone.now()
    alert.save(update_fields=["status", "note", "handled_by", "handled_at"])
    supervision_record(
        actor=handled_by, name="insider.alert.handle", residents=lambda: residents_of(alert)
    )
    return alert


def residents_of(alert: InsiderAlert) -> list[Resident]:
    """The residents whose records triggered ALERT; call inside an open processing."""
    pseudonyms = ProcessingRecord.objects.filter(id__in=alert.records.values("record_id")).values(
        "data_subject_id"
    )
    return list(Resident.objects.filter(subject_pseudonym__in=pseudonyms))
