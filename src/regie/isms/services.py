"""Every write of the ISMS. Each function is one transaction; bad input raises
ValidationError naming the field (or LibraryError naming the node) and writes nothing."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import PurePath
from typing import Any, BinaryIO

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from regie.accounts.access import Action, may
from regie.accounts.models import Kind, User
from regie.isms import library as lib
from regie.isms.models import (
    Assessment,
    AssessmentResult,
    Budget,
    Campaign,
    CampaignReminder,
    Completion,
    EvidenceAction,
    EvidenceEvent,
    EvidenceFile,
    Framework,
    Measure,
    Policy,
    RaciAssignment,
    RequirementNode,
    Result,
    Risk,
    RiskRevision,
    Snapshot,
)
from regie.isms.riskmatrix import Matrix
from regie.vault import scan, uploads
from regie.vault.services import (
    file_check,
    organisation_file_delete,
    organisation_file_open,
    organisation_file_store,
    refusal_text,
)

POLICY_REMINDER_DAYS = 30


def risk_matrix() -> Matrix:
    return Matrix(**getattr(settings, "REGIE_RISK_MATRIX", {}))


# Frameworks ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportSummary:
    framework: Framework
    created: bool
    nodes: int
    assessable: int
    added: int
    changed: int
    removed: int

    def line(self) -> str:
        return (
            f"{self.framework.name} ({self.framework.urn}) version "
            f"{self.framework.library_version}: {self.nodes} nodes, {self.assessable} "
            f"assessable; {self.added} added, {self.changed} changed, {self.removed} removed."
        )


def _part_key(node: lib.NodeData, by_urn: dict[str, lib.NodeData], parents: set[str]) -> str:
    root = node
    while root.parent_urn:
        root = by_urn[root.parent_urn]
    if root.urn in parents:
        return root.urn
    # A flat library (BIO2): the parts are the groups of the ref_id, "5.01.01" in "5".
    return "group:" + (root.ref_id.split(".")[0] if root.ref_id else root.urn)


_NODE_FIELDS = ("ref_id", "depth", "assessable", "name", "description", "translations")


@transaction.atomic
def framework_import(*, text: str | bytes) -> ImportSummary:
    """Import a library, or update it to a newer version: nodes are matched by urn, so
    results recorded against a surviving urn stay; vanished nodes go with their results."""
    data = lib.parse_library(text)
    framework = Framework.objects.select_for_update().filter(urn=data.framework_urn).first()
    created = framework is None
    if framework is not None and data.version < framework.library_version:
        raise lib.LibraryError("older_version", data.urn, str(framework.library_version))
    framework = framework or Framework(urn=data.framework_urn)
    framework.library_urn = data.urn
    framework.library_version = data.version
    framework.provider = data.provider
    framework.ref_id = data.ref_id
    framework.name = data.name
    framework.description = data.description
    framework.translations = data.translations
    framework.min_score, framework.max_score = data.min_score, data.max_score
    framework.save()

    by_urn = {node.urn: node for node in data.nodes}
    parents = {node.parent_urn for node in data.nodes if node.parent_urn}
    existing = {node.urn: node for node in framework.nodes.all()}
    added = 0
    changed: set[str] = set()
    stored: dict[str, RequirementNode] = {}
    for order, node in enumerate(data.nodes):
        row = existing.get(node.urn)
        values: dict[str, Any] = {key: getattr(node, key) for key in _NODE_FIELDS}
        values["part_key"] = _part_key(node, by_urn, parents)
        if row is None:
            row = RequirementNode.objects.create(
                framework=framework, urn=node.urn, order=order, **values
            )
            added += 1
        elif row.order != order or any(getattr(row, k) != v for k, v in values.items()):
            # A node that only moved up because another vanished is not a changed node.
            if any(getattr(row, key) != value for key, value in values.items()):
                changed.add(node.urn)
            for key, value in values.items():
                setattr(row, key, value)
            row.order = order
            row.save()
        stored[node.urn] = row
    removed_urns = existing.keys() - by_urn.keys()
    _keep_evidence(framework, removed_urns)
    RequirementNode.objects.filter(framework=framework, urn__in=removed_urns).delete()
    for node in data.nodes:
        row = stored[node.urn]
        parent = stored[node.parent_urn] if node.parent_urn else None
        part = stored.get(row.part_key)
        if row.parent_id != (parent and parent.pk) or row.part_id != (part and part.pk):
            row.parent, row.part = parent, part
            row.save(update_fields=["parent", "part"])
            if node.urn in existing:
                changed.add(node.urn)
    _align_results(framework)
    return ImportSummary(
        framework=framework,
        created=created,
        nodes=len(data.nodes),
        assessable=data.assessable_count,
        added=added,
        changed=len(changed),
        removed=len(removed_urns),
    )


def _keep_evidence(framework: Framework, removed_urns: Iterable[str]) -> None:
    """Refuse an update that would drop a requirement, or make it no longer assessable, while
    evidence files are kept for it: audit evidence is deleted on purpose, not by an import."""
    held = (
        EvidenceFile.objects.filter(result__node__framework=framework)
        .filter(Q(result__node__urn__in=list(removed_urns)) | Q(result__node__assessable=False))
        .select_related("result__node")
        .first()
    )
    if held is not None:
        raise lib.LibraryError("evidence", held.result.node.urn)


def _align_results(framework: Framework) -> None:
    """Every assessment of the framework has one result per assessable node."""
    assessable = list(framework.nodes.filter(assessable=True))
    AssessmentResult.objects.filter(
        assessment__framework=framework, node__assessable=False
    ).delete()
    for assessment in framework.assessments.all():
        have = set(assessment.results.values_list("node_id", flat=True))
        AssessmentResult.objects.bulk_create(
            AssessmentResult(assessment=assessment, node=node)
            for node in assessable
            if node.pk not in have
        )


# Gap analysis -------------------------------------------------------------------------


@transaction.atomic
def assessment_create(
    *, framework: Framework, title: str, assessed_on: date, department: str, created_by: User
) -> Assessment:
    assessment = Assessment.objects.create(
        framework=framework,
        title=title.strip(),
        assessed_on=assessed_on,
        department=department.strip(),
        created_by=created_by,
    )
    _align_results(framework)
    return assessment


@transaction.atomic
def assessment_result_record(
    *,
    result: AssessmentResult,
    outcome: str,
    maturity: int | None,
    notes: str = "",
    evidence: str = "",
) -> AssessmentResult:
    framework = result.assessment.framework
    errors = {}
    if outcome not in Result.values:
        errors["result"] = _("Choose one of the results.")
    if maturity is not None and not framework.min_score <= maturity <= framework.max_score:
        errors["maturity"] = _("Give a score from %(low)d to %(high)d.") % {
            "low": framework.min_score,
            "high": framework.max_score,
        }
    if errors:
        raise ValidationError(errors)
    result.result = outcome
    result.maturity = maturity
    result.notes = notes.strip()
    result.evidence = evidence.strip()
    result.save()
    return result


# Evidence files -------------------------------------------------------------------------

EVIDENCE_NAME_MAX = 200
EVIDENCE_DESCRIPTION_MAX = 300


def _evidence_name(filename: str) -> str:
    """The name the file is shown and downloaded under: the last part of what the browser
    sent, printable characters only, its extension kept when it has to be shortened. It is
    never used as a path: the vault chooses where the body goes."""
    name = PurePath(filename.replace("\\", "/")).name
    name = "".join(char for char in name if char.isprintable() and char not in '"').strip()
    if len(name) > EVIDENCE_NAME_MAX:
        suffix = PurePath(name).suffix[:11]
        name = name[: EVIDENCE_NAME_MAX - len(suffix)] + suffix
    return name


def _trail(*, action: EvidenceAction, actor: User | None, evidence: EvidenceFile) -> None:
    result = evidence.result
    EvidenceEvent.objects.create(
        action=action,
        actor_public_id=actor.public_id if actor else None,
        actor_name=(actor.get_full_name() or actor.username) if actor else "",
        assessment_public_id=result.assessment.public_id,
        node_public_id=result.node.public_id,
        evidence_public_id=evidence.public_id,
        file_name=evidence.name,
        sha256=evidence.file.sha256,
    )


def _require(actor: User, action: Action) -> None:
    if not may(actor, action, in_service=True):
        raise PermissionDenied


@transaction.atomic
def evidence_add(
    *,
    result: AssessmentResult,
    upload: BinaryIO,
    filename: str,
    description: str,
    actor: User,
) -> EvidenceFile:
    """Keep UPLOAD as evidence for RESULT: checked against the allow-list, stripped of its
    metadata, scanned, and encrypted under an organisation key; recorded in the trail. A
    refusal is a ValidationError on "file" or "description" and stores nothing."""
    _require(actor, Action.ISMS_MANAGE)
    description = description.strip()
    errors: dict[str, str] = {}
    if not description:
        errors["description"] = _("Say briefly what this file shows.")
    elif len(description) > EVIDENCE_DESCRIPTION_MAX:
        errors["description"] = _("Keep the description to %(max)d characters.") % {
            "max": EVIDENCE_DESCRIPTION_MAX
        }
    name = _evidence_name(filename)
    try:
        checked = file_check(source=upload, filename=name)
    except (uploads.UploadRefused, scan.ScanRefused) as refusal:
        errors["file"] = refusal_text(refusal)
    if errors:
        raise ValidationError(errors)
    stored = organisation_file_store(
        source=checked.clean,
        content_type=checked.kind.content_type,
        extension=checked.kind.extension,
    )
    evidence = EvidenceFile.objects.create(
        result=result, file=stored, name=name, description=description, uploaded_by=actor
    )
    _trail(action=EvidenceAction.UPLOADED, actor=actor, evidence=evidence)
    return evidence


@transaction.atomic
def evidence_open(*, evidence: EvidenceFile, actor: User) -> Iterator[bytes]:
    """The plaintext of EVIDENCE for ACTOR to download; the download is in the trail."""
    _require(actor, Action.ISMS_VIEW)
    _trail(action=EvidenceAction.DOWNLOADED, actor=actor, evidence=evidence)
    return organisation_file_open(evidence.file)


@transaction.atomic
def evidence_delete(*, evidence: EvidenceFile, actor: User | None) -> None:
    """Delete EVIDENCE and its encrypted body (once the transaction commits); the deletion
    stays in the trail. ACTOR None is Regie itself (removing the demo)."""
    if actor is not None:
        _require(actor, Action.ISMS_MANAGE)
    _trail(action=EvidenceAction.DELETED, actor=actor, evidence=evidence)
    item = evidence.file
    evidence.delete()
    organisation_file_delete(item=item)


# Implementation plan ------------------------------------------------------------------


def _check_dates(errors: dict[str, str], pairs: Iterable[tuple[str, Any, Any]]) -> None:
    for field, first, second in pairs:
        if first and second and second < first:
            errors[field] = _("This date lies before the date it follows.")


def _check_measure(fields: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    for name in ("incidental_cost", "structural_cost"):
        if fields.get(name) is not None and fields[name] < 0:
            errors[name] = _("A cost cannot be negative.")
    _check_dates(
        errors,
        [
            ("planned_end", fields.get("planned_start"), fields.get("planned_end")),
            ("actual_end", fields.get("planned_start"), fields.get("actual_end")),
        ],
    )
    year = fields.get("budget_year")
    if year is not None and not 2000 <= year <= 2100:
        errors["budget_year"] = _("Give a year between 2000 and 2100.")
    if errors:
        raise ValidationError(errors)


_MEASURE_FIELDS = (
    "title",
    "description",
    "owner",
    "priority",
    "status",
    "planned_start",
    "planned_end",
    "actual_end",
    "incidental_cost",
    "structural_cost",
    "budget_year",
)


@transaction.atomic
def measure_save(
    *,
    measure: Measure | None = None,
    nodes: Iterable[RequirementNode] = (),
    risks: Iterable[Risk] = (),
    **fields: Any,
) -> Measure:
    """Create a measure (measure=None) or change one."""
    unknown = fields.keys() - set(_MEASURE_FIELDS)
    if unknown:
        raise TypeError(f"unknown measure fields: {sorted(unknown)}")
    _check_measure(fields)
    measure = measure or Measure()
    for key, value in fields.items():
        setattr(measure, key, value)
    measure.save()
    measure.nodes.set(nodes)
    measure.risks.set(risks)
    return measure


@transaction.atomic
def raci_set(*, measure: Measure, party: str, role: str) -> None:
    """Give PARTY the RACI role on the measure; an empty role removes the party."""
    party = party.strip()
    if not party:
        raise ValidationError({"party": _("Name the role or team.")})
    if role:
        RaciAssignment.objects.update_or_create(
            measure=measure, party=party, defaults={"role": role}
        )
    else:
        RaciAssignment.objects.filter(measure=measure, party=party).delete()


@transaction.atomic
def budget_set(*, year: int, amount: Decimal) -> Budget:
    errors = {}
    if amount < 0:
        errors["amount"] = _("A budget cannot be negative.")
    if not 2000 <= year <= 2100:
        errors["year"] = _("Give a year between 2000 and 2100.")
    if errors:
        raise ValidationError(errors)
    budget, _created = Budget.objects.update_or_create(year=year, defaults={"amount": amount})
    return budget


# Risks --------------------------------------------------------------------------------

_RISK_SCORES = ("likelihood", "impact", "residual_likelihood", "residual_impact")
_RISK_FIELDS = (*_RISK_SCORES, "title", "description", "owner", "treatment_short",
                "treatment_long", "closed")  # fmt: skip


@transaction.atomic
def risk_save(*, risk: Risk | None = None, **fields: Any) -> Risk:
    """Create or change a risk; every save records a revision, so its movement shows."""
    unknown = fields.keys() - set(_RISK_FIELDS)
    if unknown:
        raise TypeError(f"unknown risk fields: {sorted(unknown)}")
    matrix = risk_matrix()
    errors = {
        name: _("Give a value from 1 to %(size)d.") % {"size": matrix.size}
        for name in _RISK_SCORES
        if name in fields and not matrix.contains(fields[name])
    }
    if errors:
        raise ValidationError(errors)
    risk = risk or Risk()
    for key, value in fields.items():
        setattr(risk, key, value)
    risk.save()
    RiskRevision.objects.create(
        risk=risk, closed=risk.closed, **{name: getattr(risk, name) for name in _RISK_SCORES}
    )
    return risk


# Policies -----------------------------------------------------------------------------


@transaction.atomic
def policy_save(*, policy: Policy | None = None, **fields: Any) -> Policy:
    errors: dict[str, str] = {}
    _check_dates(errors, [("review_on", fields.get("adopted_on"), fields.get("review_on"))])
    if errors:
        raise ValidationError(errors)
    policy = policy or Policy()
    if policy.review_on != fields.get("review_on"):
        policy.reminded_for = None
    for key, value in fields.items():
        setattr(policy, key, value)
    policy.save()
    return policy


def _mail(user: User, subject: str, path: str) -> None:
    if not user.email:
        return
    body = _("There is something for you in Regie. Log in and go to %(path)s.") % {"path": path}
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def policy_reminders_send(*, today: date) -> int:
    """Remind each policy's owner once per review date, from a month before it."""
    due = Policy.objects.select_for_update().filter(
        review_on__lte=today + timedelta(days=POLICY_REMINDER_DAYS), owner__isnull=False
    )
    sent = 0
    for policy in due:
        if policy.reminded_for == policy.review_on:
            continue
        assert policy.owner is not None
        _mail(policy.owner, _("A policy is due for review"), reverse("isms:policies"))
        policy.reminded_for = policy.review_on
        policy.save(update_fields=["reminded_for"])
        sent += 1
    return sent


