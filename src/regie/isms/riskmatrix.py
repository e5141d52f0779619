"""The risk matrix: likelihood times impact on a scale of N, banded into levels. The scale
and the bands are configuration (setting REGIE_RISK_MATRIX); no Django imports here."""

from dataclasses import dataclass

LOW, MEDIUM, HIGH = "low", "medium", "high"


@dataclass(frozen=True)
class Matrix:
    size: int = 5
    medium_from: int = 5
    high_from: int = 12

    def __post_init__(self) -> None:
        if not (2 <= self.size <= 10 and 1 < self.medium_from < self.high_from <= self.size**2):
            raise ValueError("risk matrix: need 2 <= size <= 10 and 1 < medium < high <= size²")

    def level(self, likelihood: int, impact: int) -> str:
        score = likelihood * impact
        if score >= self.high_from:
            return HIGH
        if score >= self.medium_from:
            return MEDIUM
        return LOW

    def contains(self, value: int) -> bool:
        return 1 <= value <= self.size
