"""Each insider rule as a table of cases: one that fires and one that does not."""

from datetime import date, datetime

import pytest

from regie.monitoring import insider_rules as rules

DAY = date(2026, 11, 4)  # a Wednesday
ACTOR = "staff-1"


def access(
    n: int,
    *,
    name: str = "case.read",
    subject: str | None = None,
    hour: int = 10,
    trace: str = "t1",
    day: date = DAY,
) -> rules.Access:
    return rules.Access(
        record_id=n,
        actor=ACTOR,
        role="consulent",
        name=name,
        subject=subject or f"s{n}",
        trace=trace,
        at=datetime(day.year, day.month, day.day, hour, n % 60),
    )


DEFAULT = rules.Thresholds()


def fired(accesses, *, thresholds=DEFAULT, caseload=("s1", "s2"), usual=None):
    evaluation = rules.evaluate(
        accesses,
        day=DAY,
        thresholds=thresholds,
        caseloads={ACTOR: frozenset(caseload)},
        baselines={ACTOR: usual},
    )
    return {finding.rule: finding for finding in evaluation.findings}


def test_it_finds_a_dossier_opened_outside_the_caseload():
    found = fired([access(1), access(3)])

    assert found[rules.OUTSIDE_CASELOAD].record_ids == [3]
    assert found[rules.OUTSIDE_CASELOAD].facts["residents"] == 1


def test_it_is_quiet_about_dossiers_in_the_caseload():
    assert rules.OUTSIDE_CASELOAD not in fired([access(1), access(2)])


def test_it_finds_unusual_volume_against_the_staff_members_own_history():
    many = [access(n) for n in range(40)]

    found = fired(many, usual=5.0, caseload=[f"s{n}" for n in range(40)])

    assert found[rules.VOLUME].facts == {"residents": 40, "hour": 10, "usual": 5.0, "records": 40}


@pytest.mark.parametrize(
    ("count", "usual"),
    [(29, None), (40, 20.0)],  # under the minimum; under three times their own average
)
def test_it_is_quiet_about_volume_that_is_usual(count: int, usual: float | None):
    many = [access(n) for n in range(count)]

    assert rules.VOLUME not in fired(many, usual=usual, caseload=[f"s{n}" for n in range(99)])


def test_it_finds_a_confidential_address_revealed():
    found = fired([access(1, name="address.reveal")])

    assert found[rules.CONFIDENTIAL_ADDRESS].record_ids == [1]


def test_it_can_be_told_not_to_warn_about_revealed_addresses():
    quiet = rules.Thresholds(confidential_address=False)

    assert rules.CONFIDENTIAL_ADDRESS not in fired(
        [access(1, name="address.reveal")], thresholds=quiet
    )


@pytest.mark.parametrize(
    ("hour", "day"),
    [(22, DAY), (6, DAY), (11, date(2026, 11, 7))],  # late, early, Saturday
)
def test_it_finds_work_at_unusual_hours(hour: int, day: date):
    assert rules.UNUSUAL_HOURS in fired([access(1, hour=hour, day=day)])


@pytest.mark.parametrize("hour", [7, 12, 18])
def test_it_is_quiet_during_the_working_day(hour: int):
    assert rules.UNUSUAL_HOURS not in fired([access(1, hour=hour)])


def test_it_finds_a_bulk_export_in_one_trace():
    export = [access(n, name="processing_log.read", trace="big") for n in range(25)]

    found = fired(export)

    assert found[rules.BULK_EXPORT].facts["residents"] == 25


def test_it_is_quiet_about_small_searches_spread_over_traces():
    searches = [access(n, name="processing_log.read", trace=f"t{n % 2}") for n in range(30)]

    assert rules.BULK_EXPORT not in fired(searches)


def test_the_baseline_is_the_average_per_active_hour():
    history = [rules.DayActivity(4, 20), rules.DayActivity(6, 40)]

    assert rules.baseline(history) == 6.0
    assert rules.baseline([]) is None
