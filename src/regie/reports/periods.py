"""Reporting periods: half years, years and the quarters inside them. Pure; no Django."""

from dataclasses import dataclass
from datetime import date


class PeriodError(ValueError):
    """A period was asked for wrongly; the message names the field."""


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def half_year(year: int, half: int) -> Period:
    if half not in (1, 2):
        raise PeriodError("half: 1 (January to June) or 2 (July to December)")
    if not 2000 <= year <= 2100:
        raise PeriodError("year: between 2000 and 2100")
    if half == 1:
        return Period(date(year, 1, 1), date(year, 6, 30))
    return Period(date(year, 7, 1), date(year, 12, 31))


def whole_year(year: int) -> Period:
    if not 2000 <= year <= 2100:
        raise PeriodError("year: between 2000 and 2100")
    return Period(date(year, 1, 1), date(year, 12, 31))


def quarters(period: Period) -> list[tuple[int, int, Period]]:
    """The calendar quarters (year, number 1-4, part inside PERIOD) that overlap PERIOD."""
    found = []
    for year in range(period.start.year, period.end.year + 1):
        for number, (first, last) in enumerate(
            (((1, 1), (3, 31)), ((4, 1), (6, 30)), ((7, 1), (9, 30)), ((10, 1), (12, 31))),
            start=1,
        ):
            start, end = date(year, *first), date(year, *last)
            if end < period.start or start > period.end:
                continue
            found.append((year, number, Period(max(start, period.start), min(end, period.end))))
    return found
