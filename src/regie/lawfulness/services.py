"""Every write of the lawfulness records. Each runs the engine on the scenario it records,
refuses what the decision does not allow, and stores the decision with the record; the
processing-log record names the engine's rule ids."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import CaseloadEntry, Resident, Role, User
from regie.lawfulness import activities, rules
from regie.lawfulness.models import (
    Consent,
    ConsentMethod,
    GivenBy,
    NoticeMethod,
    Objection,
    ObjectionOption,
    TransparencyNotice,
)
from regie.processing_log.gate import processing
from regie.vault.services import text_seal

# The processing log's name field holds 200 characters.
_NAME_LENGTH = 200


def log_name(verb: str, decision: dict[str, Any] | rules.Decision) -> str:
    """`consent.record [rule ids]`: what was done and on which of the engine's rules."""
    ids = decision.rules if isinstance(decision, rules.Decision) else decision.get("rules", [])
    name = f"{verb} [{' '.join(str(rule_id) for rule_id in ids)}]"
    return name if len(name) <= _NAME_LENGTH else name[: _NAME_LENGTH - 4] + " …]"


def _stored(scenario: rules.Scenario, decision: rules.Decision) -> dict[str, Any]:
    return {"scenario": scenario.as_json(), "decision": decision.as_json()}


def _text(value: str, field: str, *, required: bool = True) -> str:
    value = value.strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")})
    return value


@transaction.atomic
def consent_record(
    *,
    resident: Resident,
    scenario: rules.Scenario,
    data: str,
    given_by: GivenBy | str,
    method: ConsentMethod | str,
    given_at: datetime,
    valid_until: datetime,
    recorded_by: User,
    representative: str = "",
    reference: str = "",
) -> Consent:
    """Record specific consent for the exchange SCENARIO describes. Refused when the engine
    says that exchange needs no consent (consent is never the ground), is not allowed at all,
    or needs consent from someone else than GIVEN_BY."""
    decision = rules.decide(scenario)
    if decision.outcome == rules.Outcome.NOT_ALLOWED:
        raise ValidationError(
            {"scenario": _("This exchange is not allowed, so consent cannot make it lawful.")}
        )
    if scenario.objection:
        raise ValidationError(
            {"scenario": _("The resident objects or refuses: record the objection instead.")}
        )
    if decision.consent_from is None:
        raise ValidationError(
            {
                "scenario": _(
                    "This exchange needs no consent: it rests on a legal obligation or a public "
                    "task. Record a transparency notice instead."
                )
            }
        )
    if given_by != decision.consent_from.value:
        raise ValidationError(
            {
                "given_by": _("For this resident the consent must come from: %(whom)s.")
                % {"whom": GivenBy(decision.consent_from.value).label}
            }
        )
    if given_by == GivenBy.LEGAL_REPRESENTATIVE:
        representative = _text(representative, "representative")
    if method not in ConsentMethod.values:
        raise ValidationError({"method": _("Choose how the consent was given.")})
    if valid_until <= given_at:
        raise ValidationError({"valid_until": _("The end must be later than the moment given.")})
    if given_at > timezone.now():
        raise ValidationError({"given_at": _("Consent cannot be given in the future.")})
    data = _text(data, "data")
    consent_rules = [r for r in decision.findings if r.id.startswith(("consent.", "wmo.consent."))]
    with processing(
        activity=activities.CONSENT,
        actor=recorded_by,
        name=log_name("consent.record", decision),
        subjects=[resident],
    ):
        return Consent.objects.create(
            resident=resident,
            reference=reference.strip(),
            law=scenario.law.value,
            action=scenario.action.value,
            purpose=scenario.purpose.value,
            recipient=scenario.counterparty.value,
            data_sealed=text_seal(resident_id=resident.pk, text=data, context="consent.data"),
            legal_source="; ".join(dict.fromkeys(r.source for r in consent_rules)),
            given_by=given_by,
            representative_sealed=text_seal(
                resident_id=resident.pk, text=representative, context="consent.representative"
            )
            if representative
            else b"",
            method=method,
            given_at=given_at,
            valid_until=valid_until,
            recorded_by=recorded_by,
            **_stored(scenario, decision),
        )


@transaction.atomic
def consent_withdraw(
    *, consent: Consent, recorded_by: User, withdrawn_at: datetime | None = None
) -> Consent:
    """From WITHDRAWN_AT on, the consent no longer allows an exchange. What was exchanged
    before stays lawful: the record keeps when it was given and when it ended."""
    moment = withdrawn_at or timezone.now()
    with processing(
        activity=activities.CONSENT,
        actor=recorded_by,
        name=log_name("consent.withdraw", consent.decision),
        subjects_follow=True,
    ) as running:
        current = Consent.objects.select_for_update().get(pk=consent.pk)
        running.add_subject(current.resident)
        if current.withdrawn_at is not None:
            raise ValidationError({"withdrawn_at": _("This consent was already withdrawn.")})
        if moment < current.given_at:
            raise ValidationError(
                {"withdrawn_at": _("Consent cannot be withdrawn before it was given.")}
            )
        if moment > timezone.now():
            raise ValidationError({"withdrawn_at": _("A withdrawal cannot lie in the future.")})
        current.withdrawn_at = moment
        current.withdrawal_recorded_by = recorded_by
        current.save(update_fields=["withdrawn_at", "withdrawal_recorded_by"])
    return current


