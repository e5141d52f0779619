"""Held files: scanned post with no resident yet, encrypted under a key of its own that the KEK
wraps; rotated with the KEK, moved under a resident's key when filed, and gone afterwards."""

import io
import os
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from pytest_django.fixtures import Settings

from regie.conftest import People, inspecting
from regie.vault import services
from regie.vault.models import HeldFile
from regie.vault.stream import StreamError

SCAN = b"%PDF-1.7 Brief van Anna Willems " * 5000  # several chunks


def _bodies(storage: Path) -> list[bytes]:
    return [path.read_bytes() for path in storage.rglob("*") if path.is_file()]


def test_it_holds_a_file_encrypted_and_opens_it_after_a_rotation(
    settings: Settings, vault_storage: Path, db: None
) -> None:
    held = services.held_store(
        source=io.BytesIO(SCAN), content_type="application/pdf", extension="pdf"
    )
    [body] = _bodies(vault_storage)
    assert b"Anna" not in body and b"%PDF" not in body
    old_id, old_key = settings.REGIE_KEK_ID, settings.REGIE_KEK
    settings.REGIE_KEK_ID, settings.REGIE_KEK = "k2", os.urandom(32)
    settings.REGIE_KEK_PREVIOUS = {old_id: old_key}
    output = io.StringIO()

    call_command("vault_rotate_kek", stdout=output)

    assert "1 held file key(s) re-wrapped" in output.getvalue()
    settings.REGIE_KEK_PREVIOUS = {}
    held.refresh_from_db()
    assert held.kek_id == "k2"
    assert b"".join(services.held_open(held)) == SCAN


def test_it_rejects_a_held_body_swapped_for_another(vault_storage: Path, db: None) -> None:
    first = services.held_store(
        source=io.BytesIO(b"first"), content_type="application/pdf", extension="pdf"
    )
    second = services.held_store(
        source=io.BytesIO(b"second"), content_type="application/pdf", extension="pdf"
    )
    (vault_storage / first.storage_name).write_bytes(
        (vault_storage / second.storage_name).read_bytes()
    )

    with pytest.raises(StreamError):
        b"".join(services.held_open(first))


def test_it_releases_a_held_file_to_a_resident_and_deletes_the_held_copy(
    people: People,
    vault_storage: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    held = services.held_store(
        source=io.BytesIO(SCAN), content_type="application/pdf", extension="pdf"
    )
    held_name = held.storage_name

    with django_capture_on_commit_callbacks(execute=True), inspecting():
        stored = services.held_release(held=held, resident=people.anna)

    assert not HeldFile.objects.exists()
    assert not (vault_storage / held_name).exists()
    with inspecting():
        assert b"".join(services.file_open(stored)) == SCAN
    assert stored.size == len(SCAN)
    assert all(b"Anna" not in body for body in _bodies(vault_storage))
