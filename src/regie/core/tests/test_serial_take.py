"""A series of references continues after the numbers given before its counter existed."""

import pytest

from regie.core.services import serial_take

pytestmark = pytest.mark.django_db


def test_it_starts_after_the_highest_number_in_use() -> None:
    in_use = ["DL-2025-001", "DL-2025-007", "DL-2025-003"]

    assert serial_take(series="DL-2025-", in_use=in_use) == 8
    assert serial_take(series="DL-2025-", in_use=[]) == 9


def test_it_counts_each_series_apart() -> None:
    assert serial_take(series="WMO-2026-", in_use=[]) == 1
    assert serial_take(series="JW-2026-", in_use=[]) == 1
    assert serial_take(series="WMO-2027-", in_use=[]) == 1
    assert serial_take(series="WMO-2026-", in_use=[]) == 2
