from pathlib import Path

import pytest
from pytest_django.fixtures import Settings


@pytest.fixture(autouse=True)
def vault_storage(settings: Settings, tmp_path: Path) -> Path:
    """Each test stores its files and shredding journal in a folder of its own."""
    media = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media)},
        },
    }
    settings.REGIE_SHRED_JOURNAL = tmp_path / "journal" / "shredding.jsonl"
    return media
