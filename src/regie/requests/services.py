"""Every write of the rights requests. Keyword-only arguments, one transaction each, and each
inside a processing of the resident's data, so the log shows who handled the request.

The resident portal files a request with `request_file(resident=..., channel=Channel.PORTAL,
actor=resident_user, ...)`; the privacy officer registers one received by letter, phone or at
the desk with `request_file_for_bsn`."""

from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from regie.accounts.access import Action, may
from regie.accounts.models import Resident, Role, User
from regie.accounts.selectors import bsn_index
from regie.core.bsn import is_valid_bsn, normalise_bsn
from regie.core.services import serial_take
from regie.processing_log.gate import Actor, processing
from regie.requests import deadlines
from regie.requests.activities import HANDLE_RIGHTS_REQUEST
from regie.requests.models import (
    Channel,
    Decision,
    Kind,
    RequestReminder,
    RightsRequest,
    Stage,
    Status,
)
from regie.vault.services import text_seal

DETAILS = "rights_request.details"
LETTER = "rights_request.letter"


def _today() -> date:
    return timezone.localdate()


def _next_reference(year: int) -> str:
    """Inside the caller's processing: the requests are personal data."""
    stem = f"RV-{year}-"
    in_use = RightsRequest.objects.filter(reference__startswith=stem).values_list(
        "reference", flat=True
    )
    return f"{stem}{serial_take(series=stem, in_use=in_use):03d}"


@transaction.atomic
def request_file(
    *,
    resident: Resident,
    kind: Kind | str,
    channel: Channel | str,
    details: str,
    actor: User | Actor,
    received_on: date | None = None,
    is_demo: bool = False,
) -> RightsRequest:
    """A rights request received today (or on RECEIVED_ON, for a letter that came in
    earlier); the answer is due one month after receipt."""
    received_on = received_on or _today()
    errors: dict[str, str] = {}
    if kind not in Kind.values:
        errors["kind"] = _("Choose the kind of request.")
    if channel not in Channel.values:
        errors["channel"] = _("Choose how the request was received.")
    if received_on > _today():
        errors["received_on"] = _("A request cannot be received in the future.")
    if not details.strip():
        errors["details"] = _("Write down what the resident asks.")
    if errors:
        raise ValidationError(errors)
    with processing(
        activity=HANDLE_RIGHTS_REQUEST, actor=actor, name="rights_request.file", subjects=[resident]
    ):
        # A resident files about their own data, or a legal representative for the person
        # they represent: the one access decision knows both.
        if (
            isinstance(actor, User)
            and actor.is_resident
            and not may(actor, Action.PORTAL_USE, resident, in_service=True)
        ):
            raise ValidationError(
                _("A resident files requests about their own data, or for whom they represent.")
            )
        return RightsRequest.objects.create(
            reference=_next_reference(received_on.year),
            resident=resident,
            kind=kind,
            channel=channel,
            received_on=received_on,
            deadline=deadlines.response_deadline(received_on),
            details_sealed=text_seal(
                resident_id=resident.pk, text=details.strip(), context=DETAILS
            ),
            registered_by=actor if isinstance(actor, User) and actor.is_staff_member else None,
            is_demo=is_demo,
        )


@transaction.atomic
def request_file_for_bsn(
    *,
    bsn: str,
    kind: Kind | str,
    channel: Channel | str,
    details: str,
    received_on: date,
    actor: User,
    is_demo: bool = False,
) -> RightsRequest:
    """Register a request that came by letter, phone or at the desk for the resident with
    this BSN. The BSN is used to find the resident and is not stored again."""
    bsn = normalise_bsn(bsn)
    if not is_valid_bsn(bsn):
        raise ValidationError({"bsn": _("This is not a valid BSN (it fails the 11-check).")})
    if channel == Channel.PORTAL:
        raise ValidationError({"channel": _("Requests from the portal are filed by the resident.")})
    with processing(
        activity=HANDLE_RIGHTS_REQUEST,
        actor=actor,
        name="rights_request.find_resident",
        subjects_follow=True,
    ) as current:
        resident = Resident.objects.filter(bsn_index=bsn_index(bsn)).first()
        if resident is None:
            raise ValidationError({"bsn": _("No resident with this BSN is known to Regie.")})
        current.add_subject(resident)
        return request_file(
            resident=resident,
            kind=kind,
            channel=channel,
            details=details,
            received_on=received_on,
            actor=actor,
            is_demo=is_demo,
        )


