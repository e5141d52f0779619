"""Assess a batch of scenarios from JSON: one object, or an array of them. Shared by the
command line and the API so both answer the same, and refuse the same."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from regie.lawfulness.rules import Decision, ScenarioError, decide, parse_scenario

MAX_SCENARIOS = 1000


@dataclass(frozen=True)
class BatchError:
    index: int | None  # None when the input was a single object
    field: str
    message: str

    @property
    def location(self) -> str:
        at = f"[{self.index}]" if self.index is not None else ""
        if self.field:
            return f"{at}.{self.field}" if at else self.field
        return at or "body"

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class BatchInvalid(ValueError):
    def __init__(self, errors: list[BatchError]) -> None:
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


def assess_batch(data: Any) -> list[Decision] | Decision:
    """One decision for an object, a list of decisions (same order) for an array. Every
    scenario is checked before any is decided; BatchInvalid lists the first fault of each bad
    one."""
    if isinstance(data, Mapping):
        try:
            return decide(parse_scenario(data))
        except ScenarioError as exc:
            raise BatchInvalid([BatchError(None, exc.field, exc.message)]) from None
    if not isinstance(data, list):
        raise BatchInvalid([BatchError(None, "", "expected a JSON object or an array of them")])
    if len(data) > MAX_SCENARIOS:
        raise BatchInvalid([BatchError(None, "", f"at most {MAX_SCENARIOS} scenarios at once")])
    scenarios, errors = [], []
    for index, item in enumerate(data):
        try:
            scenarios.append(parse_scenario(item))
        except ScenarioError as exc:
            errors.append(BatchError(index, exc.field, exc.message))
    if errors:
        raise BatchInvalid(errors)
    return [decide(scenario) for scenario in scenarios]


def as_json(result: list[Decision] | Decision) -> Any:
    if isinstance(result, list):
        return [decision.as_json() for decision in result]
    return result.as_json()
