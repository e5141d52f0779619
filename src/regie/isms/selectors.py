"""Reads of the ISMS, and the figures the council reports need, as plain data."""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.accounts.models import Kind, Team, User
from regie.isms import picture, plan
from regie.isms.models import (
    Assessment,
    AssessmentResult,
    Budget,
    Campaign,
    EvidenceEvent,
    EvidenceFile,
    Framework,
    Measure,
    MeasureStatus,
    Policy,
    Risk,
    RiskRevision,
    Snapshot,
)
from regie.isms.services import risk_matrix


def frameworks() -> QuerySet[Framework]:
    return Framework.objects.annotate(
        node_count=Count("nodes", distinct=True),
        assessable_count=Count("nodes", filter=Q(nodes__assessable=True), distinct=True),
    )


def assessments(framework: Framework | None = None) -> QuerySet[Assessment]:
    found = Assessment.objects.select_related("framework")
    return found.filter(framework=framework) if framework else found


def results(assessment: Assessment) -> QuerySet[AssessmentResult]:
    return assessment.results.select_related("node", "node__part").order_by("node__order")


def evidence_files(result: AssessmentResult) -> QuerySet[EvidenceFile]:
    return result.evidence_files.select_related("file", "uploaded_by")


def evidence_trail(result: AssessmentResult) -> QuerySet[EvidenceEvent]:
    """Every upload, download and deletion of evidence for RESULT, the latest first."""
    return EvidenceEvent.objects.filter(
        assessment_public_id=result.assessment.public_id, node_public_id=result.node.public_id
    ).order_by("-at", "-pk")


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The latest earlier assessment of the same framework for the same scope."""
    return (
        Assessment.objects.filter(framework=assessment.framework, department=assessment.department)
        .filter(
            Q(assessed_on__lt=assessment.assessed_on)
            | Q(assessed_on=assessment.assessed_on, created_at__lt=assessment.created_at)
        )
        .order_by("-assessed_on", "-created_at")
        .first()
    )


def _rows(assessment: Assessment) -> list[picture.Row]:
    rows = []
    for result in results(assessment):
        node = result.node
        if node.part is not None:
            label = str(node.part)
        else:
            label = _("Part %(group)s") % {"group": node.part_key.removeprefix("group:")}
        rows.append(picture.Row(node.part_key, label, result.result, result.maturity))
    return rows


@dataclass
class GapPicture:
    assessment: Assessment
    previous: Assessment | None
    parts: list[picture.Part]
    total: picture.Part


def gap_picture(assessment: Assessment) -> GapPicture:
    previous = previous_assessment(assessment)
    parts = picture.parts(_rows(assessment), _rows(previous) if previous else ())
    total = picture.overall(parts)
    if previous is not None:
        total.previous_percent = picture.overall(picture.parts(_rows(previous))).percent_compliant
    return GapPicture(assessment, previous, parts, total)


# Plan ---------------------------------------------------------------------------------


def measures() -> QuerySet[Measure]:
    return Measure.objects.select_related("owner").prefetch_related("nodes", "risks", "raci")


def is_late(measure: Measure, today: date) -> bool:
    return (
        measure.status in {MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS}
        and measure.planned_end is not None
        and measure.planned_end < today
    )


@dataclass
class PlanYear:
    year: int
    budget: Decimal | None
    demand: Decimal
    shortfall: Decimal
    funded: list[tuple[Measure, Decimal]]
    unfunded: list[tuple[Measure, Decimal]]


def plan_by_year() -> list[PlanYear]:
    active = {str(m.pk): m for m in measures().exclude(status=MeasureStatus.CANCELLED)}
    costs = [
        plan.Cost(
            key=key,
            year=m.budget_year,
            priority=m.priority,
            incidental=m.incidental_cost,
            structural=m.structural_cost,
        )
        for key, m in active.items()
    ]
    budgets = {b.year: b.amount for b in Budget.objects.all()}
    return [
        PlanYear(
            year=year.year,
            budget=year.budget,
            demand=year.demand,
            shortfall=year.shortfall,
            funded=[(active[key], year.cost_of[key]) for key in year.funded],
            unfunded=[(active[key], year.cost_of[key]) for key in year.unfunded],
        )
        for year in plan.funding(costs, budgets)
    ]


# Risks --------------------------------------------------------------------------------


def risks() -> QuerySet[Risk]:
    return Risk.objects.select_related("owner").prefetch_related("measures")


def risk_levels(risk: Risk) -> tuple[str, str]:
    matrix = risk_matrix()
    return (
        matrix.level(risk.likelihood, risk.impact),
        matrix.level(risk.residual_likelihood, risk.residual_impact),
    )


@dataclass(frozen=True)
class GridCell:
    likelihood: int
    impact: int
    level: str
    risks: list[str]


def risk_grid() -> list[list[GridCell]]:
    """The matrix as rows from the highest impact down, with the open risks in each cell
    (current scores)."""
    matrix = risk_matrix()
    open_risks = list(Risk.objects.filter(closed=False))
    return [
        [
            GridCell(
                likelihood,
                impact,
                matrix.level(likelihood, impact),
                [r.title for r in open_risks if (r.likelihood, r.impact) == (likelihood, impact)],
            )
            for likelihood in range(1, matrix.size + 1)
        ]
        for impact in range(matrix.size, 0, -1)
    ]


def raci_matrix() -> tuple[list[str], list[tuple[Measure, list[str]]]]:
    """The RACI over the measures: the parties as columns, a letter per measure and party."""
    found = list(measures())
    parties = sorted({row.party for m in found for row in m.raci.all()})
    rows = []
    for measure in found:
        letters = {row.party: row.role for row in measure.raci.all()}
        rows.append((measure, [letters.get(party, "") for party in parties]))
    return parties, rows


# Policies and awareness ---------------------------------------------------------------


def policies() -> QuerySet[Policy]:
    return Policy.objects.select_related("owner")


def campaigns() -> QuerySet[Campaign]:
    return Campaign.objects.annotate(done=Count("completions"))


def active_staff() -> QuerySet[User]:
    return User.objects.filter(kind=Kind.STAFF, is_active=True).order_by("username")


@dataclass(frozen=True)
class TeamCompletion:
    team: str
    staff: int
    completed: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.completed / self.staff, 1) if self.staff else None


def completion_by_team(campaign: Campaign) -> list[TeamCompletion]:
    done = set(campaign.completions.values_list("user_id", flat=True))
    rows = []
    staff = list(active_staff())
    teams = {team.pk: team.name for team in Team.objects.all()}
    for team_id in sorted({u.team_id for u in staff}, key=lambda t: (t is None, teams.get(t or 0))):
        members = [u for u in staff if u.team_id == team_id]
        label = teams[team_id] if team_id is not None else _("No team")
        rows.append(TeamCompletion(label, len(members), sum(u.pk in done for u in members)))
    return rows


# Figures for the council reports ------------------------------------------------------


def report_figures(*, on: date) -> dict[str, Any]:
    """The ISMS figures on a day, as plain JSON-ready data: measures done/late/planned,
    money per year (budget, spent on done measures, short), the latest gap picture per
    framework, risks by level, and awareness completion."""
    all_measures = list(Measure.objects.all())
    measures_figures = {
        "done": sum(m.status == MeasureStatus.DONE for m in all_measures),
        "late": sum(is_late(m, on) for m in all_measures),
        "planned": sum(
            m.status in {MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS} and not is_late(m, on)
            for m in all_measures
        ),
        "cancelled": sum(m.status == MeasureStatus.CANCELLED for m in all_measures),
    }
    money = []
    for year in plan_by_year():
        spent = sum(
            (cost for measure, cost in year.funded + year.unfunded
             if measure.status == MeasureStatus.DONE),
            Decimal(0),
        )  # fmt: skip
        money.append(
            {
                "year": year.year,
                "budget": str(year.budget) if year.budget is not None else None,
                "demand": str(year.demand),
                "spent": str(spent),
                "short": str(year.shortfall),
            }
        )
    gaps = []
    for framework in Framework.objects.all():
        latest = assessments(framework).filter(assessed_on__lte=on).first()
        if latest is None:
            continue
        found = gap_picture(latest)
        gaps.append(
            {
                "framework": framework.urn,
                "assessment": str(latest.public_id),
                "assessed_on": latest.assessed_on.isoformat(),
                "percent_compliant": found.total.percent_compliant,
                "parts": [part.as_dict() for part in found.parts],
            }
        )
    return {
        "on": on.isoformat(),
        "measures": measures_figures,
        "money": money,
        "gaps": gaps,
        "risks": _risk_figures(on),
        "awareness": [
            {
                "campaign": campaign.title,
                "completed": campaign.completions.count(),
                "staff": active_staff().count(),
            }
            for campaign in Campaign.objects.filter(starts_on__lte=on)
        ],
    }


def snapshots(*, since: date, until: date) -> list[dict[str, Any]]:
    """The kept daily figures between two days, oldest first (for the half-yearly report)."""
    found = Snapshot.objects.filter(taken_on__gte=since, taken_on__lte=until)
    return [snapshot.figures for snapshot in found]


def _risk_figures(on: date) -> list[dict[str, object]]:
    matrix = risk_matrix()
    until = timezone.make_aware(datetime.combine(on, time.max))
    figures = []
    for risk in Risk.objects.all():
        history = list(RiskRevision.objects.filter(risk=risk, recorded_at__lte=until))
        if not history:
            continue
        first, last = history[0], history[-1]
        figures.append(
            {
                "risk": risk.title,
                "level": matrix.level(last.likelihood, last.impact),
                "residual_level": matrix.level(last.residual_likelihood, last.residual_impact),
                "score": last.likelihood * last.impact,
                "first_score": first.likelihood * first.impact,
                "closed": last.closed,
            }
        )
    return figures


def risk_movement(*, since: date, until: date) -> list[dict[str, object]]:
    """How each risk's score moved between two days (for the half-yearly report)."""
    before = {row["risk"]: row for row in _risk_figures(since)}
    return [
        {**row, "score_before": before.get(row["risk"], {}).get("score")}
        for row in _risk_figures(until)
    ]
