"""Production refuses to start on a missing or unsafe setting, and names the variable.

Settings are read once at import, so every case starts a fresh Python process.
"""

import base64
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from regie.testing.production import clean_env, production_env

SETUP = "import django; django.setup()"


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        args, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def _setup(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-c", SETUP], env)


def _regie(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-m", "regie.manage", *args], env)


def test_it_starts_with_a_complete_production_environment(tmp_path: Path):
    result = _setup(production_env(tmp_path))

    assert result.returncode == 0, result.stderr


def test_it_treats_a_missing_regie_env_as_production(tmp_path: Path):
    result = _setup(clean_env(tmp_path))

    assert result.returncode != 0
    assert "REGIE_SECRET_KEY" in result.stderr


def test_it_refuses_production_without_a_secret_key(tmp_path: Path):
    result = _setup(production_env(tmp_path, REGIE_SECRET_KEY=""))

    assert result.returncode != 0
    assert "ConfigurationError" in result.stderr
    assert "REGIE_SECRET_KEY" in result.stderr


def test_it_refuses_a_short_secret_key(tmp_path: Path):
    result = _setup(production_env(tmp_path, REGIE_SECRET_KEY="too-short"))

    assert result.returncode != 0
    assert "REGIE_SECRET_KEY" in result.stderr


def test_it_refuses_debug_in_production(tmp_path: Path):
    result = _setup(production_env(tmp_path, REGIE_DEBUG="1"))

    assert result.returncode != 0
    assert "REGIE_DEBUG" in result.stderr


@pytest.mark.parametrize(
    "name",
    [
        "REGIE_KEK",
        "REGIE_BLIND_INDEX_KEY",
        "REGIE_ALLOWED_HOSTS",
        "REGIE_EMAIL_HOST",
        "REGIE_LOG_SIGNING_KEY",
    ],
)
def test_it_names_each_missing_variable(tmp_path: Path, name: str):
    result = _setup(production_env(tmp_path, **{name: ""}))

    assert result.returncode != 0
    assert "ConfigurationError" in result.stderr
    assert name in result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("REGIE_LOG_SIGNING_KEY", "not-a-key"),
        ("REGIE_LOG_RETIRED_VERIFIERS", "not-a-key@10"),
        ("REGIE_KEK_PREVIOUS", "k0:c2hvcnQ="),
    ],
)
def test_it_names_a_malformed_key(tmp_path: Path, name: str, value: str):
    result = _setup(production_env(tmp_path, **{name: value}))

    assert result.returncode != 0
    assert "ConfigurationError" in result.stderr
    assert name in result.stderr


@pytest.mark.parametrize("name", ["REGIE_KEK", "REGIE_BLIND_INDEX_KEY"])
def test_it_refuses_a_key_of_the_wrong_length(tmp_path: Path, name: str):
    short = base64.b64encode(secrets.token_bytes(16)).decode()

    result = _setup(production_env(tmp_path, **{name: short}))

    assert result.returncode != 0
    assert name in result.stderr


@pytest.mark.parametrize("name", ["REGIE_SECRET_KEY", "REGIE_KEK"])
def test_it_reads_a_secret_from_a_file(tmp_path: Path, name: str):
    env = production_env(tmp_path)
    secret_file = tmp_path / "secret"
    secret_file.write_text(env.pop(name) + "\n")
    env[f"{name}_FILE"] = str(secret_file)

    result = _setup(env)

    assert result.returncode == 0, result.stderr


def test_it_names_a_secret_file_that_cannot_be_read(tmp_path: Path):
    env = production_env(tmp_path, REGIE_SECRET_KEY="")
    env["REGIE_SECRET_KEY_FILE"] = str(tmp_path / "missing")

    result = _setup(env)

    assert result.returncode != 0
    assert "REGIE_SECRET_KEY_FILE" in result.stderr


@pytest.mark.parametrize(("name", "value"), [("REGIE_DIGID", "mock"), ("REGIE_SCAN", "off")])
def test_it_refuses_demo_only_switches_in_production(tmp_path: Path, name: str, value: str):
    result = _setup(production_env(tmp_path, **{name: value}))

    assert result.returncode != 0
    assert f"{name}={value}" in result.stderr


def test_it_passes_the_deployment_checks_ci_runs(tmp_path: Path):
    env = production_env(tmp_path)
    assert _regie(env, "migrate", "--verbosity", "0").returncode == 0

    result = _regie(env, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr


CREATE_DEMO_USER = (
    "from regie.accounts import services; from regie.accounts.models import Role; "
    "services.staff_create(username='demo-consulent', role=Role.CONSULENT, is_demo=True)"
)


def test_it_refuses_to_serve_while_demo_log_ins_exist(tmp_path: Path):
    env = production_env(tmp_path)
    migrated = _regie(env, "migrate", "--verbosity", "0")
    assert migrated.returncode == 0, migrated.stderr
    created = _regie(env, "shell", "-c", CREATE_DEMO_USER)
    assert created.returncode == 0, created.stderr

    check = _regie(env, "check", "--deploy", "--fail-level", "WARNING")
    serve = _run([sys.executable, "-c", "import regie.wsgi"], env)

    assert check.returncode != 0
    assert "regie.E001" in check.stderr
    assert serve.returncode != 0
    assert "Demo log-ins" in serve.stderr

    removed = _regie(env, "remove_demo")
    assert removed.returncode == 0, removed.stderr

    check = _regie(env, "check", "--deploy", "--fail-level", "WARNING")
    serve = _run([sys.executable, "-c", "import regie.wsgi"], env)

    assert check.returncode == 0, check.stderr
    assert serve.returncode == 0, serve.stderr


def test_it_refuses_to_serve_an_unmigrated_database(tmp_path: Path):
    result = _run([sys.executable, "-c", "import regie.wsgi"], production_env(tmp_path))

    assert result.returncode != 0
    assert "regie migrate" in result.stderr
