"""The lines every benchmark prints above its table: when, on what machine, under what load,
with which database and versions (docs/benchmarks.md keeps them with the figures)."""

import os
import platform
from datetime import UTC, datetime
from pathlib import Path

import django
from django.db.backends.base.base import BaseDatabaseWrapper


def describe(connection: BaseDatabaseWrapper) -> list[str]:
    memory = "?"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        database = connection.vendor
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    return [
        f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"Machine: {os.cpu_count()} cores, {memory} memory, load average at start {load}",
        f"Database: {database}; Python {platform.python_version()}; Django {django.__version__}",
    ]
