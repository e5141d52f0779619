"""The gap picture: figures per top-level part of a framework, and the trend against an
earlier assessment. Pure arithmetic over plain rows; no Django imports."""

from collections.abc import Iterable
from dataclasses import dataclass, field

COMPLIANT = "compliant"
PARTIAL = "partial"
NON_COMPLIANT = "non_compliant"
NOT_APPLICABLE = "not_applicable"
NOT_ASSESSED = "not_assessed"
RESULTS = (COMPLIANT, PARTIAL, NON_COMPLIANT, NOT_APPLICABLE, NOT_ASSESSED)


@dataclass(frozen=True)
class Row:
    part_key: str
    part_label: str
    result: str
    maturity: int | None = None


@dataclass
class Part:
    key: str
    label: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RESULTS, 0))
    maturity_scores: list[int] = field(default_factory=list)
    previous_percent: float | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def applicable(self) -> int:
        return self.total - self.counts[NOT_APPLICABLE]

    @property
    def percent_compliant(self) -> float | None:
        """Share of the applicable points that comply; not-assessed points count as gaps."""
        if not self.applicable:
            return None
        return round(100 * self.counts[COMPLIANT] / self.applicable, 1)

    @property
    def maturity(self) -> float | None:
        if not self.maturity_scores:
            return None
        return round(sum(self.maturity_scores) / len(self.maturity_scores), 1)

    @property
    def change(self) -> float | None:
        """Percentage points gained since the previous assessment."""
        if self.previous_percent is None or self.percent_compliant is None:
            return None
        return round(self.percent_compliant - self.previous_percent, 1)

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "label": self.label,
            "counts": dict(self.counts),
            "percent_compliant": self.percent_compliant,
            "maturity": self.maturity,
            "previous_percent": self.previous_percent,
            "change": self.change,
        }


def parts(rows: Iterable[Row], previous: Iterable[Row] = ()) -> list[Part]:
    """One Part per top-level part, in the order the rows first name them."""
    found: dict[str, Part] = {}
    for row in rows:
        part = found.setdefault(row.part_key, Part(row.part_key, row.part_label))
        part.counts[row.result] += 1
        if row.maturity is not None:
            part.maturity_scores.append(row.maturity)
    earlier = {part.key: part for part in parts(previous)} if previous else {}
    for key, part in found.items():
        if key in earlier:
            part.previous_percent = earlier[key].percent_compliant
    return list(found.values())


def overall(found: list[Part]) -> Part:
    total = Part("", "")
    for part in found:
        for result, count in part.counts.items():
            total.counts[result] += count
        total.maturity_scores += part.maturity_scores
    return total
