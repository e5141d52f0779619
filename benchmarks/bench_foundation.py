"""Benchmark of the foundation: the access decision, a full staff page and the DigiD mock
log-in, on the database DATABASE_URL names (SQLite by default).

Run: REGIE_ENV=test .venv/bin/python benchmarks/bench_foundation.py [--quick]
Results go into docs/benchmarks.md by hand, with the machine and the date. CI runs it with
--quick so that it cannot rot.
"""

import argparse
import os
import platform
import statistics
import time
import tracemalloc
from collections.abc import Callable

os.environ.setdefault("REGIE_ENV", "test")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402


def _measure(label: str, fn: Callable[[], object], repeat: int) -> None:
    fn()  # warm-up
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    # Memory is traced on a separate run: tracing slows every allocation down.
    tracemalloc.start()
    fn()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    samples.sort()
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(
        f"| {label} | {repeat} | {statistics.median(samples) * 1000:.2f} ms "
        f"| {p95 * 1000:.2f} ms | {peak / 1024:.0f} KiB |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="few runs, to check it works")
    scale = 20 if parser.parse_args().quick else 1
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from django.test import Client
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from regie.accounts import services
        from regie.accounts.access import Action, decide
        from regie.accounts.models import Role, Team
        from regie.conftest import log_in
        from regie.core.bsn import is_valid_bsn
        from regie.processing_log.gate import Actor

        team = Team.objects.create(name="Wmo")
        consulent = services.staff_create(username="c", role=Role.CONSULENT, team=team)
        TOTPDevice.objects.create(user=consulent, name="t", confirmed=True)
        consulent.is_verified = lambda: True  # type: ignore[attr-defined]
        residents = []
        candidate = 100000000
        while len(residents) < 200 // scale:
            candidate += 1
            if is_valid_bsn(str(candidate)):
                resident = services.resident_register(
                    bsn=str(candidate), name="Demo", actor=Actor.system("benchmark")
                )
                services.caseload_assign(
                    consulent=consulent, resident=resident, assigned_by=Actor.system("benchmark")
                )
                residents.append(resident)
        client = log_in(Client(), consulent)

        python = platform.python_version()
        print(f"Machine: {platform.node()}, {os.cpu_count()} cores, Python {python}")
        print(f"Database: {connection.vendor}")
        print("| what | runs | median | p95 | peak memory |")
        print("|---|---|---|---|---|")
        _measure(
            "access decision, resident in caseload",
            lambda: decide(consulent, Action.RESIDENT_VIEW, residents[-1]),
            2000 // scale,
        )
        pages = 300 // scale
        _measure("staff start page /werk/ (full request)", lambda: client.get("/werk/"), pages)
        _measure("landing page / anonymous", lambda: Client().get("/"), pages)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
