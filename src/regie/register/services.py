"""Every write to the register. An activity is never edited: each change is a new version,
so the processing log keeps pointing at the text that was in force."""

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from regie.accounts.models import Role, User
from regie.register.models import (
    AgreementReminder,
    AgreementStatus,
    ProcessingActivity,
    ProcessingActivityVersion,
    Processor,
    ProcessorAgreement,
    WorkProcess,
    WorkProcessStep,
)
from regie.register.rules import Ground
from regie.register.selectors import agreements_needing_attention

# The content of a version a person enters; `legal_basis` follows from the ground.
ACTIVITY_FIELDS = (
    "name",
    "purpose",
    "lawful_ground",
    "legal_source",
    "special_categories",
    "special_category_exception",
    "data_subject_categories",
    "personal_data_categories",
    "recipients",
    "third_country_transfers",
    "retention",
    "security_measures",
    "dpia_status",
    "owner",
    "plain_explanation",
)


class NothingChanged(ValueError):
    """A revision that would repeat the version in force."""


def _version(
    *,
    activity: ProcessingActivity,
    content: Mapping[str, object],
    number: int,
    by: User | None,
    change_note: str,
) -> ProcessingActivityVersion:
    """An unsaved, validated version; raises ValidationError naming the fields."""
    values = {name: content.get(name, "") for name in ACTIVITY_FIELDS}
    values = {
        name: value.strip() if isinstance(value, str) else value for name, value in values.items()
    }
    if not values["dpia_status"]:
        values.pop("dpia_status")
    version = ProcessingActivityVersion(
        activity=activity, number=number, changed_by=by, change_note=change_note, **values
    )
    ground = version.lawful_ground
    version.legal_basis = Ground(ground).citation if ground in Ground else ""
    version.full_clean(exclude=["activity", "legal_basis"], validate_unique=False)
    return version


def _same_content(old: ProcessingActivityVersion, new: ProcessingActivityVersion) -> bool:
    # An older version may only cite its ground in the free-text basis.
    return old.ground == new.ground and all(
        getattr(old, name) == getattr(new, name)
        for name in ACTIVITY_FIELDS
        if name != "lawful_ground"
    )


@transaction.atomic
def activity_create(
    *, slug: str, content: Mapping[str, object], by: User | None
) -> ProcessingActivity:
    """A new activity with its version 1. Raises ValidationError (on `slug` or a content
    field) and then writes nothing."""
    try:
        validate_slug(slug)
    except ValidationError as error:
        raise ValidationError({"slug": error.messages}) from None
    if ProcessingActivity.objects.filter(slug=slug).exists():
        raise ValidationError(
            {"slug": _("The register already has an activity with this identifier.")}
        )
    activity = ProcessingActivity(slug=slug)
    version = _version(activity=activity, content=content, number=1, by=by, change_note="")
    activity.save()
    version.activity = activity
    version.save()
    return activity


@transaction.atomic
def activity_revise(
    *,
    activity: ProcessingActivity,
    content: Mapping[str, object],
    change_note: str,
    by: User | None,
) -> ProcessingActivityVersion:
    """The next version of ACTIVITY, in force from now. Raises ValidationError for bad content
    and NothingChanged when it would repeat the version in force."""
    activity = ProcessingActivity.objects.select_for_update().get(pk=activity.pk)
    current = activity.current_version()
    version = _version(
        activity=activity,
        content=content,
        number=current.number + 1,
        by=by,
        change_note=change_note.strip(),
    )
    if _same_content(current, version):
        raise NothingChanged(activity.uri)
    version.save()
    return version


@dataclass
class ImportProblem:
    row: int  # as a spreadsheet counts: the header is row 1
    column: str
    message: str


