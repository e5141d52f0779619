"""Benchmark of the processing log (issue 3, "Performance"), in a database of its own.

Run:
    REGIE_ENV=test DATABASE_URL=postgres://postgres@127.0.0.1:5432/regie_bench \
        .venv/bin/python benchmarks/bench_processing_log.py --records 1000000
    ... --quick    every measurement at a tiny size, for CI

It makes a test database (Django's test-database machinery; destroyed at the end), fills the
log to --records records spread over many data subjects (COPY on PostgreSQL), one resident
owning --resident-records of them, seals it, and prints a Markdown table with the issue's
targets, the machine and the date. The results go into docs/benchmarks.md by hand.
"""

# Seeded pseudo-random data makes the runs repeatable; nothing here is a secret.
# ruff: noqa: S311

import argparse
import importlib.util
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import batched, count
from typing import Any

os.environ.setdefault("REGIE_ENV", "test")
# The settings module and `benchapp` live beside this script, which Python puts on sys.path.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings_auditlog")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402
from machine import describe  # noqa: E402

BATCH = 10_000  # records per bulk-ingest request
OVERVIEW_PAGE = 100
INGEST_URL = "/api/v1/processing-log/records"
SEARCH_URL = "/api/v1/processing-log/search"
INGEST_TARGET = "≥ 10,000 /s"
VERIFY_TARGET = "≥ 500,000 /s"
# Every business write sets a new amount: django-auditlog writes nothing for a save that
# changes nothing.
_AMOUNTS = count(1)


@dataclass
class Result:
    what: str
    size: str
    median_ms: float | None = None
    p95_ms: float | None = None
    rate: float | None = None  # records per second
    target: str = ""
    met: bool | None = None
    note: str = ""

    def row(self) -> str:
        def ms(value: float | None) -> str:
            return "" if value is None else f"{value:.2f} ms"

        rate = "" if self.rate is None else f"{self.rate:,.0f} /s"
        verdict = {True: "met", False: "**missed**", None: ""}[self.met]
        return (
            f"| {self.what} | {self.size} | {ms(self.median_ms)} | {ms(self.p95_ms)} | {rate} "
            f"| {self.target} | {verdict} | {self.note} |"
        )


