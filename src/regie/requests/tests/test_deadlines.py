"""One month from receipt, once extendable by up to two months; short months end early."""

from datetime import date

import pytest

from regie.requests.deadlines import add_months, extended_deadline, response_deadline


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 3, 12), date(2026, 4, 12)),
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2028, 1, 31), date(2028, 2, 29)),
        (date(2026, 12, 15), date(2027, 1, 15)),
        (date(2026, 8, 31), date(2026, 9, 30)),
    ],
)
def test_it_gives_one_month(received: date, due: date) -> None:
    assert response_deadline(received) == due


def test_it_extends_by_one_or_two_months_from_receipt() -> None:
    assert extended_deadline(date(2026, 11, 30), 1) == date(2027, 1, 30)
    assert extended_deadline(date(2026, 11, 30), 2) == date(2027, 2, 28)
    with pytest.raises(ValueError):
        extended_deadline(date(2026, 11, 30), 3)


def test_it_adds_months_across_years() -> None:
    assert add_months(date(2026, 11, 5), 14) == date(2028, 1, 5)
