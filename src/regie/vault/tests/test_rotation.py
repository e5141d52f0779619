"""Rotating the key-encryption key re-wraps the residents' keys and leaves the bodies alone."""

import base64
import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from pytest_django.fixtures import Settings

from regie.accounts.models import Resident
from regie.conftest import BSN_ANNA, People, inspecting
from regie.core.crypto import unseal
from regie.vault import services
from regie.vault.keys import UnwrapError
from regie.vault.models import ResidentKey


def test_it_rewraps_keys_without_touching_the_bodies(
    people: People, settings: Settings, vault_storage: Path
):
    with inspecting():
        stored = services.file_store(
            resident=people.anna,
            source=io.BytesIO(b"plan"),
            content_type="text/plain",
            extension="txt",
        )
        note = services.text_seal(resident_id=people.anna.pk, text="note", context="note")
    body = (vault_storage / stored.storage_name).read_bytes()
    old_id, old_key = settings.REGIE_KEK_ID, settings.REGIE_KEK

    settings.REGIE_KEK_ID, settings.REGIE_KEK = "k2", os.urandom(32)
    settings.REGIE_KEK_PREVIOUS = {old_id: old_key}
    output = io.StringIO()
    call_command("vault_rotate_kek", stdout=output)

    # Anna and Bram: BSN and name each.
    assert "1 resident key re-wrapped, 4 sealed fields re-sealed" in output.getvalue()
    with inspecting():
        assert set(ResidentKey.objects.values_list("kek_id", flat=True)) == {"k2"}
    assert (vault_storage / stored.storage_name).read_bytes() == body
    settings.REGIE_KEK_PREVIOUS = {}  # the old key is retired: everything opens under the new
    with inspecting():
        assert b"".join(services.file_open(stored)) == b"plan"
        assert services.text_open(resident_id=people.anna.pk, blob=note, context="note") == "note"
        anna = Resident.objects.get(pk=people.anna.pk)
        assert unseal(anna.bsn_sealed, context="resident.bsn") == BSN_ANNA
        assert unseal(anna.name_sealed, context="resident.name") == "Anna Willems"


def test_it_cannot_open_keys_under_a_retired_kek_that_is_gone(people: People, settings: Settings):
    with inspecting():
        note = services.text_seal(resident_id=people.anna.pk, text="note", context="note")
    settings.REGIE_KEK_ID, settings.REGIE_KEK = (
        "k2",
        base64.b64decode(base64.b64encode(os.urandom(32))),
    )
    settings.REGIE_KEK_PREVIOUS = {}

    with inspecting(), pytest.raises(UnwrapError, match="not configured"):
        services.text_open(resident_id=people.anna.pk, blob=note, context="note")
