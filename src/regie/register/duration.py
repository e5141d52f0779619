"""ISO 8601 durations for retention periods ("P7Y", "P15Y6M", "P30D"). No Django imports."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

_PATTERN = re.compile(r"^P(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<days>\d+)D)?$")


@dataclass(frozen=True)
class Duration:
    years: int = 0
    months: int = 0
    days: int = 0

    def __str__(self) -> str:
        parts = "".join(
            f"{n}{unit}"
            for n, unit in ((self.years, "Y"), (self.months, "M"), (self.days, "D"))
            if n
        )
        return f"P{parts or '0D'}"

    def before(self, moment: datetime) -> datetime:
        """MOMENT minus this duration; a day that does not exist (31 February) becomes the
        last day of that month."""
        months = moment.year * 12 + (moment.month - 1) - (self.years * 12 + self.months)
        year, month_index = divmod(months, 12)
        month = month_index + 1
        day = min(moment.day, _days_in_month(year, month))
        return moment.replace(year=year, month=month, day=day) - timedelta(days=self.days)


def _days_in_month(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - date(year, month, 1)).days


def parse_duration(value: str) -> Duration:
    """Parse an ISO 8601 duration of years, months and days; raise ValueError naming what is
    wrong. Hours and weeks are not retention periods and are refused."""
    text = value.strip()
    match = _PATTERN.match(text)
    if not match or text == "P":
        raise ValueError(f"{value!r} is not an ISO 8601 duration such as P7Y, P15Y or P6M")
    return Duration(**{key: int(number or 0) for key, number in match.groupdict().items()})
