"""Every write of the breach register. Keyword-only arguments, one transaction each.

A breach record names no resident, so it needs no processing-log gate; it must still never
carry personal data into a URL, a log line or an e-mail (only its reference and public id)."""

from dataclasses import asdict
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from regie.accounts.models import Role, User
from regie.breaches import assessment
from regie.breaches.documents import authority_form
from regie.breaches.models import (
    AuthorityReport,
    Breach,
    BreachReminder,
    Category,
    ReportKind,
    Stage,
    Status,
)
from regie.core.services import serial_take
from regie.register.models import ProcessingActivity

# The facts a privacy officer records and may correct while the breach is open.
FACT_FIELDS = (
    "title",
    "description",
    "occurred_at",
    "discovered_at",
    "data_categories",
    "subjects_count",
    "records_count",
    "records_held",
    "personal_data",
    "confidentiality_loss",
    "integrity_loss",
    "availability_loss_hours",
    "permanent_loss",
    "unintelligible",
    "recipient_trusted_and_deleted",
    "vulnerable_subjects",
    "confidential_address",
    "consequences",
    "measures_taken",
    "measures_planned",
)


def facts_of(breach: Breach) -> assessment.Facts:
    """The assessment's facts. A leaked confidential address means vulnerable people whose
    whereabouts are out: the breach opens at high risk."""
    categories = list(breach.data_categories)
    vulnerable = breach.vulnerable_subjects
    if breach.confidential_address:
        vulnerable = True
        if "address" not in categories:
            categories.append("address")
    confidentiality = breach.confidentiality_loss or breach.confidential_address
    return assessment.Facts(
        subjects=breach.subjects_count,
        discovered_at=breach.discovered_at,
        personal_data=breach.personal_data,
        data_categories=tuple(categories),
        confidentiality_loss=confidentiality,
        integrity_loss=breach.integrity_loss,
        availability_loss_hours=float(breach.availability_loss_hours),
        permanent_loss=breach.permanent_loss,
        unintelligible=breach.unintelligible and not breach.confidential_address,
        recipient_trusted_and_deleted=breach.recipient_trusted_and_deleted,
        vulnerable_subjects=vulnerable,
    )


def _check(breach: Breach, now: datetime) -> None:
    errors: dict[str, str] = {}
    if breach.discovered_at > now:
        errors["discovered_at"] = _("The discovery cannot lie in the future.")
    if breach.occurred_at and breach.occurred_at > breach.discovered_at:
        errors["discovered_at"] = _("The breach cannot be discovered before it happened.")
    for name in ("subjects_count", "records_count", "records_held"):
        value = getattr(breach, name)
        if value is not None and value < 0:
            errors[name] = _("A number of people or records cannot be negative.")
    if breach.availability_loss_hours < 0:
        errors["availability_loss_hours"] = _("A number of hours cannot be negative.")
    if (
        breach.records_held is not None
        and breach.records_count is not None
        and breach.records_count > breach.records_held
    ):
        errors["records_count"] = _(
            "More records are concerned than the system holds (%(held)s); check both numbers."
        ) % {"held": breach.records_held}
    unknown = [c for c in breach.data_categories if c not in Category.values]
    if unknown:
        errors["data_categories"] = _("Unknown kind of personal data: %(kind)s") % {
            "kind": unknown[0]
        }
    if errors:
        raise ValidationError(errors)


def _apply_assessment(breach: Breach) -> None:
    result = assessment.assess(facts_of(breach))
    breach.is_personal_data_breach = result.is_personal_data_breach
    breach.risk = result.risk
    breach.notify_authority = result.notify_authority
    breach.notify_subjects = result.notify_subjects
    breach.reasons = [asdict(reason) for reason in result.reasons]
    # The clock runs from discovery whatever the assessment says: stored for every breach.
    breach.authority_deadline = assessment.authority_deadline(breach.discovered_at)


def _next_reference(year: int) -> str:
    stem = f"DL-{year}-"
    in_use = Breach.objects.filter(reference__startswith=stem).values_list("reference", flat=True)
    return f"{stem}{serial_take(series=stem, in_use=in_use):03d}"


@transaction.atomic
def breach_register(
    *,
    registered_by: User,
    activities: list[ProcessingActivity] | None = None,
    is_demo: bool = False,
    now: datetime | None = None,
    **facts: Any,
) -> Breach:
    """Record a breach as discovered and assess it at once (a proposal the privacy officer
    confirms with `breach_assess`)."""
    unknown = set(facts) - set(FACT_FIELDS)
    if unknown:
        raise TypeError(f"breach_register: unknown fields {sorted(unknown)}")
    now = now or timezone.now()
    breach = Breach(registered_by=registered_by, is_demo=is_demo, **facts)
    breach.availability_loss_hours = Decimal(str(breach.availability_loss_hours or 0))
    _check(breach, now)
    _apply_assessment(breach)
    breach.reference = _next_reference(timezone.localtime(breach.discovered_at).year)
    breach.full_clean(exclude=["activities"])
    breach.save()
    breach.activities.set(activities or [])
    return breach


