"""A real task worker for integration tests: `regie db_worker` in its own process, working the
database queue of the test database until it is empty.

    @pytest.mark.django_db(transaction=True)
    def test_it_reminds(task_queue):
        enqueue_due()
        assert run_worker().returncode == 0

The test must be transactional, so that the worker sees what the test committed.
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection
from pytest_django.fixtures import Settings

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_database_url() -> str:
    """The URL of the database this test runs against (the test database, not the real one)."""
    info = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{info['NAME']}"
    if connection.vendor == "postgresql":
        host = info["HOST"] or "127.0.0.1"
        password = f":{info['PASSWORD']}" if info["PASSWORD"] else ""
        return f"postgres://{info['USER']}{password}@{host}:{info['PORT'] or 5432}/{info['NAME']}"
    raise NotImplementedError(f"no worker URL for {connection.vendor}")


def run_worker(*, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run one worker over the queue until it is empty; returns the finished process."""
    if connection.vendor == "sqlite" and "memory" in str(connection.settings_dict["NAME"]):
        raise RuntimeError("the worker cannot reach an in-memory SQLite test database")
    regie = Path(sys.executable).parent / "regie"
    environment = {**os.environ, "DATABASE_URL": test_database_url(), "REGIE_TASKS": "database"}
    return subprocess.run(  # noqa: S603 (our own console script, fixed arguments)
        [str(regie), "db_worker", "--batch", "--no-startup-delay", "--interval", "0.1"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def task_queue(settings: Settings) -> Iterator[None]:
    """Tasks enqueued during the test go into the database queue instead of running at once."""
    settings.TASKS = DATABASE_QUEUE
    yield