class ImportRefused(ValueError):
    def __init__(self, problems: list[ImportProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    revised: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


CSV_COLUMNS = ("slug", *ACTIVITY_FIELDS)
# Columns the export adds for information; an import ignores them.
INFORMATIVE_COLUMNS = ("uri", "version", "valid_from", "legal_basis")


def _problems(row: int, error: ValidationError) -> Iterable[ImportProblem]:
    for column, messages in error.message_dict.items():
        for message in messages:
            yield ImportProblem(row, column, message)


@transaction.atomic
def register_import(*, text: str, by: User | None) -> ImportResult:
    """Create or revise activities from CSV in the export's columns (`CSV_COLUMNS`). Every
    row is checked first; one problem anywhere and nothing is written (ImportRefused lists
    each row and column)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = reader.fieldnames or []
    missing = [column for column in CSV_COLUMNS if column not in header]
    unknown = [c for c in header if c not in CSV_COLUMNS and c not in INFORMATIVE_COLUMNS]
    if missing or unknown:
        raise ImportRefused(
            [ImportProblem(1, c, _("This column is missing.")) for c in missing]
            + [ImportProblem(1, c, _("This column is unknown.")) for c in unknown]
        )
    problems: list[ImportProblem] = []
    seen: set[str] = set()
    planned: list[tuple[str, dict[str, str]]] = []
    for row_number, row in enumerate(reader, start=2):
        if None in row or any(value is None for value in row.values()):
            problems.append(
                ImportProblem(
                    row_number, "", _("This row does not have the header's number of columns.")
                )
            )
            continue
        slug = row["slug"].strip()
        if slug in seen:
            problems.append(ImportProblem(row_number, "slug", _("This identifier occurs twice.")))
            continue
        seen.add(slug)
        try:
            validate_slug(slug)
            existing = ProcessingActivity.objects.filter(slug=slug).first()
            _version(
                activity=existing or ProcessingActivity(slug=slug),
                content=row,
                number=1,
                by=by,
                change_note="",
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                error = ValidationError({"slug": error.messages})
            problems.extend(_problems(row_number, error))
            continue
        planned.append((slug, row))
    if problems:
        raise ImportRefused(problems)
    result = ImportResult()
    for slug, row in planned:
        existing = ProcessingActivity.objects.filter(slug=slug).first()
        if existing is None:
            activity_create(slug=slug, content=row, by=by)
            result.created.append(slug)
            continue
        try:
            activity_revise(
                activity=existing, content=row, change_note=_("Imported from CSV"), by=by
            )
            result.revised.append(slug)
        except NothingChanged:
            result.unchanged.append(slug)
    return result


@transaction.atomic
def work_process_create(*, name: str, description: str) -> WorkProcess:
    process = WorkProcess(name=name.strip(), description=description.strip())
    process.full_clean()
    process.save()
    return process


@transaction.atomic
def work_process_update(*, process: WorkProcess, name: str, description: str) -> WorkProcess:
    process.name, process.description = name.strip(), description.strip()
    process.full_clean()
    process.save()
    return process


@transaction.atomic
def step_add(
    *,
    process: WorkProcess,
    name: str,
    data_registered: str,
    activity: ProcessingActivity | None,
    needs_consent: bool = False,
    consent_note: str = "",
) -> WorkProcessStep:
    """Add a step at the end of PROCESS."""
    WorkProcess.objects.select_for_update().filter(pk=process.pk).first()
    last = process.steps.aggregate(last=Max("position"))["last"] or 0
    step = WorkProcessStep(
        process=process,
        position=last + 1,
        name=name.strip(),
        data_registered=data_registered.strip(),
        activity=activity,
        needs_consent=needs_consent,
        consent_note=consent_note.strip(),
    )
    step.full_clean()
    step.save()
    return step


@transaction.atomic
def step_update(
    *,
    step: WorkProcessStep,
    name: str,
    data_registered: str,
    activity: ProcessingActivity | None,
    needs_consent: bool,
    consent_note: str,
) -> WorkProcessStep:
    step.name, step.data_registered = name.strip(), data_registered.strip()
    step.activity, step.needs_consent, step.consent_note = activity, needs_consent, consent_note
    step.full_clean()
    step.save()
    return step


@transaction.atomic
def step_remove(*, step: WorkProcessStep) -> None:
    """Remove a step; the steps after it move up one place."""
    process = step.process
    step.delete()
    for position, remaining in enumerate(process.steps.order_by("position", "id"), start=1):
        if remaining.position != position:
            remaining.position = position
            remaining.save(update_fields=["position"])


@transaction.atomic
def processor_create(
    *,
    name: str,
    kind: str,
    sub_processors: str = "",
    activities: Iterable[ProcessingActivity] = (),
) -> Processor:
    processor = Processor(name=name.strip(), kind=kind, sub_processors=sub_processors.strip())
    processor.full_clean()
    processor.save()
    processor.activities.set(list(activities))
    return processor


@transaction.atomic
def processor_update(
    *,
    processor: Processor,
    name: str,
    kind: str,
    sub_processors: str,
    activities: Iterable[ProcessingActivity],
) -> Processor:
    processor.name, processor.kind = name.strip(), kind
    processor.sub_processors = sub_processors.strip()
    processor.full_clean()
    processor.save()
    processor.activities.set(list(activities))
    return processor


@transaction.atomic
def agreement_save(
    *,
    processor: Processor,
    agreement: ProcessorAgreement | None = None,
    status: str,
    model_version: str = "",
    signed_on: date | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    note: str = "",
) -> ProcessorAgreement:
    """Record a new agreement with PROCESSOR, or its progress (sent, signed, …). Raises
    ValidationError on the field (an end before the start, signed without a date)."""
    agreement = agreement or ProcessorAgreement(processor=processor)
    agreement.status, agreement.model_version = status, model_version.strip()
    agreement.signed_on, agreement.starts_on, agreement.ends_on = signed_on, starts_on, ends_on
    agreement.note = note.strip()
    agreement.full_clean()
    agreement.save()
    return agreement


@transaction.atomic
def agreements_expire(*, today: date) -> int:
    """Mark signed agreements whose end has passed as expired; returns how many."""
    return ProcessorAgreement.objects.filter(
        status=AgreementStatus.SIGNED, ends_on__lt=today
    ).update(status=AgreementStatus.EXPIRED)


def _privacy_officers() -> list[User]:
    return list(User.objects.filter(role=Role.PRIVACY_OFFICER, is_active=True).exclude(email=""))


@transaction.atomic
def agreement_reminders_send(*, today: date) -> int:
    """Tell every privacy officer, once per processor, kind and deadline, about agreements
    that end soon, have ended or are missing. The mail names no one: it says how many
    agreements need attention and links to the dashboard. Returns the number of mails."""
    agreements_expire(today=today)
    attention = agreements_needing_attention(today=today)
    link = settings.REGIE_BASE_URL.rstrip("/") + reverse("register:dashboard")
    sent = 0
    for officer in _privacy_officers():
        new = 0
        for item in attention:
            _reminder, created = AgreementReminder.objects.get_or_create(
                processor=item.processor,
                kind=item.kind,
                deadline=item.deadline,
                recipient=officer,
            )
            new += created
        if not new:
            continue
        with override(settings.LANGUAGE_CODE):
            subject = _("Regie: processor agreements need your attention")
            body = _(
                "%(count)d processor agreement(s) end soon, have ended or are missing.\n\n"
                "See the privacy dashboard in Regie: %(link)s\n"
            ) % {"count": new, "link": link}
        mail.send_mail(subject, body, None, [officer.email])
        sent += 1
    return sent