@transaction.atomic
def breach_update(
    *,
    breach: Breach,
    updated_by: User,
    activities: list[ProcessingActivity] | None = None,
    now: datetime | None = None,
    **facts: Any,
) -> Breach:
    """Correct the facts of an open breach and assess it again. A changed assessment of an
    assessed breach goes back to the privacy officer for confirmation."""
    if breach.status == Status.CLOSED:
        raise ValidationError(_("A closed breach can no longer be changed."))
    unknown = set(facts) - set(FACT_FIELDS)
    if unknown:
        raise TypeError(f"breach_update: unknown fields {sorted(unknown)}")
    if (
        breach.reported_at
        and "discovered_at" in facts
        and facts["discovered_at"] != (breach.discovered_at)
    ):
        raise ValidationError(
            {"discovered_at": _("The breach is reported: its discovery can no longer move.")}
        )
    for name, value in facts.items():
        setattr(breach, name, value)
    breach.availability_loss_hours = Decimal(str(breach.availability_loss_hours or 0))
    _check(breach, now or timezone.now())
    before = (breach.risk, breach.notify_authority, breach.notify_subjects)
    _apply_assessment(breach)
    if breach.status == Status.ASSESSED and before != (
        breach.risk,
        breach.notify_authority,
        breach.notify_subjects,
    ):
        breach.status = Status.DISCOVERED
        breach.assessed_at = None
        breach.assessed_by = None
    breach.full_clean(exclude=["activities"])
    breach.save()
    if activities is not None:
        breach.activities.set(activities)
    return breach


def _locked(breach: Breach) -> Breach:
    return Breach.objects.select_for_update().get(pk=breach.pk)


@transaction.atomic
def breach_assess(*, breach: Breach, assessed_by: User, now: datetime | None = None) -> Breach:
    """The privacy officer confirms the assessment: the breach is assessed."""
    breach = _locked(breach)
    if breach.status != Status.DISCOVERED:
        raise ValidationError(_("Only a newly discovered breach can be assessed."))
    breach.status = Status.ASSESSED
    breach.assessed_at = now or timezone.now()
    breach.assessed_by = assessed_by
    breach.save(update_fields=["status", "assessed_at", "assessed_by"])
    return breach


@transaction.atomic
def breach_report(
    *,
    breach: Breach,
    reported_by: User,
    reported_at: datetime,
    authority_reference: str = "",
    late_reason: str = "",
    now: datetime | None = None,
) -> AuthorityReport:
    """Record the report to the Autoriteit Persoonsgegevens, with the form as it was sent.
    A report after the 72 hours needs its reason (AVG art. 33(1))."""
    breach = _locked(breach)
    if breach.status != Status.ASSESSED:
        raise ValidationError(_("Confirm the assessment before you report the breach."))
    if reported_at > (now or timezone.now()):
        raise ValidationError({"reported_at": _("The report cannot lie in the future.")})
    if reported_at < breach.discovered_at:
        raise ValidationError(
            {"reported_at": _("The report cannot be made before the breach was discovered.")}
        )
    late_reason = late_reason.strip()
    if reported_at > breach.authority_deadline and not late_reason:
        raise ValidationError(
            {
                "late_reason": _(
                    "The report is later than 72 hours after discovery: give the reason for "
                    "the delay (AVG art. 33(1))."
                )
            }
        )
    breach.status = Status.REPORTED
    breach.reported_at = reported_at
    breach.late_reason = late_reason
    breach.save(update_fields=["status", "reported_at", "late_reason"])
    return AuthorityReport.objects.create(
        breach=breach,
        kind=ReportKind.INITIAL,
        submitted_at=reported_at,
        authority_reference=authority_reference.strip(),
        content=authority_form(breach),
        made_by=reported_by,
    )


@transaction.atomic
def breach_report_follow_up(
    *,
    breach: Breach,
    made_by: User,
    kind: ReportKind,
    submitted_at: datetime,
    note: str,
    authority_reference: str = "",
) -> AuthorityReport:
    """A follow-up report (new facts) or a withdrawal (no breach after all) of a reported
    breach; the form's current content is kept with it."""
    breach = _locked(breach)
    if breach.reported_at is None:
        raise ValidationError(_("Only a reported breach has a follow-up or a withdrawal."))
    if kind not in {ReportKind.FOLLOW_UP, ReportKind.WITHDRAWAL}:
        raise ValidationError({"kind": _("Choose a follow-up report or a withdrawal.")})
    if not note.strip():
        raise ValidationError({"note": _("Say what is new, or why the report is withdrawn.")})
    if breach.reports.filter(kind=ReportKind.WITHDRAWAL).exists():
        raise ValidationError(_("The report has been withdrawn."))
    return AuthorityReport.objects.create(
        breach=breach,
        kind=kind,
        submitted_at=submitted_at,
        authority_reference=authority_reference.strip(),
        note=note.strip(),
        content=authority_form(breach),
        made_by=made_by,
    )


