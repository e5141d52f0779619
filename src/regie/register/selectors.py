"""Reads of the register. The register holds no resident's data, so no processing is logged.

Other apps ask `processor_may_receive` whether a care partner may be given personal data."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from regie.register.models import (
    URI_PREFIX,
    AgreementStatus,
    ProcessingActivity,
    ProcessingActivityVersion,
    Processor,
    ProcessorAgreement,
    ReminderKind,
    WorkProcess,
    WorkProcessStep,
)

# An agreement that ends within this time shows on the dashboard and is reminded of.
EXPIRY_WARNING = timedelta(days=90)


class UnknownActivity(LookupError):
    """The processing activity id is malformed or not in the register."""


def activity_version_in_force(uri: str) -> ProcessingActivityVersion:
    """The version of the activity with this LDV id that is in force now."""
    if not isinstance(uri, str) or not uri.startswith(URI_PREFIX) or len(uri) == len(URI_PREFIX):
        raise UnknownActivity(f"processing activity id {uri!r} is not of the form {URI_PREFIX}…")
    activity = ProcessingActivity.objects.filter(slug=uri[len(URI_PREFIX) :]).first()
    version = activity.current_version() if activity else None
    if version is None:
        raise UnknownActivity(f"processing activity {uri!r} is not in the register")
    return version


def versions_in_force() -> QuerySet[ProcessingActivityVersion]:
    """The version in force of every activity, by name: the register as it stands."""
    newer = ProcessingActivityVersion.objects.filter(
        activity=OuterRef("activity"), number__gt=OuterRef("number")
    )
    return (
        ProcessingActivityVersion.objects.filter(~Exists(newer))
        .select_related("activity", "changed_by")
        .order_by("name", "activity__slug")
    )


def activity_versions(activity: ProcessingActivity) -> QuerySet[ProcessingActivityVersion]:
    """Every version of ACTIVITY, newest first."""
    return activity.versions.select_related("changed_by").order_by("-number")


def work_processes() -> QuerySet[WorkProcess]:
    return WorkProcess.objects.all()


@dataclass(frozen=True)
class StepView:
    step: WorkProcessStep
    version: ProcessingActivityVersion | None

    @property
    def is_gap(self) -> bool:
        return self.version is None


def process_steps(process: WorkProcess) -> list[StepView]:
    """The steps of PROCESS with the version in force of the activity each rests on; a step
    without one is a gap in the register."""
    in_force = {version.activity_id: version for version in versions_in_force()}
    return [
        StepView(step, in_force.get(step.activity_id) if step.activity_id else None)
        for step in process.steps.select_related("activity")
    ]


def processors() -> QuerySet[Processor]:
    return Processor.objects.prefetch_related("agreements", "activities")


def _agreement_in_force(day: date) -> Q:
    return (
        Q(status=AgreementStatus.SIGNED)
        & (Q(starts_on__isnull=True) | Q(starts_on__lte=day))
        & (Q(ends_on__isnull=True) | Q(ends_on__gte=day))
    )


def processor_may_receive(processor: Processor | str, *, on: date | None = None) -> bool:
    """May personal data be given to this processor (a `Processor` or its organisation name)?
    Only while a signed processor agreement is in force: signed, started and not ended. An
    unknown organisation may receive nothing."""
    day = on or timezone.localdate()
    agreements = ProcessorAgreement.objects.filter(_agreement_in_force(day))
    if isinstance(processor, Processor):
        return agreements.filter(processor=processor).exists()
    return agreements.filter(processor__name__iexact=processor.strip()).exists()


@dataclass(frozen=True)
class Attention:
    """Something about a processor's agreements the privacy officer must act on."""

    processor: Processor
    kind: ReminderKind
    deadline: date  # the end date, or for a missing agreement the day the processor was added


def agreements_needing_attention(*, today: date | None = None) -> list[Attention]:
    """Processors whose agreement ends within EXPIRY_WARNING, has ended, or was never
    signed (an agreement signed but not yet started does not cover today), most urgent
    first."""
    day = today or timezone.localdate()
    found = []
    for processor in Processor.objects.prefetch_related("agreements"):
        signed = [
            agreement
            for agreement in processor.agreements.all()
            if agreement.status in {AgreementStatus.SIGNED, AgreementStatus.EXPIRED}
        ]
        covering = [a for a in signed if a.status == AgreementStatus.SIGNED and a.in_force_on(day)]
        later = [
            a
            for a in signed
            if a.status == AgreementStatus.SIGNED and a.starts_on and a.starts_on > day
        ]
        if covering:
            ends = [a.ends_on for a in covering + later]
            if None in ends:
                continue
            last_day = max(end for end in ends if end is not None)
            if last_day - day <= EXPIRY_WARNING:
                found.append(Attention(processor, ReminderKind.EXPIRING, last_day))
            continue
        ended = [a.ends_on for a in signed if a.ends_on and a.ends_on < day]
        if ended:
            found.append(Attention(processor, ReminderKind.EXPIRED, max(ended)))
        else:
            found.append(
                Attention(processor, ReminderKind.MISSING, timezone.localdate(processor.created_at))
            )
    return sorted(found, key=lambda item: (item.deadline, item.processor.name))
