from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from regie.isms import selectors, services
from regie.isms.demo import load
from regie.isms.models import Framework, Measure, Risk, Snapshot

pytestmark = pytest.mark.django_db


def _users(people):
    return {
        "ciso": people.ciso,
        "privacy": people.privacy_officer,
        "teamleider": people.teamleider,
        "consulent": people.consulent,
    }


def test_it_gives_the_council_figures_as_plain_data(people) -> None:
    load(_users(people))
    today = timezone.localdate()

    figures = selectors.report_figures(on=today)

    assert figures["measures"] == {"done": 1, "late": 1, "planned": 3, "cancelled": 0}
    this_year = next(row for row in figures["money"] if row["year"] == today.year)
    assert Decimal(this_year["short"]) > 0  # the demo's knelpunt
    (gap,) = figures["gaps"]
    assert len(gap["parts"]) == 11
    assert gap["parts"][0]["change"] is not None
    assert len(figures["risks"]) == 4
    assert figures["awareness"][0]["completed"] == 4


def test_it_keeps_one_snapshot_a_day(people) -> None:
    load(_users(people))
    today = timezone.localdate()

    services.snapshot_take(on=today)
    services.snapshot_take(on=today)
    services.snapshot_take(on=today + timedelta(days=1))

    assert Snapshot.objects.count() == 2
    assert Snapshot.objects.get(taken_on=today).figures["on"] == today.isoformat()


def test_it_loads_the_demo_once(people) -> None:
    load(_users(people))
    counts = (Framework.objects.count(), Measure.objects.count(), Risk.objects.count())

    load(_users(people))

    assert (Framework.objects.count(), Measure.objects.count(), Risk.objects.count()) == counts
    assert counts == (1, 5, 4)


def test_it_shows_no_old_assessment_as_the_latest(people) -> None:
    load(_users(people))

    figures = selectors.report_figures(on=timezone.localdate() - timedelta(days=100))

    (gap,) = figures["gaps"]
    assert gap["parts"][0]["change"] is None  # the spring assessment has no predecessor
    assert date.fromisoformat(gap["assessed_on"]) < timezone.localdate() - timedelta(days=100)


def test_it_removes_what_the_demo_made(people) -> None:
    from regie.isms.demo import remove

    load(_users(people))
    own = services.risk_save(
        title="Eigen risico", likelihood=1, impact=1, residual_likelihood=1, residual_impact=1
    )

    assert remove() == [2, 5, 4, 2, 1]

    assert not Framework.objects.exists() and not Measure.objects.exists()
    assert list(Risk.objects.all()) == [own]
