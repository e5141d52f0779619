"""Organisation files (ISMS evidence): encrypted under a key of their own that the KEK wraps,
with the SHA-256 of the plaintext; rotated with the KEK; deleted only on purpose."""

import hashlib
import io
import os
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from pytest_django.fixtures import Settings

from regie.vault import services
from regie.vault.models import OrganisationFile
from regie.vault.stream import StreamError

MINUTES = b"%PDF-1.7 Verslag beveiligingsoverleg " * 5000  # several chunks


def _bodies(storage: Path) -> list[bytes]:
    return [path.read_bytes() for path in storage.rglob("*") if path.is_file()]


def test_it_stores_encrypted_with_a_digest_and_opens_after_a_rotation(
    settings: Settings, vault_storage: Path, db: None
) -> None:
    item = services.organisation_file_store(
        source=io.BytesIO(MINUTES), content_type="application/pdf", extension="pdf"
    )
    [body] = _bodies(vault_storage)
    assert b"Verslag" not in body and b"%PDF" not in body
    assert item.sha256 == hashlib.sha256(MINUTES).hexdigest() and item.size == len(MINUTES)
    old_id, old_key = settings.REGIE_KEK_ID, settings.REGIE_KEK
    settings.REGIE_KEK_ID, settings.REGIE_KEK = "k2", os.urandom(32)
    settings.REGIE_KEK_PREVIOUS = {old_id: old_key}
    output = io.StringIO()

    call_command("vault_rotate_kek", stdout=output)

    assert "1 organisation file key(s) re-wrapped" in output.getvalue()
    settings.REGIE_KEK_PREVIOUS = {}
    item.refresh_from_db()
    assert item.kek_id == "k2"
    assert _bodies(vault_storage) == [body]
    assert b"".join(services.organisation_file_open(item)) == MINUTES


def test_it_rejects_a_body_swapped_for_a_held_files(vault_storage: Path, db: None) -> None:
    item = services.organisation_file_store(
        source=io.BytesIO(b"evidence"), content_type="text/plain", extension="txt"
    )
    held = services.held_store(
        source=io.BytesIO(b"post"), content_type="application/pdf", extension="pdf"
    )
    (vault_storage / item.storage_name).write_bytes(
        (vault_storage / held.storage_name).read_bytes()
    )

    with pytest.raises(StreamError):
        b"".join(services.organisation_file_open(item))


def test_it_deletes_the_row_and_then_the_body(
    vault_storage: Path, db: None, django_capture_on_commit_callbacks: Any
) -> None:
    item = services.organisation_file_store(
        source=io.BytesIO(b"evidence"), content_type="text/plain", extension="txt"
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_file_delete(item=item)

    assert not OrganisationFile.objects.exists() and _bodies(vault_storage) == []