@transaction.atomic
def breach_residents_informed(
    *, breach: Breach, informed_at: datetime, recorded_by: User
) -> Breach:
    breach = _locked(breach)
    if breach.status != Status.REPORTED:
        raise ValidationError(_("Report the breach to the AP before you record this."))
    breach.status = Status.RESIDENTS_INFORMED
    breach.residents_informed_at = informed_at
    breach.save(update_fields=["status", "residents_informed_at"])
    return breach


@transaction.atomic
def breach_close(*, breach: Breach, closed_by: User, now: datetime | None = None) -> Breach:
    """Close a breach whose duties are done: assessed, reported when due, residents informed
    when due. It stays in the register (AVG art. 33(5))."""
    breach = _locked(breach)
    if breach.status == Status.CLOSED:
        raise ValidationError(_("The breach is already closed."))
    if breach.status == Status.DISCOVERED:
        raise ValidationError(_("Confirm the assessment before you close the breach."))
    withdrawn = breach.reports.filter(kind=ReportKind.WITHDRAWAL).exists()
    if breach.notify_authority and breach.reported_at is None:
        raise ValidationError(_("The breach must be reported to the AP before it is closed."))
    if breach.notify_subjects and breach.residents_informed_at is None and not withdrawn:
        raise ValidationError(
            _("The people concerned must be informed before the breach is closed.")
        )
    breach.status = Status.CLOSED
    breach.closed_at = now or timezone.now()
    breach.save(update_fields=["status", "closed_at"])
    return breach


# When each reminder is due, counted from discovery.
STAGES = [
    (Stage.OVERDUE, assessment.NOTIFICATION_WINDOW),
    (Stage.HOURS_48, timedelta(hours=48)),
    (Stage.HOURS_24, timedelta(hours=24)),
]


def _reminder_text(breach: Breach, stage: Stage) -> tuple[str, str]:
    deadline = formats.date_format(timezone.localtime(breach.authority_deadline), "DATETIME_FORMAT")
    link = settings.REGIE_BASE_URL + reverse("breaches:detail", args=[breach.public_id])
    if stage == Stage.OVERDUE:
        subject = _("Regie: breach %(reference)s is past its reporting deadline")
        lead = _(
            "The 72 hours for reporting breach %(reference)s to the Autoriteit "
            "Persoonsgegevens ended on %(deadline)s. Report it as soon as you can and record "
            "the reason for the delay."
        )
    else:
        subject = _("Regie: breach %(reference)s must be reported by %(deadline)s")
        lead = _(
            "Breach %(reference)s has not been reported to the Autoriteit Persoonsgegevens "
            "yet. The deadline is %(deadline)s."
        )
    values = {"reference": breach.reference, "deadline": deadline}
    body = "\n\n".join([lead % values, _("Open it in Regie: %(link)s") % {"link": link}])
    return subject % values, body


def breach_reminders_send(*, now: datetime | None = None) -> int:
    """Remind every privacy officer of each breach still to be reported, once per stage: at
    24 and 48 hours after discovery and when the 72 hours have passed. A run that comes late
    sends only the latest stage due; running again sends nothing twice. Returns the number
    of e-mails sent."""
    now = now or timezone.now()
    officers = list(
        User.objects.filter(role=Role.PRIVACY_OFFICER, is_active=True).exclude(email="")
    )
    sent = 0
    for breach in Breach.objects.filter(
        status__in=[Status.DISCOVERED, Status.ASSESSED], notify_authority=True
    ):
        due = [stage for stage, after in STAGES if now >= breach.discovered_at + after]
        if not due:
            continue
        for officer in officers:
            if _remind(breach, officer, due, now):
                sent += 1
    return sent


def _remind(breach: Breach, officer: User, due: list[Stage], now: datetime) -> bool:
    """Record the stages DUE for OFFICER and mail the latest, unless it was sent before. The
    mail goes after the commit, so a failed transaction sends nothing."""
    latest = due[0]
    try:
        with transaction.atomic():
            if BreachReminder.objects.filter(
                breach=breach, stage=latest, recipient=officer
            ).exists():
                return False
            for stage in due:
                BreachReminder.objects.get_or_create(
                    breach=breach, stage=stage, recipient=officer, defaults={"sent_at": now}
                )
            subject, body = _reminder_text(breach, latest)
            recipient = officer.email
            transaction.on_commit(
                lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
            )
    except IntegrityError:
        return False  # another worker sent it just now
    return True
