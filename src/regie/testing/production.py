"""Environments for tests that start Regie in a subprocess with production settings."""

import base64
import os
import secrets
from pathlib import Path

from regie.processing_log.signed_note import generate_signer


def random_key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


def clean_env(data_dir: Path, **variables: str) -> dict[str, str]:
    """This process's environment without any Regie or Django setting, plus VARIABLES."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("REGIE_", "DJANGO_")) and name != "DATABASE_URL"
    }
    env["DJANGO_SETTINGS_MODULE"] = "regie.settings"
    env["REGIE_DATA_DIR"] = str(data_dir)
    env.update(variables)
    return env


def production_env(data_dir: Path, **overrides: str) -> dict[str, str]:
    """Everything production asks for (as in .ci/run), with a SQLite file under DATA_DIR.
    An override of "" removes that variable."""
    variables = {
        "REGIE_ENV": "production",
        "REGIE_SECRET_KEY": secrets.token_urlsafe(50),
        "REGIE_KEK": random_key(),
        "REGIE_BLIND_INDEX_KEY": random_key(),
        "REGIE_ALLOWED_HOSTS": "regie.lindendal.example",
        "REGIE_EMAIL_HOST": "smtp.lindendal.example",
        "REGIE_SCAN": "clamd",
        "REGIE_DIGID": "saml",
        "REGIE_LOG_SIGNING_KEY": generate_signer("regie.lindendal.example"),
        "DATABASE_URL": f"sqlite:///{data_dir / 'regie.sqlite3'}",
    }
    variables.update(overrides)
    return clean_env(data_dir, **{k: v for k, v in variables.items() if v != ""})
