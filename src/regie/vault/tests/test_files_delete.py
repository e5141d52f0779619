"""Deleting files outright (the demo's residents): rows and bodies go, other files stay, and
only inside the gate."""

import io
from pathlib import Path

import pytest

from regie.conftest import People, inspecting
from regie.core.gate import UngatedAccess
from regie.vault import services
from regie.vault.models import StoredFile

pytestmark = pytest.mark.django_db


def _store(people: People, body: bytes) -> StoredFile:
    with inspecting():
        return services.file_store(
            resident=people.anna,
            source=io.BytesIO(body),
            content_type="text/plain",
            extension="txt",
        )


def test_it_deletes_the_rows_and_bodies_of_the_files_only(
    people: People, vault_storage: Path, django_capture_on_commit_callbacks
) -> None:
    gone, kept = _store(people, b"plan"), _store(people, b"letter")

    with django_capture_on_commit_callbacks(execute=True), inspecting():
        assert services.files_delete(files=[gone]) == 1

    with inspecting():
        assert list(StoredFile.objects.all()) == [kept]
    assert not (vault_storage / gone.storage_name).exists()
    assert (vault_storage / kept.storage_name).exists()


def test_it_deletes_nothing_outside_the_gate(people: People) -> None:
    stored = _store(people, b"plan")

    with pytest.raises(UngatedAccess):
        services.files_delete(files=[stored])