def _available(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def _routed(path: str) -> bool:
    from django.urls import Resolver404, resolve

    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, -(-len(ordered) * 95 // 100) - 1)]


def _latency(fn: Callable[[], object], runs: int, warm_up: int = 3) -> tuple[float, float]:
    for _ in range(warm_up):
        fn()
    samples = [_timed(fn) for _ in range(runs)]
    return statistics.median(samples) * 1000, _p95(samples) * 1000


def _progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- setup -------------------------------------------------------------------------------


@dataclass
class World:
    staff: object
    resident: object
    activity_uri: str
    activities: list[tuple[str, int]]  # (uri, version id) to spread the fill over
    gated_rows: list[int]
    business_rows: list[int]


def _setup(rows: int) -> World:
    from benchapp.models import BusinessRow, GatedRow
    from benchapp.services import ACTIVITY_SLUG

    from regie.accounts import services
    from regie.accounts.models import Role, Team
    from regie.core.gate import system_access
    from regie.processing_log.gate import Actor
    from regie.register.models import ProcessingActivity, ProcessingActivityVersion

    team = Team.objects.create(name="Wmo")
    staff = services.staff_create(username="consulent", role=Role.CONSULENT, team=team)
    resident = services.resident_register(
        bsn="999990019", name="Anna Willems", actor=Actor.system("benchmark")
    )
    activity = ProcessingActivity.objects.create(slug=ACTIVITY_SLUG)
    ProcessingActivityVersion.objects.create(
        activity=activity,
        number=1,
        name="Benchmark row update",
        purpose="Measure the cost of the processing log.",
        legal_basis="AVG art. 6 lid 1 sub e",
        legal_source="Wmo 2015",
        plain_explanation="Alleen voor de benchmark.",
        retention="P1Y",
    )
    activities = [
        (version.activity.uri, version.pk)
        for version in ProcessingActivityVersion.objects.select_related("activity")
    ]
    with system_access("benchmark set-up"):
        gated = GatedRow.objects.bulk_create(
            GatedRow(resident=resident, reference=f"G{i}") for i in range(rows)
        )
    business = BusinessRow.objects.bulk_create(
        BusinessRow(resident=resident, reference=f"B{i}") for i in range(rows)
    )
    return World(
        staff=staff,
        resident=resident,
        activity_uri=activity.uri,
        activities=activities,
        gated_rows=[row.pk for row in gated],
        business_rows=[row.pk for row in business],
    )


# --- 1. write overhead --------------------------------------------------------------------


def _write_overhead(world: World, runs: int, label: str) -> Result:
    """Alternate the two writes (ABBA) so that drift in the machine hits both alike."""
    from benchapp.services import business_row_update, gated_row_update

    rng = random.Random(1)

    def regie() -> None:
        gated_row_update(
            row_id=rng.choice(world.gated_rows),
            amount=next(_AMOUNTS),
            resident=world.resident,
            actor=world.staff,
            activity=world.activity_uri,
        )

    def auditlog() -> None:
        business_row_update(
            row_id=rng.choice(world.business_rows),
            amount=next(_AMOUNTS),
            actor=world.staff,
        )

    from auditlog.models import LogEntry
    from django.db.models import Max

    from regie.processing_log.models import ProcessingRecord

    last_record = ProcessingRecord.objects.aggregate(last=Max("id"))["last"] or 0
    entries = LogEntry.objects.count()
    for _ in range(20):
        regie()
        auditlog()
    regie_samples: list[float] = []
    auditlog_samples: list[float] = []
    for i in range(runs):
        pair = [(regie, regie_samples), (auditlog, auditlog_samples)]
        for fn, samples in pair if i % 2 == 0 else reversed(pair):
            samples.append(_timed(fn))
    # Both sides must really have logged every write (see _AMOUNTS).
    written = ProcessingRecord.objects.filter(id__gt=last_record).count()
    logged = LogEntry.objects.count() - entries
    if written != runs + 20 or logged != runs + 20:
        raise AssertionError(f"{runs + 20} writes each, {written} records, {logged} log entries")
    ratio = statistics.median(regie_samples) / statistics.median(auditlog_samples)
    p95_ratio = _p95(regie_samples) / _p95(auditlog_samples)
    return Result(
        what=f"1. business write + log record via `processing()` ({label})",
        size=f"{runs} writes each",
        median_ms=statistics.median(regie_samples) * 1000,
        p95_ms=_p95(regie_samples) * 1000,
        target="≤ 1.5 x auditlog",
        met=ratio <= 1.5,
        note=(
            f"django-auditlog: median {statistics.median(auditlog_samples) * 1000:.2f} ms, "
            f"p95 {_p95(auditlog_samples) * 1000:.2f} ms; ratio {ratio:.2f} x "
            f"(p95 {p95_ratio:.2f} x)"
        ),
    )


# --- 2. bulk ingest -----------------------------------------------------------------------


def _valid_bsns(count: int) -> list[str]:
    from regie.core.bsn import is_valid_bsn

    found: list[str] = []
    candidate = 100_000_000
    while len(found) < count:
        candidate += 1
        if is_valid_bsn(str(candidate)):
            found.append(str(candidate))
    return found


def _ldv_records(
    world: World, count: int, bsns: list[str], system: str, rng: random.Random
) -> list[dict[str, object]]:
    """COUNT records in the shape of the ingest API, as another municipal system sends them."""
    now = datetime.now(UTC)
    records = []
    for i in range(count):
        start = now - timedelta(seconds=count - i)
        uri, _version = world.activities[i % len(world.activities)]
        records.append(
            {
                "trace_id": rng.randbytes(16).hex(),
                "span_id": rng.randbytes(8).hex(),
                "parent_span_id": "",
                "name": "zaak.raadplegen",
                "start_time": start.isoformat(),
                "end_time": (start + timedelta(milliseconds=3)).isoformat(),
                "status": "ok",
                "processing_activity_id": uri,
                "data_subject": {"bsn": rng.choice(bsns)},
                "actor": {"kind": "system", "id": system},
            }
        )
    return records


def _bulk_ingest(world: World, batch: int, batches: int) -> list[Result]:
    """Through the API (the target) and straight into `log_ingest()` (to show where the time
    goes). Each way gets one untimed warm-up batch of its own."""
    from regie.accounts import services

    if not _available("regie.processing_log.ingest"):
        return [Result(what="2. bulk ingest", size="—", target=INGEST_TARGET, note="no ingest")]
    from regie.processing_log.ingest import log_ingest

    rng = random.Random(2)
    bsns = _valid_bsns(2_000)
    token, secret = services.api_token_create(
        name="zaaksysteem", scopes=["processing_log.write"], created_by=None
    )

    def payloads() -> list[list[dict[str, object]]]:
        return [_ldv_records(world, batch, bsns, token.name, rng) for _ in range(batches + 1)]

    results = []
    if _routed(INGEST_URL):
        from django.test import Client

        client = Client(headers={"authorization": f"Bearer {secret}"})
        bodies = [json.dumps(batch) for batch in payloads()]
        refusal = ""

        def post(body: str) -> None:
            nonlocal refusal
            response = client.post(INGEST_URL, body, content_type="application/json")
            if response.status_code != 201 and not refusal:
                refusal = f"answered {response.status_code}: {response.json().get('detail')}"

        results.append(
            _ingest_result(
                batch, f"`POST {INGEST_URL}` (test Client)", post, bodies, refusal=lambda: refusal
            )
        )
    else:
        results.append(
            Result(
                what="2. bulk ingest through the API",
                size="—",
                target=INGEST_TARGET,
                met=False,
                note=f"{INGEST_URL} is not routed",
            )
        )
    results.append(
        _ingest_result(
            batch,
            "`log_ingest()` called directly (no HTTP, no JSON)",
            lambda records: log_ingest(records=records, token=token),
            payloads(),
            refusal=lambda: "",
            target=False,
        )
    )
    return results


def _ingest_result(
    batch: int,
    how: str,
    send: Callable[[Any], object],
    items: list[Any],
    *,
    refusal: Callable[[], str],
    target: bool = True,
) -> Result:
    send(items[0])
    samples = [_timed(lambda item=item: send(item)) for item in items[1:]]
    rate = batch * len(samples) / sum(samples)
    refused = refusal()
    return Result(
        what=f"2. bulk ingest, {how}",
        size=f"{len(samples)} x {batch:,} records",
        median_ms=statistics.median(samples) * 1000,
        p95_ms=_p95(samples) * 1000,
        rate=None if refused else rate,
        target=INGEST_TARGET if target else "",
        met=(not refused and rate >= 10_000) if target else None,
        note=f"**refused**: {refused}" if refused else f"latency per request of {batch:,}",
    )


# --- 3. fill and seal ---------------------------------------------------------------------


def _fill_lines(
    world: World, count: int, resident_records: int, subjects: int, chunk: int = 10_000
) -> Iterator[str]:
    """COUNT records as COPY text, CHUNK lines at a time, spread evenly over two years; every
    (COUNT // RESIDENT_RECORDS)-th belongs to the benchmark's resident."""
    rng = random.Random(3)
    pseudonyms = [rng.randbytes(32).hex() for _ in range(subjects)]
    actors = [rng.randbytes(16).hex() for _ in range(200)]
    own = world.resident.subject_pseudonym  # type: ignore[attr-defined]
    every = max(1, count // max(1, resident_records))
    first = datetime.now(UTC) - timedelta(days=730)
    step = max(1, int(730 * 86_400 * 1_000_000 / max(1, count)))
    resource = settings.REGIE_LOG_RESOURCE
    kinds = world.activities
    for offset in range(0, count, chunk):
        n = min(chunk, count - offset)
        traces = rng.randbytes(16 * n).hex()
        spans = rng.randbytes(8 * n).hex()
        chosen = rng.choices(pseudonyms, k=n)
        lines = []
        for j in range(n):
            i = offset + j
            subject = own if i % every == every - 1 and i // every < resident_records else chosen[j]
            moment = (first + timedelta(microseconds=i * step)).isoformat()
            uri, version = kinds[i % len(kinds)]
            lines.append(
                f"{traces[32 * j : 32 * j + 32]}\t{spans[16 * j : 16 * j + 16]}\t\t"
                f"zaak.raadplegen\t{moment}\t{moment}\tok\t{resource}\t{uri}\t{version}\t"
                f"{subject}\tregie:bsn-hmac-sha256\tstaff\t{actors[i % 200]}\tconsulent\n"
            )
        yield "".join(lines)


RECORD_TABLE = "processing_log_processingrecord"
LEAF_COLUMNS = "index, record_id, leaf_hash"
COLUMNS = (
    "trace_id, span_id, parent_span_id, name, start_time, end_time, status, resource, "
    "activity_uri, activity_version_id, data_subject_id, data_subject_id_type, actor_kind, "
    "actor_id, actor_role"
)


@contextmanager
def _indexes_built_afterwards(enabled: bool) -> Iterator[None]:
    """Drop ProcessingRecord's own indexes during the fill and build them again from the
    model's Meta afterwards: one sorted build beats millions of random B-tree inserts."""
    from regie.processing_log.models import ProcessingRecord

    indexes = ProcessingRecord._meta.indexes if enabled else []
    with connection.schema_editor() as editor:
        for index in indexes:
            editor.remove_index(ProcessingRecord, index)
    yield
    if indexes:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '1GB'")
    with connection.schema_editor() as editor:
        for index in indexes:
            editor.add_index(ProcessingRecord, index)


def _fill(world: World, count: int, resident_records: int) -> Result:
    from regie.processing_log.models import ProcessingRecord

    subjects = max(10, count // 100)
    lines = _fill_lines(world, count, resident_records, subjects)
    start = time.perf_counter()
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        with (
            _indexes_built_afterwards(count >= 1_000_000),
            connection.connection.cursor() as cursor,  # type: ignore[union-attr]
        ):
            # The foreign-key check on activity_version costs PostgreSQL more than the rest of
            # the row; every value written is a version's id, so skip the check (superuser).
            cursor.execute("SET session_replication_role = replica")
            with cursor.copy(
                f"COPY processing_log_processingrecord ({COLUMNS}) FROM STDIN"
            ) as copy:
                for done, chunk in enumerate(lines, start=1):
                    copy.write(chunk)
                    if done % 100 == 0:
                        _progress(f"fill: {done * 10_000:,} records")
            cursor.execute("SET session_replication_role = DEFAULT")
        how = "COPY"
    else:
        names = [name.strip() for name in COLUMNS.split(",")]
        for chunk in lines:
            rows = [line.split("\t") for line in chunk.splitlines()]
            ProcessingRecord.objects.bulk_create(
                [ProcessingRecord(**dict(zip(names, row, strict=True))) for row in rows]
            )
        how = "bulk_create"
    elapsed = time.perf_counter() - start
    return Result(
        what=f"3a. fill the log ({how}; set-up)",
        size=f"{count:,} records, {subjects:,} subjects",
        rate=count / elapsed if elapsed else None,
        note=f"{elapsed:.0f} s, indexes included; no target",
    )


def _preseal(keep: int) -> Result | None:
    """Seal every record but the newest KEEP as `log_seal` would (same leaf hashes, same
    stored subtrees, one signed checkpoint), writing LogLeaf and TreeNode with COPY: the
    sealer's row-by-row inserts would take most of an hour at 10 million records. verify_log
    recomputes all of it from the records afterwards, so a mistake here cannot go unnoticed.
    """
    from django.conf import settings

    from regie.processing_log import merkle, signed_note
    from regie.processing_log.models import Checkpoint, LogLeaf, ProcessingRecord, TreeNode
    from regie.processing_log.records import HASHED_FIELDS, record_bytes
    from regie.processing_log.store import DatabaseNodeStore

    upto = ProcessingRecord.objects.count() - keep
    if connection.vendor != "postgresql" or upto <= 0 or LogLeaf.objects.exists():
        return None
    start = time.perf_counter()
    frontier = merkle.MemoryStore()  # the last node of every level: all a later append reads
    size = 0
    rows = (
        ProcessingRecord.objects.order_by("id")
        .values_list(*HASHED_FIELDS)[:upto]
        .iterator(chunk_size=20_000)
    )
    with transaction.atomic(), connection.connection.cursor() as raw:  # type: ignore[union-attr]
        for chunk in batched(rows, 100_000):
            hashes = [merkle.leaf_hash(record_bytes(row)) for row in chunk]
            nodes = merkle.nodes_for_append(frontier, size, hashes)
            # COPY text; a bytea is \\x and its hex digits, the backslash doubled.
            leaf_lines = "".join(
                f"{size + offset}\t{row[0]}\t\\\\x{leaf.hex()}\n"
                for offset, (row, leaf) in enumerate(zip(chunk, hashes, strict=True))
            )
            node_lines = "".join(
                f"{TreeNode.key_for(level, index)}\t\\\\x{value.hex()}\n"
                for level, index, value in nodes
            )
            with raw.copy(f"COPY processing_log_logleaf ({LEAF_COLUMNS}) FROM STDIN") as copy:
                copy.write(leaf_lines)
            with raw.copy("COPY processing_log_treenode (key, hash) FROM STDIN") as copy:
                copy.write(node_lines)
            last: dict[int, merkle.Node] = {}
            for node in (*((lv, ix, v) for (lv, ix), v in frontier.nodes.items()), *nodes):
                if node[0] not in last or node[1] > last[node[0]][1]:
                    last[node[0]] = node
            frontier = merkle.MemoryStore()
            frontier.put_many(last.values())
            size += len(chunk)
            if size % 1_000_000 == 0:
                _progress(f"preseal: {size:,} records")
        root = merkle.root(DatabaseNodeStore(), size)
        body = signed_note.format_checkpoint(settings.REGIE_LOG_ORIGIN, size, root)
        Checkpoint.objects.create(
            size=size,
            root_hash=root,
            origin=settings.REGIE_LOG_ORIGIN,
            note=signed_note.sign_note(body, settings.REGIE_LOG_SIGNING_KEY).decode(),
        )
    elapsed = time.perf_counter() - start
    return Result(
        what="3b. seal the older records with the benchmark's COPY sealer (set-up)",
        size=f"{size:,} records, 1 checkpoint",
        rate=size / elapsed,
        note=f"{elapsed:.0f} s; same rows as `log_seal`, checked by `verify_log()`",
    )


def _seal() -> Result:
    from regie.processing_log.services import log_seal_all

    start = time.perf_counter()
    results = log_seal_all()
    elapsed = time.perf_counter() - start
    sealed = sum(result.sealed for result in results)
    return Result(
        what="3c. seal the log with `log_seal_all()`",
        size=f"{sealed:,} records, {len(results)} checkpoints",
        rate=sealed / elapsed if sealed else None,
        note=f"{elapsed:.0f} s; no target in the issue",
    )


# --- 4. a resident's overview -------------------------------------------------------------


def _sealed_reads(fn: Callable[[], object], runs: int, warm_up: int = 3) -> list[float]:
    """Every read writes a record of its own (reading the log is processing too); sealing
    between runs, untimed, keeps every entry of the page with a proof, as a resident normally
    sees it."""
    from regie.processing_log.services import log_seal_all

    samples = []
    for i in range(warm_up + runs):
        log_seal_all()
        elapsed = _timed(fn)
        if i >= warm_up:
            samples.append(elapsed)
    return samples


def _overview(world: World, runs: int, resident_records: int) -> list[Result]:
    if not _available("regie.processing_log.reading"):
        return [Result(what="4. a resident's overview", size="—", note="reading.py not there")]
    from regie.processing_log.reading import records_for

    pseudonym = world.resident.subject_pseudonym  # type: ignore[attr-defined]
    size = f"{runs} reads, resident with {resident_records:,} records"

    def read(limit: int) -> None:
        page = records_for(actor=world.staff, data_subject_id=pseudonym, limit=limit)
        if len(page.entries) != limit or any(entry.proof is None for entry in page.entries):
            raise AssertionError(f"expected {limit} sealed records, got {len(page.entries)}")
        for entry in page.entries:
            _shown = (entry.record.activity_version.purpose, entry.proof)

    results = []
    for limit in (OVERVIEW_PAGE, resident_records):
        samples = _sealed_reads(lambda limit=limit: read(limit), runs)
        p95 = _p95(samples) * 1000
        newest = limit == OVERVIEW_PAGE
        results.append(
            Result(
                what=f"4. overview: `records_for()`, {'newest' if newest else 'all'} {limit} "
                "with proofs",
                size=size,
                median_ms=statistics.median(samples) * 1000,
                p95_ms=p95,
                target="p95 ≤ 50 ms" if newest else "",
                met=p95 <= 50 if newest else None,
                note="the page the portal shows" if newest else "no target",
            )
        )
    if _routed(SEARCH_URL):
        from django.test import Client

        from regie.accounts import services

        _token, secret = services.api_token_create(
            name="privacy-dashboard", scopes=["processing_log.read"], created_by=None
        )
        client = Client(headers={"authorization": f"Bearer {secret}"})
        body = json.dumps({"data_subject": {"pseudonym": pseudonym}, "limit": OVERVIEW_PAGE})

        def search() -> None:
            response = client.post(SEARCH_URL, body, content_type="application/json")
            if response.status_code != 200 or len(response.json()["records"]) != OVERVIEW_PAGE:
                raise AssertionError(f"search answered {response.status_code}")

        samples = _sealed_reads(search, runs)
        p95 = _p95(samples) * 1000
        results.append(
            Result(
                what=f"4. overview: `POST {SEARCH_URL}`, newest {OVERVIEW_PAGE} as JSON",
                size=size,
                median_ms=statistics.median(samples) * 1000,
                p95_ms=p95,
                target="p95 ≤ 50 ms",
                met=p95 <= 50,
                note="test Client: token check, view, JSON rendering",
            )
        )
    return results


# --- 5. inclusion proofs ------------------------------------------------------------------


def _proofs(runs: int) -> Result:
    from regie.processing_log import merkle
    from regie.processing_log.models import LogLeaf, ProcessingRecord
    from regie.processing_log.records import HASHED_FIELDS, record_bytes
    from regie.processing_log.selectors import inclusion_proof, latest_checkpoint

    checkpoint = latest_checkpoint()
    assert checkpoint is not None
    rng = random.Random(5)
    indexes = rng.sample(range(checkpoint.size), min(runs, checkpoint.size))
    record_ids = list(LogLeaf.objects.filter(index__in=indexes).values_list("record_id", flat=True))
    rng.shuffle(record_ids)
    for record_id in record_ids[:20]:
        proof = inclusion_proof(record_id=record_id)
        values = ProcessingRecord.objects.filter(id=record_id).values_list(*HASHED_FIELDS).get()
        if merkle.leaf_hash(record_bytes(values)) != proof.leaf_hash or not merkle.verify_inclusion(
            proof.leaf_hash, proof.leaf_index, proof.tree_size, proof.path, checkpoint.root_hash
        ):
            raise AssertionError(f"the inclusion proof of record {record_id} does not verify")
    samples = [
        _timed(lambda record_id=record_id: inclusion_proof(record_id=record_id))
        for record_id in record_ids
    ]
    p95 = _p95(samples) * 1000
    return Result(
        what="5. inclusion proof (`selectors.inclusion_proof`)",
        size=f"{len(samples):,} random records",
        median_ms=statistics.median(samples) * 1000,
        p95_ms=p95,
        target="p95 ≤ 5 ms",
        met=p95 <= 5,
        note=f"tree of {checkpoint.size:,} leaves",
    )


# --- 6. verify_log ------------------------------------------------------------------------


def _verify() -> Result:
    if not _available("regie.processing_log.verify"):
        return Result(what="6. `verify_log()`", size="—", target=VERIFY_TARGET, note="no verify.py")
    from regie.processing_log.verify import verify_log

    start = time.perf_counter()
    report = verify_log(
        progress=lambda done: _progress(f"verify: {done:,}") if done % 2**20 == 0 else None
    )
    elapsed = time.perf_counter() - start
    if not report.ok:
        raise AssertionError(f"verify_log found a problem: {report.first_problem}")
    rate = report.records / elapsed
    return Result(
        what="6. `verify_log()` over the whole log",
        size=f"{report.records:,} records, {report.checkpoints:,} checkpoints",
        rate=rate,
        target=VERIFY_TARGET,
        met=rate >= 500_000,
        note=f"{elapsed:.1f} s; found the log intact",
    )


# --- main ---------------------------------------------------------------------------------


def _print_table(header: list[str], results: list[Result]) -> None:
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print("\n".join(header))
    print(f"Load average at the end: {load} (other work on the machine skews the figures)")
    print()
    print("| measurement | size | median | p95 | throughput | target | result | notes |")
    print("|---|---|---|---|---|---|---|---|")
    for result in results:
        print(result.row(), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000, help="fill the log to this")
    parser.add_argument("--resident-records", type=int, default=1_000)
    parser.add_argument(
        "--log-seal-records",
        type=int,
        default=None,
        help="let log_seal_all() seal only the newest this many records and seal the older "
        "ones with the benchmark's COPY sealer (for large --records); default: all",
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes, to check it works")
    args = parser.parse_args()
    if args.quick:
        args.records, args.resident_records, args.log_seal_records = 3_000, 200, 1_000
    batch, batches = (500, 2) if args.quick else (BATCH, 5)
    writes, runs, proof_runs = (100, 10, 100) if args.quick else (1000, 50, 1000)

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    results: list[Result] = []
    header = describe(connection)
    try:
        world = _setup(rows=1000)
        _progress("write overhead, empty log")
        results.append(_write_overhead(world, writes, "log nearly empty"))
        _progress("bulk ingest")
        results.extend(_bulk_ingest(world, batch, batches))
        from regie.processing_log.models import ProcessingRecord

        fill = max(args.records - ProcessingRecord.objects.count(), args.resident_records)
        _progress(f"fill {fill:,} records")
        results.append(_fill(world, fill, args.resident_records))
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE processing_log_processingrecord")
        if args.log_seal_records is not None:
            _progress("preseal")
            preseal = _preseal(keep=args.log_seal_records)
            if preseal is not None:
                results.append(preseal)
        _progress("seal")
        results.append(_seal())
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        total = ProcessingRecord.objects.count()
        _progress("write overhead, full log")
        results.append(_write_overhead(world, writes, f"log at {total:,} records"))
        _seal()
        _progress("overview")
        results.extend(_overview(world, runs, args.resident_records))
        _progress("proofs")
        results.append(_proofs(proof_runs))
        _progress("verify")
        results.append(_verify())
    finally:
        # What was measured is printed even when a later step fails.
        _print_table(header, results)
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