def _locked(request: RightsRequest) -> RightsRequest:
    return RightsRequest.objects.select_for_update().get(pk=request.pk)


def _open_processing(request: RightsRequest, actor: User | Actor, name: str):  # type: ignore[no-untyped-def]
    return processing(
        activity=HANDLE_RIGHTS_REQUEST, actor=actor, name=name, subjects=[request.resident]
    )


@transaction.atomic
def request_identity_check(
    *, request: RightsRequest, method: str, actor: User, checked_on: date | None = None
) -> RightsRequest:
    if not method.strip():
        raise ValidationError({"method": _("Say how the identity was checked.")})
    with _open_processing(request, actor, "rights_request.identity"):
        request = _locked(request)
        if not request.is_open:
            raise ValidationError(_("This request is already decided."))
        request.identity_checked_on = checked_on or _today()
        request.identity_method = method.strip()
        request.identity_checked_by = actor
        request.status = Status.IN_PROGRESS
        request.save()
    return request


@transaction.atomic
def request_assign(*, request: RightsRequest, handler: User, actor: User) -> RightsRequest:
    if handler.role != Role.PRIVACY_OFFICER or not handler.is_active:
        raise ValidationError({"handler": _("Only an active privacy officer can handle requests.")})
    with _open_processing(request, actor, "rights_request.assign"):
        request = _locked(request)
        if not request.is_open:
            raise ValidationError(_("This request is already decided."))
        request.handler = handler
        request.status = Status.IN_PROGRESS
        request.save()
    return request


@transaction.atomic
def request_extend(
    *,
    request: RightsRequest,
    months: int,
    reason: str,
    told_on: date,
    actor: User,
) -> RightsRequest:
    """Extend the deadline once, by one or two months, with a reason; the resident must be
    told within the first month (AVG art. 12(3))."""
    errors: dict[str, str] = {}
    if months not in (1, 2):
        errors["months"] = _("An extension is one or two months.")
    if not reason.strip():
        errors["reason"] = _("Give the reason for the extension; the resident is told it.")
    if told_on > _today():
        errors["told_on"] = _("The resident cannot have been told in the future.")
    with _open_processing(request, actor, "rights_request.extend"):
        request = _locked(request)
        if request.extended_until:
            raise ValidationError(_("The deadline can be extended only once."))
        if not request.is_open:
            raise ValidationError(_("This request is already decided."))
        if _today() > request.deadline:
            raise ValidationError(
                _("The first month has passed: the deadline can no longer be extended.")
            )
        if "told_on" not in errors and told_on > request.deadline:
            errors["told_on"] = _("The resident must be told within the first month.")
        if "told_on" not in errors and told_on < request.received_on:
            errors["told_on"] = _("The resident cannot be told before the request came in.")
        if errors:
            raise ValidationError(errors)
        request.extended_until = deadlines.extended_deadline(request.received_on, months)
        request.extension_reason = reason.strip()
        request.extension_told_on = told_on
        request.save()
    return request


