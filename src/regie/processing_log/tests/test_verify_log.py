"""`regie verify_log` on a log nobody tampered with: it recomputes the tree from the records,
says so in one line, shows progress, and does so whatever the chunk size and timestamps."""

import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from regie.conftest import People
from regie.processing_log import merkle
from regie.processing_log.models import Checkpoint, LogLeaf
from regie.processing_log.services import log_seal, log_seal_all
from regie.processing_log.tests.factories import process, raw_record
from regie.processing_log.verify import verify_log


@pytest.fixture
def log_with_checkpoints(people: People) -> list[int]:
    """A sealed log with checkpoints at several sizes that are not powers of two."""
    log_seal_all()
    for times in (1, 3, 5, 2):
        process(people.consulent, people.anna, times)
        log_seal_all()
    return list(Checkpoint.objects.order_by("size").values_list("size", flat=True))


def test_it_says_a_clean_log_verifies(log_with_checkpoints: list[int]) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("verify_log", stdout=out, stderr=err)

    size = log_with_checkpoints[-1]
    assert out.getvalue().startswith(
        f"The processing log verifies: {size} records and {len(log_with_checkpoints)} "
        "checkpoints in "
    )
    assert f"verified {size} records" in err.getvalue()


def test_it_reports_what_it_checked(log_with_checkpoints: list[int]) -> None:
    seen: list[int] = []
    report = verify_log(progress=seen.append, chunk=4)

    size = log_with_checkpoints[-1]
    assert report.ok and report.first_problem is None
    assert (report.records, report.checkpoints) == (size, len(log_with_checkpoints))
    assert seen == [*range(4, size, 4), size]


@pytest.mark.parametrize("chunk", [1, 2, 4, 8, 16, 1 << 14])
def test_it_verifies_whatever_the_chunk_size(log_with_checkpoints: list[int], chunk: int) -> None:
    assert len(log_with_checkpoints) > 3
    assert verify_log(chunk=chunk).ok


def test_it_recomputes_the_root_the_sealer_signed(log_with_checkpoints: list[int]) -> None:
    latest = Checkpoint.objects.get(size=log_with_checkpoints[-1])
    leaves = list(LogLeaf.objects.order_by("index").values_list("leaf_hash", flat=True))
    assert bytes(latest.root_hash) == merkle.verify_leaves([bytes(leaf) for leaf in leaves])
    assert verify_log().ok


def test_it_verifies_an_empty_log(db: None) -> None:
    assert verify_log() == verify_log(chunk=2)
    report = verify_log()
    assert report.ok and (report.records, report.checkpoints) == (0, 0)


def test_it_reads_every_timestamp_as_the_sealer_did(db: None) -> None:
    """verify_log lets the database turn timestamps into microseconds; the sealer formats
    datetimes in Python. Both must give the same bytes, at any moment."""
    amsterdam = ZoneInfo("Europe/Amsterdam")
    moments = [
        datetime(1970, 1, 1, tzinfo=UTC),
        datetime(1969, 12, 31, 23, 59, 59, 500_000, tzinfo=UTC),
        datetime(1900, 3, 1, 12, 0, 0, 1, tzinfo=UTC),
        datetime(2026, 3, 29, 2, 30, 0, 999_999, tzinfo=amsterdam),
        datetime(2026, 10, 25, 2, 30, tzinfo=amsterdam),
        datetime(2999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC),
        timezone.now().replace(microsecond=0),
        timezone.now(),
    ]
    for moment in moments:
        raw_record(moment=moment)
    log_seal()

    assert verify_log().ok
    raw_record(moment=moments[-1] + timedelta(microseconds=1))
    log_seal()
    assert verify_log(chunk=2).ok


def test_it_refuses_a_chunk_that_is_not_a_power_of_two(db: None) -> None:
    with pytest.raises(ValueError, match="power of two"):
        verify_log(chunk=6)
