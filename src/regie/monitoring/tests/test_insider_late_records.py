"""Records written into the log after their day was scanned (openings of waiting post, filed
days later) are evaluated by the insider rules too, once each, without rescanning the log."""

import logging
from datetime import datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from regie.accounts.models import Resident, User
from regie.conftest import People
from regie.monitoring import insider_rules, services
from regie.monitoring.models import InsiderAlert, InsiderLogMark, InsiderPendingDay
from regie.monitoring.tasks import insider_rules_run
from regie.processing_log.gate import SUBJECT_ID_TYPE, Actor, Earlier, processed_earlier
from regie.processing_log.models import ProcessingRecord
from regie.processing_log.records import new_span_id, new_trace_id
from regie.processing_log.tests.factories import process
from regie.register import builtin
from regie.register.selectors import activity_version_in_force
from regie.testing.worker import run_worker

TASK = "regie.monitoring.tasks.insider_rules_run"


def _days_ago(days: int, now: datetime | None = None) -> datetime:
    """Ten in the morning, DAYS before NOW, local time."""
    day = timezone.localdate(now) - timedelta(days=days)
    return datetime.combine(day, time(10), tzinfo=timezone.get_current_timezone())


def _opened_earlier(actor: User, subject: Resident, *moments: datetime) -> None:
    """ACTOR opened SUBJECT's post at each of MOMENTS; written now, as filing the post does."""
    with transaction.atomic():
        processed_earlier(
            activity=builtin.REGISTER_RESIDENT,
            name="case.read",
            subject=subject,
            earlier=[
                Earlier(Actor.of(actor), new_trace_id(), new_span_id(), moment, moment)
                for moment in moments
            ],
        )


def _highest_id() -> int:
    return ProcessingRecord.objects.aggregate(high=Max("id"))["high"] or 0


def _outside_caseload_alerts() -> list[tuple[str, object]]:
    return list(
        InsiderAlert.objects.filter(rule=insider_rules.OUTSIDE_CASELOAD).values_list(
            "actor_id", "day"
        )
    )


@pytest.fixture
def _any_hour_is_usual(people: People) -> None:
    """Only the outside-caseload rule matters here, whatever day of the week the test runs."""
    services.insider_settings_update(
        changed_by=people.privacy_officer,
        workday_start=0,
        workday_end=24,
        weekend_is_unusual=False,
    )


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_finds_an_opening_written_days_late_once(task_queue: None, people: People):
    call_command("enqueue_periodic")
    assert run_worker().returncode == 0  # the first run: nothing to find
    assert _outside_caseload_alerts() == []

    # Three days ago the consulent opened a letter about bram, who is not in their caseload;
    # the team files it today, so the record is written now with its original time.
    three_days_ago = _days_ago(3)
    _opened_earlier(people.consulent, people.bram, three_days_ago)
    for _ in range(3):
        insider_rules_run.enqueue()
        worker = run_worker()
        assert worker.returncode == 0, worker.stderr

    runs = DBTaskResult.objects.filter(task_path=TASK)
    assert set(runs.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert _outside_caseload_alerts() == [(str(people.consulent.public_id), three_days_ago.date())]


@pytest.mark.django_db
@pytest.mark.usefixtures("_any_hour_is_usual")
def test_it_rescans_a_late_day_until_the_mark_passes_it_then_only_yesterday_and_today(
    people: People,
):
    start = timezone.now()
    today = timezone.localdate(start)
    recent = [today - timedelta(days=1), today]
    first = services.insider_run(now=start)
    assert first.days == recent
    mark = InsiderLogMark.objects.get()
    assert mark.read_through == mark.seen_id == _highest_id()
    end_of_log = mark.read_through

    _opened_earlier(people.consulent, people.bram, _days_ago(3, start))
    late = _highest_id()
    three_days_ago = today - timedelta(days=3)

    soon = services.insider_run(now=start + timedelta(minutes=5))
    assert soon.days == [three_days_ago, *recent]
    assert [alert.day for alert in soon.new_alerts] == [three_days_ago]

    # The mark moves only to what a run saw an hour before, so the day is read once more,
    # without a second alert.
    later = services.insider_run(now=start + timedelta(minutes=70))
    assert later.days == [three_days_ago, *recent]
    assert later.new_alerts == []
    mark = InsiderLogMark.objects.get()
    assert mark.read_through == end_of_log
    assert mark.seen_id >= late

    # A run at least an hour after one that saw the record moves the mark past it; from then
    # on a run with nothing new rescans yesterday and today only.
    services.insider_run(now=start + timedelta(minutes=140))
    assert InsiderLogMark.objects.get().read_through >= late
    last = services.insider_run(now=start + timedelta(minutes=210))
    assert last.days == recent
    assert last.new_alerts == []
    assert len(_outside_caseload_alerts()) == 1
    assert not InsiderPendingDay.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("_any_hour_is_usual")
def test_a_lower_id_committed_after_a_higher_one_is_not_missed(people: People):
    start = timezone.now()
    services.insider_run(now=start)
    # A transaction takes an id and is slow to commit; one after it commits first. (Explicit
    # ids well above the sequence, so that the records the run itself writes do not meet them.)
    slow_id = process(people.consulent, people.anna) + 1000
    ProcessingRecord.objects.create(id=slow_id + 1, **_record_fields(people, people.anna, 0))
    services.insider_run(now=start + timedelta(minutes=70))
    assert InsiderLogMark.objects.get().seen_id == slow_id + 1

    ProcessingRecord.objects.create(id=slow_id, **_record_fields(people, people.bram, 4))
    run = services.insider_run(now=start + timedelta(minutes=75))

    four_days_ago = timezone.localdate(start) - timedelta(days=4)
    assert [alert.day for alert in run.new_alerts] == [four_days_ago]


def _record_fields(people: People, subject: Resident, days_ago: int) -> dict[str, object]:
    moment = _days_ago(days_ago)
    actor = Actor.of(people.consulent)
    return {
        "trace_id": new_trace_id(),
        "span_id": new_span_id(),
        "name": "case.read",
        "start_time": moment,
        "end_time": moment,
        "resource": "regie",
        "activity_uri": builtin.REGISTER_RESIDENT,
        "activity_version": activity_version_in_force(builtin.REGISTER_RESIDENT),
        "data_subject_id": subject.subject_pseudonym,
        "data_subject_id_type": SUBJECT_ID_TYPE,
        "actor_kind": actor.kind,
        "actor_id": actor.id,
        "actor_role": actor.role,
    }


@pytest.mark.django_db
@pytest.mark.usefixtures("_any_hour_is_usual")
def test_a_long_catch_up_is_spread_over_runs(people: People, caplog: pytest.LogCaptureFixture):
    start = timezone.now()
    insider_rules_run.call()
    _opened_earlier(people.consulent, people.bram, *(_days_ago(days) for days in range(3, 38)))

    with caplog.at_level(logging.INFO, logger="regie.monitoring.tasks"):
        assert insider_rules_run.call() == services.INSIDER_DAYS_PER_RUN
    assert "33 days rescanned, 4 days left for the next run" in caplog.text

    # Hourly runs: the days are found again until the mark has passed their records (an hour
    # later), and the oldest ones are scanned once it has.
    hour = 0
    while InsiderPendingDay.objects.exists():
        hour += 1
        assert hour < 5, "the pending days never ran out"
        services.insider_run(now=start + timedelta(minutes=70 * hour))
    assert len(_outside_caseload_alerts()) == 35
