"""Reads of the breach register: the privacy officer's list with the running clocks, one
breach, and the figures per period for the council reports."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from uuid import UUID

from django.db.models import QuerySet
from django.utils import timezone

from regie.breaches.models import Breach, Status


def breach_list() -> QuerySet[Breach]:
    return Breach.objects.select_related("registered_by").order_by("-discovered_at")


def breaches_on_the_clock() -> list[Breach]:
    """Open breaches whose 72 hours run, the nearest deadline first."""
    waiting = Breach.objects.filter(
        status__in=[Status.DISCOVERED, Status.ASSESSED], notify_authority=True
    )
    return list(waiting.order_by("authority_deadline"))


def breach_detail(public_id: UUID | str) -> Breach | None:
    return (
        Breach.objects.select_related("registered_by", "assessed_by")
        .prefetch_related("activities", "reports")
        .filter(public_id=public_id)
        .first()
    )


@dataclass(frozen=True)
class Countdown:
    """What is left of the 72 hours, for the page: whole hours and minutes, or how late."""

    deadline: datetime
    overdue: bool
    hours: int
    minutes: int


def countdown(breach: Breach, now: datetime | None = None) -> Countdown | None:
    if not breach.clock_running:
        return None
    now = now or timezone.now()
    left = breach.authority_deadline - now
    overdue = left < timedelta(0)
    minutes = int(abs(left).total_seconds() // 60)
    return Countdown(breach.authority_deadline, overdue, minutes // 60, minutes % 60)


@dataclass(frozen=True)
class BreachFigures:
    """Breaches discovered in a period, for the council: how many, of which kind, how serious,
    how many reported to the AP, how many of those late, how many residents informed."""

    start: date
    end: date
    total: int
    personal_data_breaches: int
    by_risk: dict[str, int]
    by_kind: dict[str, int]
    reported: int
    reported_late: int
    residents_informed: int
    open: int


def _period(start: date, end: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def breach_figures(*, start: date, end: date) -> BreachFigures:
    """Figures for the breaches discovered from START up to and including END."""
    since, until = _period(start, end)
    breaches = list(Breach.objects.filter(discovered_at__gte=since, discovered_at__lt=until))
    by_risk = {risk: 0 for risk in ("none", "risk", "high")}
    by_kind = {"confidentiality": 0, "integrity": 0, "availability": 0}
    for breach in breaches:
        by_risk[breach.risk] += 1
        if breach.confidentiality_loss or breach.confidential_address:
            by_kind["confidentiality"] += 1
        if breach.integrity_loss:
            by_kind["integrity"] += 1
        if breach.availability_loss_hours > 0 or breach.permanent_loss:
            by_kind["availability"] += 1
    return BreachFigures(
        start=start,
        end=end,
        total=len(breaches),
        personal_data_breaches=sum(b.is_personal_data_breach for b in breaches),
        by_risk=by_risk,
        by_kind=by_kind,
        reported=sum(b.reported_at is not None for b in breaches),
        reported_late=sum(b.reported_late for b in breaches),
        residents_informed=sum(b.residents_informed_at is not None for b in breaches),
        open=sum(b.status != Status.CLOSED for b in breaches),
    )