# Awareness ----------------------------------------------------------------------------


@transaction.atomic
def campaign_save(*, campaign: Campaign | None = None, **fields: Any) -> Campaign:
    errors: dict[str, str] = {}
    _check_dates(errors, [("ends_on", fields.get("starts_on"), fields.get("ends_on"))])
    if errors:
        raise ValidationError(errors)
    campaign = campaign or Campaign()
    for key, value in fields.items():
        setattr(campaign, key, value)
    campaign.save()
    return campaign


@transaction.atomic
def completions_record(*, campaign: Campaign, users: Iterable[User], completed_on: date) -> int:
    """Record that these staff members completed the campaign; returns how many were new."""
    if completed_on < campaign.starts_on:
        raise ValidationError({"completed_on": _("The campaign had not started on this date.")})
    new = 0
    for user in users:
        _completion, created = Completion.objects.get_or_create(
            campaign=campaign, user=user, defaults={"completed_on": completed_on}
        )
        new += created
    return new


@transaction.atomic
def campaign_reminders_send(*, today: date) -> int:
    """Remind staff who have not completed a running campaign; once per campaign."""
    sent = 0
    running = Campaign.objects.filter(starts_on__lte=today, ends_on__gte=today)
    for campaign in running:
        done = set(campaign.completions.values_list("user_id", flat=True))
        done |= set(campaign.reminders.values_list("user_id", flat=True))
        staff = User.objects.filter(kind=Kind.STAFF, is_active=True).exclude(pk__in=done)
        for user in staff:
            CampaignReminder.objects.create(campaign=campaign, user=user)
            _mail(user, _("An awareness training is waiting for you"), reverse("accounts:home"))
            sent += 1
    return sent


# Snapshots ----------------------------------------------------------------------------


@transaction.atomic
def snapshot_take(*, on: date) -> Snapshot:
    """Keep the day's figures (idempotent: a second run that day replaces them)."""
    from regie.isms.selectors import report_figures

    snapshot, _created = Snapshot.objects.update_or_create(
        taken_on=on, defaults={"figures": report_figures(on=on)}
    )
    return snapshot
