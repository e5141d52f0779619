"""The statutory clock of a rights request (AVG art. 12(3)): an answer within one month of
receipt, once extendable by up to two further months. Pure date arithmetic, no Django.

A period of months ends on the same day of the month, or on the last day of a shorter month
(31 January + one month = 28 or 29 February), as in EU regulation 1182/71 art. 3(2)(c)."""

import calendar
from datetime import date

MAX_EXTENSION_MONTHS = 2
REMINDER_DAYS_BEFORE = 7


def add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def response_deadline(received_on: date) -> date:
    return add_months(received_on, 1)


def extended_deadline(received_on: date, months: int) -> date:
    if not 1 <= months <= MAX_EXTENSION_MONTHS:
        raise ValueError(f"an extension is 1 to {MAX_EXTENSION_MONTHS} months, not {months}")
    return add_months(received_on, 1 + months)
