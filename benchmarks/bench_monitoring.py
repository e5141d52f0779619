"""Benchmark of the monitoring app (issue 11, "Performance"), in a database of its own.

Run:
    REGIE_ENV=test DATABASE_URL=postgres://postgres@127.0.0.1:5432/regie_bench \
        .venv/bin/python benchmarks/bench_monitoring.py --eve-lines 1000000 --records 10000000
    ... --quick    every measurement at a tiny size, for CI

1. Ingest an EVE file of --eve-lines lines (95 % alerts, 5 % flow events) through
   `signals_ingest`, as the upload page and the API do; then the same file again (every alert
   already known). Target: at least 20,000 lines a second, peak memory under 200 MiB (the
   process's peak resident set, Django included).
2. Fill the processing log with --records records of 200 case workers over --days days (COPY
   on PostgreSQL), each with a caseload of 50 residents, a few accesses outside it; then run
   the insider rules (`insider_scan`) over the busiest day. Target: under a minute.

It prints a Markdown table with the machine and the date; copy it into docs/benchmarks.md.
"""

# Seeded pseudo-random data makes the runs repeatable; nothing here is a secret.
# ruff: noqa: S311

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

os.environ.setdefault("REGIE_ENV", "test")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from machine import describe  # noqa: E402

EVE_TARGET_RATE = 20_000
EVE_TARGET_MIB = 200
INSIDER_TARGET_S = 60
STAFF = 200
CASELOAD = 50


@dataclass
class Result:
    what: str
    size: str
    seconds: float
    rate: str
    target: str
    met: bool | None
    note: str = ""

    def row(self) -> str:
        verdict = {True: "met", False: "**missed**", None: ""}[self.met]
        return (
            f"| {self.what} | {self.size} | {self.seconds:.1f} s | {self.rate} | {self.target} "
            f"| {verdict} | {self.note} |"
        )


