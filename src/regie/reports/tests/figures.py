"""ISMS figures for the report tests, made through the ISMS services."""

from datetime import date
from decimal import Decimal

from regie.conftest import People
from regie.isms import services as isms
from regie.isms.models import MeasureStatus, Result
from regie.isms.tests.libraries import TREE, small


def first_half_of_2026(people: People) -> None:
    """A gap analysis in March, two measures (one done), a risk, and snapshots kept at the
    end of March and of June."""
    framework = isms.framework_import(text=small(*TREE)).framework
    assessment = isms.assessment_create(
        framework=framework,
        title="GAP voorjaar",
        assessed_on=date(2026, 3, 1),
        department="",
        created_by=people.ciso,
    )
    first = assessment.results.order_by("node__order").first()
    assert first is not None
    isms.assessment_result_record(result=first, outcome=Result.COMPLIANT, maturity=3)
    isms.measure_save(
        title="Versleutelde USB-sticks",
        status=MeasureStatus.DONE,
        budget_year=2026,
        incidental_cost=Decimal(1200),
        planned_end=date(2026, 2, 1),
    )
    isms.measure_save(
        title="Logging van inzage",
        status=MeasureStatus.PLANNED,
        budget_year=2026,
        incidental_cost=Decimal(800),
        planned_end=date(2026, 12, 1),
    )
    isms.risk_save(
        title="Opvangadres op straat",
        likelihood=3,
        impact=5,
        residual_likelihood=2,
        residual_impact=4,
    )
    isms.snapshot_take(on=date(2026, 3, 31))
    isms.snapshot_take(on=date(2026, 6, 30))