@transaction.atomic
def notice_record(
    *,
    resident: Resident,
    scenario: rules.Scenario,
    told: str,
    told_at: datetime,
    method: NoticeMethod | str,
    recorded_by: User,
    reference: str = "",
) -> TransparencyNotice:
    """Record what the resident was told about the purpose and necessity of the exchange
    SCENARIO describes, when and how."""
    decision = rules.decide(scenario)
    told = _text(told, "told")
    if method not in NoticeMethod.values:
        raise ValidationError({"method": _("Choose how the resident was told.")})
    if told_at > timezone.now():
        raise ValidationError({"told_at": _("This moment lies in the future.")})
    with processing(
        activity=activities.TRANSPARENCY,
        actor=recorded_by,
        name=log_name("notice.record", decision),
        subjects=[resident],
    ):
        return TransparencyNotice.objects.create(
            resident=resident,
            reference=reference.strip(),
            told_sealed=text_seal(resident_id=resident.pk, text=told, context="notice.told"),
            told_at=told_at,
            method=method,
            recorded_by=recorded_by,
            **_stored(scenario, decision),
        )


@transaction.atomic
def objection_record(
    *,
    resident: Resident,
    scenario: rules.Scenario,
    objection: str,
    raised_at: datetime,
    option: ObjectionOption | str,
    recorded_by: User,
    importance_explained: bool = False,
    colleague_consulted: bool = False,
    consulted_on_anonymised_data: bool = False,
    considerations: str = "",
    resident_informed: bool = False,
    reference: str = "",
) -> Objection:
    """Record an objection (or refused consent) and the option chosen among those the engine
    offers. Involuntary service needs all three safeguards; it waits for a team leader's
    second signature (`objection_countersign`) before it is in effect."""
    if not scenario.objection:
        raise ValidationError(
            {"scenario": _("The scenario must say that the resident objects or refuses.")}
        )
    decision = rules.decide(scenario)
    if decision.outcome != rules.Outcome.OBJECTION_REVIEW:
        raise ValidationError(
            {"scenario": _("This exchange is not allowed anyway; there is nothing to weigh.")}
        )
    if option not in [o.value for o in decision.objection_options]:
        raise ValidationError(
            {
                "option": _(
                    "Involuntary service is only possible when health or safety is at stake."
                )
                if option == ObjectionOption.INVOLUNTARY
                else _("Choose one of the options offered.")
            }
        )
    objection = _text(objection, "objection")
    considerations = _text(
        considerations, "considerations", required=option == ObjectionOption.INVOLUNTARY
    )
    if option == ObjectionOption.INVOLUNTARY:
        missing = {
            field: message
            for field, given, message in [
                (
                    "importance_explained",
                    importance_explained,
                    _("First make sure the resident was told why the service matters."),
                ),
                (
                    "colleague_consulted",
                    colleague_consulted,
                    _("First consult a colleague or expert (on anonymised data if you can)."),
                ),
                (
                    "resident_informed",
                    resident_informed,
                    _("Inform the resident of the decision and of their rights."),
                ),
            ]
            if not given
        }
        if missing:
            raise ValidationError(missing)
    if raised_at > timezone.now():
        raise ValidationError({"raised_at": _("This moment lies in the future.")})
    with processing(
        activity=activities.OBJECTION,
        actor=recorded_by,
        name=log_name("objection.record", decision),
        subjects=[resident],
    ):
        return Objection.objects.create(
            resident=resident,
            reference=reference.strip(),
            objection_sealed=text_seal(
                resident_id=resident.pk, text=objection, context="objection.objection"
            ),
            raised_at=raised_at,
            option=option,
            importance_explained=importance_explained,
            colleague_consulted=colleague_consulted,
            consulted_on_anonymised_data=consulted_on_anonymised_data,
            considerations_sealed=text_seal(
                resident_id=resident.pk, text=considerations, context="objection.considerations"
            )
            if considerations
            else b"",
            resident_informed=resident_informed,
            recorded_by=recorded_by,
            **_stored(scenario, decision),
        )


def _leads_team_of(user: User, resident: Resident) -> bool:
    return (
        user.team_id is not None
        and CaseloadEntry.objects.filter(
            resident=resident, consulent__team_id=user.team_id
        ).exists()
    )


@transaction.atomic
def objection_countersign(*, objection: Objection, teamleider: User) -> Objection:
    """The second signature on involuntary service: a team leader of the resident's team,
    not the professional who recorded it."""
    with processing(
        activity=activities.OBJECTION,
        actor=teamleider,
        name=log_name("objection.countersign", objection.decision),
        subjects_follow=True,
    ) as running:
        current = Objection.objects.select_for_update().get(pk=objection.pk)
        running.add_subject(current.resident)
        if current.option != ObjectionOption.INVOLUNTARY:
            raise ValidationError(
                {"option": _("Only involuntary service needs a second signature.")}
            )
        if current.countersigned_at is not None:
            raise ValidationError({"teamleider": _("This decision was already countersigned.")})
        if teamleider.role != Role.TEAMLEIDER or not teamleider.is_active:
            raise ValidationError({"teamleider": _("Only a team leader can countersign.")})
        if teamleider.pk == current.recorded_by_id:
            raise ValidationError(
                {"teamleider": _("The second signature must come from someone else.")}
            )
        if not _leads_team_of(teamleider, current.resident):
            raise ValidationError(
                {"teamleider": _("Only a team leader of the resident's team can countersign.")}
            )
        current.countersigned_by = teamleider
        current.countersigned_at = timezone.now()
        current.save(update_fields=["countersigned_by", "countersigned_at"])
    return current