def _progress(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- 1. EVE ingest -----------------------------------------------------------------------

SIGNATURES = [f"ET SCAN benchmark signature {n}" for n in range(40)]


def _eve_file(path: Path, lines: int) -> None:
    rng = random.Random(11)
    start = datetime(2026, 10, 1, tzinfo=UTC)
    with path.open("w") as out:
        for number in range(lines):
            moment = (start + timedelta(milliseconds=number * 37)).isoformat()
            if number % 20 == 19:
                event = {"timestamp": moment, "flow_id": number, "event_type": "flow"}
            else:
                event = {
                    "timestamp": moment,
                    "flow_id": number,
                    "in_iface": "eth0",
                    "event_type": "alert",
                    "src_ip": f"203.0.{rng.randrange(256)}.{rng.randrange(256)}",
                    "src_port": rng.randrange(1024, 65536),
                    "dest_ip": f"10.20.0.{rng.randrange(1, 30)}",
                    "dest_port": rng.choice((22, 80, 443, 3306, 3389)),
                    "proto": "TCP",
                    "alert": {
                        "action": "allowed",
                        "gid": 1,
                        "signature_id": 2_000_000 + number % 40,
                        "rev": 1,
                        "signature": SIGNATURES[rng.randrange(40)],
                        "category": "Attempted Information Leak",
                        "severity": rng.choice((1, 2, 2, 3, 3, 3)),
                    },
                }
            out.write(json.dumps(event) + "\n")


def _eve(lines: int) -> list[Result]:
    from regie.monitoring import services
    from regie.monitoring.models import SourceKind

    source, _token = services.signal_source_create(
        name="bench", kind=SourceKind.SURICATA_EVE, created_by=None
    )
    results = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "eve.json"
        _progress(f"write an EVE file of {lines:,} lines")
        _eve_file(path, lines)
        size = path.stat().st_size / 1024 / 1024
        for label in ("new alerts", "the same file again (all known)"):
            _progress(f"ingest: {label}")
            start = time.perf_counter()
            with path.open("rb") as stream:
                delivery = services.signals_ingest(source=source, stream=stream)
            elapsed = time.perf_counter() - start
            rate = lines / elapsed
            peak = _peak_mib()
            results.append(
                Result(
                    what=f"1. ingest EVE JSON, {label}",
                    size=f"{lines:,} lines ({size:.0f} MiB)",
                    seconds=elapsed,
                    rate=f"{rate:,.0f} lines/s",
                    target=f"≥ {EVE_TARGET_RATE:,} lines/s, peak < {EVE_TARGET_MIB} MiB",
                    met=rate >= EVE_TARGET_RATE and peak < EVE_TARGET_MIB,
                    note=f"peak RSS {peak:.0f} MiB; stored {delivery.stored:,}, "
                    f"known {delivery.duplicates:,}",
                )
            )
    return results


# --- 2. insider rules --------------------------------------------------------------------

COLUMNS = (
    "trace_id, span_id, parent_span_id, name, start_time, end_time, status, resource, "
    "activity_uri, activity_version_id, data_subject_id, data_subject_id_type, actor_kind, "
    "actor_id, actor_role"
)


@dataclass
class Staff:
    actors: list[str]
    caseloads: list[list[str]]
    others: list[str]


def _staff_and_caseloads() -> Staff:
    from regie.accounts.models import CaseloadEntry, Resident, Role, User
    from regie.core.gate import system_access

    rng = random.Random(5)
    users = User.objects.bulk_create(
        [User(username=f"bench{n}", role=Role.CONSULENT) for n in range(STAFF)]
    )
    residents = [
        Resident(
            bsn_sealed=b"-",
            bsn_index=rng.randbytes(32).hex(),
            subject_pseudonym=rng.randbytes(32).hex(),
            name_sealed=b"-",
        )
        for _ in range(STAFF * CASELOAD)
    ]
    with system_access("benchmark set-up: fictional residents without any data"):
        Resident.objects.bulk_create(residents, batch_size=2000)
        residents = list(Resident.objects.order_by("pk"))
    CaseloadEntry.objects.bulk_create(
        [
            CaseloadEntry(consulent=user, resident=resident)
            for number, user in enumerate(users)
            for resident in residents[number * CASELOAD : (number + 1) * CASELOAD]
        ],
        batch_size=5000,
    )
    return Staff(
        actors=[str(user.public_id) for user in users],
        caseloads=[
            [
                resident.subject_pseudonym
                for resident in residents[n * CASELOAD : (n + 1) * CASELOAD]
            ]
            for n in range(STAFF)
        ],
        others=[rng.randbytes(32).hex() for _ in range(1000)],
    )


def _fill_lines(staff: Staff, count: int, days: int, last_day: date, version: int) -> Iterator[str]:
    """COUNT records spread over DAYS days ending on LAST_DAY, office hours mostly; one
    access in 20,000 outside the caseload, one in 50,000 in the evening. No queries here:
    the lines are made while COPY holds the connection."""
    from regie.processing_log.gate import SUBJECT_ID_TYPE
    from regie.register import builtin

    rng = random.Random(3)
    uri = builtin.REGISTER_RESIDENT
    zone = timezone.get_current_timezone()
    first = datetime.combine(last_day - timedelta(days=days - 1), clock(8), tzinfo=zone)
    per_day = count // days
    step_us = 9 * 3600 * 1_000_000 // max(1, per_day)
    resource_name = settings.REGIE_LOG_RESOURCE
    chunk = 10_000
    for offset in range(0, count, chunk):
        n = min(chunk, count - offset)
        traces = rng.randbytes(16 * n).hex()
        spans = rng.randbytes(8 * n).hex()
        lines = []
        for j in range(n):
            i = offset + j
            who = rng.randrange(STAFF)
            moment = first + timedelta(days=i // per_day, microseconds=(i % per_day) * step_us)
            if i % 50_000 == 49_999:
                moment += timedelta(hours=12)
            subject = (
                rng.choice(staff.others)
                if i % 20_000 == 19_999
                else rng.choice(staff.caseloads[who])
            )
            stamp = moment.isoformat()
            lines.append(
                f"{traces[32 * j : 32 * j + 32]}\t{spans[16 * j : 16 * j + 16]}\t\tcase.read\t"
                f"{stamp}\t{stamp}\tok\t{resource_name}\t{uri}\t{version}\t{subject}\t"
                f"{SUBJECT_ID_TYPE}\tstaff\t{staff.actors[who]}\tconsulent\n"
            )
        yield "".join(lines)


def _fill(staff: Staff, count: int, days: int, last_day: date) -> Result:
    from regie.processing_log.models import ProcessingRecord
    from regie.register import builtin
    from regie.register.selectors import activity_version_in_force

    version = activity_version_in_force(builtin.REGISTER_RESIDENT).pk
    lines = _fill_lines(staff, count, days, last_day, version)
    start = time.perf_counter()
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        with connection.connection.cursor() as cursor:  # type: ignore[union-attr]
            cursor.execute("SET session_replication_role = replica")
            with cursor.copy(
                f"COPY processing_log_processingrecord ({COLUMNS}) FROM STDIN"
            ) as copy:
                for done, chunk in enumerate(lines, start=1):
                    copy.write(chunk)
                    if done % 100 == 0:
                        _progress(f"fill: {done * 10_000:,} records")
            cursor.execute("SET session_replication_role = DEFAULT")
            cursor.execute("ANALYZE processing_log_processingrecord")
    else:
        names = [name.strip() for name in COLUMNS.split(",")]
        for chunk in lines:
            ProcessingRecord.objects.bulk_create(
                [
                    ProcessingRecord(**dict(zip(names, line.split("\t"), strict=True)))
                    for line in chunk.splitlines()
                ]
            )
    elapsed = time.perf_counter() - start
    return Result(
        what="2a. fill the processing log (set-up)",
        size=f"{count:,} records, {days} days",
        seconds=elapsed,
        rate=f"{count / elapsed:,.0f} records/s",
        target="",
        met=None,
        note="no target",
    )


def _insider(count: int, days: int) -> list[Result]:
    from regie.monitoring import services
    from regie.monitoring.models import InsiderAlert

    last_day = timezone.localdate() - timedelta(days=1)
    _progress("staff, residents and caseloads")
    staff = _staff_and_caseloads()
    _progress(f"fill {count:,} records")
    results = [_fill(staff, count, days, last_day)]
    # The day before gives the volume rule its history, as the hourly task would have.
    services.insider_scan(day=last_day - timedelta(days=1))
    before = InsiderAlert.objects.count()
    _progress("insider rules over the last day")
    start = time.perf_counter()
    services.insider_scan(day=last_day)
    elapsed = time.perf_counter() - start
    per_day = count // days
    results.append(
        Result(
            what="2b. insider rules over one day",
            size=f"{per_day:,} records that day, {count:,} in the log",
            seconds=elapsed,
            rate=f"{per_day / elapsed:,.0f} records/s",
            target=f"< {INSIDER_TARGET_S} s",
            met=elapsed < INSIDER_TARGET_S,
            note=f"{InsiderAlert.objects.count() - before} alerts; peak RSS {_peak_mib():.0f} MiB",
        )
    )
    start = time.perf_counter()
    services.insider_scan(day=last_day)
    again = time.perf_counter() - start
    results.append(
        Result(
            what="2c. the same day again (idempotent: no new alerts)",
            size=f"{per_day:,} records",
            seconds=again,
            rate=f"{per_day / again:,.0f} records/s",
            target=f"< {INSIDER_TARGET_S} s",
            met=again < INSIDER_TARGET_S,
        )
    )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--eve-lines", type=int, default=1_000_000)
    parser.add_argument("--records", type=int, default=10_000_000)
    parser.add_argument("--days", type=int, default=30, help="days the records spread over")
    parser.add_argument("--skip-eve", action="store_true")
    parser.add_argument("--skip-insider", action="store_true")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, to check it works")
    args = parser.parse_args()
    if args.quick:
        args.eve_lines, args.records, args.days = 5_000, 20_000, 4

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    header = describe(connection)
    results: list[Result] = []
    try:
        if not args.skip_eve:
            results.extend(_eve(args.eve_lines))
        if not args.skip_insider:
            results.extend(_insider(args.records, args.days))
    finally:
        print("\n".join(header))
        print()
        print("| what | size | time | rate | target | verdict | note |")
        print("|---|---|---|---|---|---|---|")
        for result in results:
            print(result.row())
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
