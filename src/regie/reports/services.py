"""Every write of the reports: drafting (which freezes the figures into the report), gathering
again while a draft, review, freezing with the PDF's checksum, and the event of every look.
Each write and its event commit together."""

import hashlib
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.accounts.models import User
from regie.reports import pdf, sources
from regie.reports.models import EventKind, Kind, Report, ReportEvent, ReportFrozen, Status
from regie.reports.periods import Period, PeriodError, half_year, whole_year

logger = logging.getLogger(__name__)


class ReportRefused(ValueError):
    """The change is not allowed now; FIELD names what to correct (or "" for the report)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def period_for(*, kind: str, year: int, half: int | None) -> Period:
    try:
        if kind == Kind.HALF_YEARLY:
            return half_year(year, half or 0)
        return whole_year(year)
    except PeriodError as error:
        field = str(error).split(":", 1)[0]
        raise ReportRefused(field, _("Choose a valid period.")) from None


def _previous_picture(kind: str, period: Period) -> dict[str, Any] | None:
    """The gap picture of the last frozen report of this kind before PERIOD, so that the
    change since the previous report is frozen with this one."""
    previous = (
        Report.objects.filter(kind=kind, status=Status.FROZEN, period_end__lt=period.start)
        .order_by("-period_end")
        .first()
    )
    if previous is None:
        return None
    at_end = previous.figures.get("isms", {}).get("at_end") or {}
    return {
        "period_start": previous.period_start.isoformat(),
        "period_end": previous.period_end.isoformat(),
        "gaps": {
            gap["framework"]: {
                "percent_compliant": gap["percent_compliant"],
                "parts": {part["key"]: part["percent_compliant"] for part in gap["parts"]},
            }
            for gap in at_end.get("gaps", [])
            if "framework" in gap
        },
    }


def _gather(kind: str, period: Period) -> dict[str, Any]:
    figures = sources.gather(kind, period)
    if kind == Kind.HALF_YEARLY:
        figures["previous"] = _previous_picture(kind, period)
    return figures


def _event(
    *, report: Report | None, kind: str, user: User | None, requested_id: str = "", sha256: str = ""
) -> ReportEvent:
    return ReportEvent.objects.create(
        report=report,
        requested_id=requested_id or (str(report.public_id) if report else ""),
        kind=kind,
        user=user if user is not None and user.is_authenticated else None,
        role=getattr(user, "role", "") or "",
        at=timezone.now(),
        sha256=sha256,
    )


@transaction.atomic
def report_draft(*, kind: str, year: int, half: int | None, by: User) -> Report:
    if kind not in Kind.values:
        raise ReportRefused("kind", _("Choose a kind of report."))
    period = period_for(kind=kind, year=year, half=half)
    if Report.objects.filter(kind=kind, period_start=period.start).exists():
        raise ReportRefused("year", _("There is already a report of this kind for this period."))
    report = Report.objects.create(
        kind=kind,
        period_start=period.start,
        period_end=period.end,
        figures=_gather(kind, period),
        gathered_at=timezone.now(),
        drafted_by=by,
    )
    _event(report=report, kind=EventKind.DRAFTED, user=by)
    return report


def _not_frozen(report: Report) -> Report:
    fresh = Report.objects.select_for_update().get(pk=report.pk)
    if fresh.status == Status.FROZEN:
        raise ReportFrozen(str(report.public_id))
    return fresh


@transaction.atomic
def report_refresh(*, report: Report, by: User) -> Report:
    """Gather the figures again; a reviewed report goes back to draft, since what was
    reviewed is no longer what it shows."""
    report = _not_frozen(report)
    period = Period(report.period_start, report.period_end)
    report.figures = _gather(report.kind, period)
    report.gathered_at = timezone.now()
    report.status = Status.DRAFT
    report.reviewed_by = None
    report.reviewed_at = None
    report.save()
    _event(report=report, kind=EventKind.REFRESHED, user=by)
    return report


@transaction.atomic
def report_review(*, report: Report, by: User) -> Report:
    """A second person confirms the draft's figures and text."""
    report = _not_frozen(report)
    if report.status != Status.DRAFT:
        raise ReportRefused("", _("Only a draft can be reviewed."))
    if report.drafted_by_id == by.pk:
        raise ReportRefused("", _("Someone other than who drafted the report reviews it."))
    report.status = Status.REVIEWED
    report.reviewed_by = by
    report.reviewed_at = timezone.now()
    report.save()
    _event(report=report, kind=EventKind.REVIEWED, user=by)
    return report


@transaction.atomic
def report_freeze(*, report: Report, by: User) -> Report:
    """Freeze the reviewed figures for good: render the document once, keep it and record its
    SHA-256 in the freeze event."""
    report = _not_frozen(report)
    if report.status != Status.REVIEWED:
        raise ReportRefused("", _("Only a reviewed report can be frozen."))
    now = timezone.now()
    report.frozen_by = by
    report.frozen_at = now
    report.status = Status.FROZEN
    document = pdf.render(report, reader=None, at=now)
    report.pdf = document
    report.pdf_sha256 = hashlib.sha256(document).hexdigest()
    # The one write of a frozen row: the guard in save() looks at the stored status.
    Report.objects.filter(pk=report.pk).update(
        status=report.status,
        frozen_by=by,
        frozen_at=now,
        pdf=document,
        pdf_sha256=report.pdf_sha256,
    )
    _event(report=report, kind=EventKind.FROZEN, user=by, sha256=report.pdf_sha256)
    logger.info("report %s frozen, pdf sha256 %s", report.public_id, report.pdf_sha256)
    return report


@transaction.atomic
def report_viewed(*, report: Report, by: User | None) -> None:
    _event(report=report, kind=EventKind.VIEWED, user=by)


@transaction.atomic
def report_downloaded(*, report: Report, by: User | None, document: bytes) -> None:
    """Each copy of a confidential report is personal (reader and time on every page), so
    each download records the checksum of the copy handed out."""
    _event(
        report=report,
        kind=EventKind.DOWNLOADED,
        user=by,
        sha256=hashlib.sha256(document).hexdigest(),
    )


@transaction.atomic
def report_access_refused(*, requested_id: str, by: User | None) -> None:
    report = Report.objects.filter(public_id=requested_id).first() if requested_id else None
    _event(report=report, kind=EventKind.REFUSED, user=by, requested_id=requested_id)
    logger.warning(
        "report access refused: %s for user %s",
        requested_id or "-",
        by.public_id if by is not None and by.is_authenticated else "anonymous",
    )
