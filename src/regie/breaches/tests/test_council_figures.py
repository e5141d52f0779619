"""Figures for the council reports: breaches per period, per risk and kind, and whether and
how promptly they were reported."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from regie.breaches.selectors import breach_figures
from regie.breaches.services import breach_assess, breach_report
from regie.breaches.tests.factories import usb_stick
from regie.conftest import People

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_it_counts_breaches_per_risk_and_whether_reported(people: People) -> None:
    officer = people.privacy_officer
    june = datetime(2026, 6, 10, 9, 0, tzinfo=AMSTERDAM)
    reported = usb_stick(officer, discovered_at=june)
    usb_stick(officer, discovered_at=june + timedelta(days=1), unintelligible=True)
    usb_stick(officer, discovered_at=june + timedelta(days=60), data_categories=["bsn"])
    breach_assess(breach=reported, assessed_by=officer)
    breach_report(
        breach=reported,
        reported_by=officer,
        reported_at=june + timedelta(hours=80),
        late_reason="Weekend",
    )

    figures = breach_figures(start=date(2026, 6, 1), end=date(2026, 6, 30))

    assert figures.total == 2
    assert figures.by_risk == {"none": 1, "risk": 1, "high": 0}
    assert figures.by_kind["confidentiality"] == 2
    assert (figures.reported, figures.reported_late) == (1, 1)