@transaction.atomic
def request_decide(
    *,
    request: RightsRequest,
    decision: Decision | str,
    letter: str,
    actor: User,
    decided_on: date | None = None,
) -> RightsRequest:
    """Decide with a reasoned letter to the resident. The identity must have been checked."""
    errors: dict[str, str] = {}
    if decision not in Decision.values:
        errors["decision"] = _("Choose the decision.")
    if not letter.strip():
        errors["letter"] = _("Write the letter with the reasons for the decision.")
    if errors:
        raise ValidationError(errors)
    with _open_processing(request, actor, "rights_request.decide"):
        request = _locked(request)
        if not request.is_open:
            raise ValidationError(_("This request is already decided."))
        if request.identity_checked_on is None:
            raise ValidationError(_("Check the resident's identity before you decide."))
        request.decision = decision
        request.decided_on = decided_on or _today()
        request.letter_sealed = text_seal(
            resident_id=request.resident_id, text=letter.strip(), context=LETTER
        )
        request.status = Status.DECIDED
        request.handler = request.handler or actor
        request.save()
    return request


@transaction.atomic
def request_close(*, request: RightsRequest, actor: User) -> RightsRequest:
    with _open_processing(request, actor, "rights_request.close"):
        request = _locked(request)
        if not request.decision or not request.letter_sealed:
            raise ValidationError(_("A request is closed only after a decision and its letter."))
        if request.status == Status.CLOSED:
            raise ValidationError(_("This request is already closed."))
        request.status = Status.CLOSED
        request.closed_on = _today()
        request.save()
    return request


def _reminder_text(request: RightsRequest, stage: Stage) -> tuple[str, str]:
    due = formats.date_format(request.due_on, "DATE_FORMAT")
    values = {"reference": request.reference, "due": due}
    link = settings.REGIE_BASE_URL + reverse("requests:detail", args=[request.public_id])
    if stage == Stage.OVERDUE:
        subject = _("Regie: request %(reference)s is past its deadline") % values
        lead = _("The answer to rights request %(reference)s was due on %(due)s.") % values
    else:
        subject = _("Regie: request %(reference)s is due on %(due)s") % values
        lead = _("Rights request %(reference)s must be answered by %(due)s.") % values
    return subject, "\n\n".join([lead, _("Open it in Regie: %(link)s") % {"link": link}])


class _NothingDue(Exception):
    pass


def request_reminders_send(*, today: date | None = None) -> int:
    """Remind the handler (or, without one, every privacy officer) of each open request a
    week before its deadline and once it has passed; once per stage and deadline, however
    often it runs. Returns the number of e-mails sent."""
    try:
        return _send_reminders(today or _today())
    except _NothingDue:
        return 0


@transaction.atomic
def _send_reminders(today: date) -> int:
    week = today + timedelta(days=deadlines.REMINDER_DAYS_BEFORE)
    officers = list(
        User.objects.filter(role=Role.PRIVACY_OFFICER, is_active=True).exclude(email="")
    )
    sent = 0
    with processing(
        activity=HANDLE_RIGHTS_REQUEST,
        actor=Actor.system("rights-request reminders"),
        name="rights_request.remind",
        subjects_follow=True,
    ) as current:
        near = RightsRequest.objects.filter(
            Q(extended_until__isnull=True, deadline__lte=week) | Q(extended_until__lte=week),
            status__in=[Status.RECEIVED, Status.IN_PROGRESS],
        ).select_related("resident", "handler")
        for request in near:
            stage = Stage.OVERDUE if today > request.due_on else Stage.WEEK_LEFT
            handler = request.handler
            recipients = [handler] if handler and handler.email else officers
            already = set(
                RequestReminder.objects.filter(
                    request=request, stage=stage, due_on=request.due_on
                ).values_list("recipient_id", flat=True)
            )
            recipients = [r for r in recipients if r.pk not in already]
            if not recipients:
                continue
            now = timezone.now()
            for recipient in recipients:
                RequestReminder.objects.create(
                    request=request,
                    stage=stage,
                    due_on=request.due_on,
                    recipient=recipient,
                    sent_at=now,
                )
            subject, body = _reminder_text(request, stage)
            addresses = [r.email for r in recipients]
            transaction.on_commit(
                partial(send_mail, subject, body, settings.DEFAULT_FROM_EMAIL, addresses)
            )
            current.add_subject(request.resident)
            sent += len(recipients)
        if not sent:
            raise _NothingDue
    return sent
