"""Files in the vault: encrypted under a key of their own, wrapped by the resident's key;
what is on disk never contains the plaintext, and a body moved to another file is refused."""

import io
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from regie.accounts.models import Resident
from regie.conftest import People, inspecting
from regie.core.gate import UngatedAccess
from regie.vault import services
from regie.vault.models import ResidentKey, StoredFile
from regie.vault.stream import StreamError

MARKER = b"ONDERSTEUNINGSPLAN-ANNA-WILLEMS-" * 5000


def store(people: People, body: bytes = MARKER, resident: Resident | None = None) -> StoredFile:
    with inspecting():
        return services.file_store(
            resident=resident or people.anna,
            source=io.BytesIO(body),
            content_type="text/plain",
            extension="txt",
        )


def read(stored: StoredFile) -> bytes:
    with inspecting():
        return b"".join(services.file_open(stored))


def test_it_gives_back_what_was_stored(people: People):
    stored = store(people)

    assert read(stored) == MARKER
    assert stored.size == len(MARKER)


def test_it_never_writes_the_plaintext_to_the_storage(people: People, vault_storage: Path):
    store(people)

    files = [path for path in vault_storage.rglob("*") if path.is_file()]
    assert len(files) == 1
    assert b"ONDERSTEUNINGSPLAN" not in files[0].read_bytes()
    assert files[0].suffix == ".rgv" and "ANNA" not in str(files[0])


def test_it_makes_one_data_key_per_resident(people: People):
    store(people)
    store(people)
    store(people, resident=people.bram)

    with inspecting():
        assert ResidentKey.objects.count() == 2
        assert StoredFile.objects.count() == 3


def test_it_refuses_a_body_swapped_with_another_file(people: People):
    first, second = store(people, b"first plan"), store(people, b"second plan")
    with default_storage.open(second.storage_name, "rb") as body:
        swapped = body.read()
    default_storage.delete(first.storage_name)
    default_storage.save(first.storage_name, io.BytesIO(swapped))

    with pytest.raises(StreamError):
        read(first)
    assert read(second) == b"second plan"


def test_it_refuses_a_truncated_body(people: People, vault_storage: Path):
    stored = store(people)
    path = vault_storage / stored.storage_name
    path.write_bytes(path.read_bytes()[:-100])

    with pytest.raises(StreamError):
        read(stored)


def test_it_stores_only_inside_a_processing(people: People):
    with pytest.raises(UngatedAccess):
        services.file_store(
            resident=people.anna,
            source=io.BytesIO(b"plan"),
            content_type="text/plain",
            extension="txt",
        )
    with pytest.raises(UngatedAccess):
        services.text_seal(resident_id=people.anna.pk, text="note", context="note")


def test_it_keeps_keys_and_files_behind_the_gate(people: People):
    store(people)

    with pytest.raises(UngatedAccess):
        list(ResidentKey.objects.all())
    with pytest.raises(UngatedAccess):
        list(StoredFile.objects.all())


def test_it_seals_notes_under_the_residents_key(people: People):
    with inspecting():
        blob = services.text_seal(
            resident_id=people.anna.pk, text="Gesprek met Anna", context="note"
        )
        assert services.text_open(resident_id=people.anna.pk, blob=blob, context="note") == (
            "Gesprek met Anna"
        )
        with pytest.raises(services.keys.UnwrapError):
            services.text_open(resident_id=people.anna.pk, blob=blob, context="decision")
    assert b"Anna" not in blob
