"""Funding the implementation plan: which measures the budget of a year pays for, and the
shortfall ("knelpunt") where it does not. Pure arithmetic; no Django imports.

A measure costs its incidental amount in its budget year and its structural amount in that
year and every later one. Within a year, commitments carried over from earlier years come
first, then new measures by priority; a measure is funded when the running total still fits.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal("0")


@dataclass(frozen=True)
class Cost:
    key: str
    year: int
    priority: int  # 1 is most urgent
    incidental: Decimal
    structural: Decimal


@dataclass
class YearFunding:
    year: int
    budget: Decimal | None
    demand: Decimal = ZERO
    funded: list[str] = field(default_factory=list)
    unfunded: list[str] = field(default_factory=list)
    cost_of: dict[str, Decimal] = field(default_factory=dict)

    @property
    def shortfall(self) -> Decimal:
        if self.budget is None:
            return self.demand
        return max(ZERO, self.demand - self.budget)


def _cost_in(cost: Cost, year: int) -> Decimal:
    if year < cost.year:
        return ZERO
    return cost.structural + (cost.incidental if year == cost.year else ZERO)


def funding(costs: Iterable[Cost], budgets: dict[int, Decimal]) -> list[YearFunding]:
    costs = list(costs)
    years = sorted({cost.year for cost in costs} | set(budgets))
    result = []
    for year in years:
        plan = YearFunding(year=year, budget=budgets.get(year))
        room = plan.budget if plan.budget is not None else ZERO
        spent = ZERO
        due = [cost for cost in costs if _cost_in(cost, year) > ZERO]
        due.sort(key=lambda c: (c.year == year, c.priority, c.year, c.key))
        for cost in due:
            amount = _cost_in(cost, year)
            plan.cost_of[cost.key] = amount
            plan.demand += amount
            if spent + amount <= room:
                spent += amount
                plan.funded.append(cost.key)
            else:
                plan.unfunded.append(cost.key)
        result.append(plan)
    return result
