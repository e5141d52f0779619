"""Crypto-shredding: destroying a resident's data key makes their files and notes unreadable,
the processing log still verifies, and the journal destroys the key again after a restore."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from regie.conftest import INTAKE, People, inspecting
from regie.processing_log.models import ProcessingRecord
from regie.processing_log.services import log_seal_all
from regie.processing_log.verify import verify_log
from regie.vault import services
from regie.vault.activities import SHRED
from regie.vault.checks import check_no_shredded_keys
from regie.vault.models import ResidentKey, ShreddingEntry, StoredFile


def _store(people: People) -> tuple[StoredFile, bytes]:
    with inspecting():
        stored = services.file_store(
            resident=people.anna,
            source=io.BytesIO(b"support plan"),
            content_type="text/plain",
            extension="txt",
        )
        note = services.text_seal(resident_id=people.anna.pk, text="a note", context="note")
    return stored, note


def test_it_makes_everything_under_the_key_unreadable(
    people: People, vault_storage: Path, django_capture_on_commit_callbacks
):
    stored, note = _store(people)

    with django_capture_on_commit_callbacks(execute=True):
        entry = services.resident_shred(
            resident=people.anna, reason="end of retention", actor=INTAKE
        )

    with inspecting():
        stored.refresh_from_db()
        with pytest.raises(services.Shredded):
            services.file_open(stored)
        with pytest.raises(services.Shredded):
            services.text_open(resident_id=people.anna.pk, blob=note, context="note")
        with pytest.raises(services.Shredded):
            services.text_seal(resident_id=people.anna.pk, text="new", context="note")
        assert not ResidentKey.objects.filter(resident=people.anna).exists()
    assert entry.reason == "end of retention"
    assert not [path for path in vault_storage.rglob("*.rgv")], "the bodies are removed too"


def test_it_leaves_other_residents_alone(people: People):
    _store(people)
    with inspecting():
        bram_note = services.text_seal(resident_id=people.bram.pk, text="Bram", context="note")

    services.resident_shred(resident=people.anna, reason="erasure decision", actor=INTAKE)

    with inspecting():
        assert (
            services.text_open(resident_id=people.bram.pk, blob=bram_note, context="note") == "Bram"
        )


def test_it_logs_the_shredding_and_the_log_still_verifies(people: People):
    _store(people)

    services.resident_shred(resident=people.anna, reason="end of retention", actor=INTAKE)
    log_seal_all()

    assert ProcessingRecord.objects.filter(name="resident.shred").count() == 1
    assert (
        ProcessingRecord.objects.get(name="resident.shred").activity_version.activity.uri == SHRED
    )
    assert verify_log().ok


def test_it_is_idempotent(people: People):
    first = services.resident_shred(resident=people.anna, reason="one", actor=INTAKE)
    again = services.resident_shred(resident=people.anna, reason="two", actor=INTAKE)

    assert first.pk == again.pk
    assert ShreddingEntry.objects.count() == 1


def test_it_writes_the_journal_without_personal_data(people: People):
    _store(people)
    services.resident_shred(resident=people.anna, reason="end of retention", actor=INTAKE)

    lines = Path(settings.REGIE_SHRED_JOURNAL).read_text().splitlines()
    assert len(lines) == 1
    item = json.loads(lines[0])
    assert item["resident"] == str(people.anna.public_id)
    assert set(item) == {"resident", "key", "at", "reason"}
    assert "999990019" not in lines[0] and "Anna" not in lines[0]


def test_it_destroys_the_key_again_after_a_restore_from_backup(people: People):
    stored, note = _store(people)
    with inspecting():
        backup = ResidentKey.objects.filter(resident=people.anna).values().get()

    services.resident_shred(resident=people.anna, reason="end of retention", actor=INTAKE)
    # The restore: the database as it was before, the journal file as it is now.
    with transaction.atomic(), inspecting():
        ShreddingEntry.objects.all().delete()
        key = ResidentKey.objects.create(**backup)
        StoredFile.objects.filter(pk=stored.pk).update(resident_key=key)
        assert services.text_open(resident_id=people.anna.pk, blob=note, context="note") == "a note"

    assert [error.id for error in check_no_shredded_keys(None)] == ["regie.E002"]
    output = io.StringIO()
    call_command("vault_reshred", stdout=output)
    assert check_no_shredded_keys(None) == []

    with inspecting():
        assert not ResidentKey.objects.exists()
        with pytest.raises(services.Shredded):
            services.text_open(resident_id=people.anna.pk, blob=note, context="note")
    assert ShreddingEntry.objects.filter(resident_public_id=people.anna.public_id).exists()
    assert "1 key destroyed again" in output.getvalue()

    call_command("vault_reshred", stdout=output)
    assert "0 keys destroyed again" in output.getvalue()


def test_it_refuses_a_shredding_without_a_reason(people: People):
    with pytest.raises(ValueError, match="reason"):
        services.resident_shred(resident=people.anna, reason="  ", actor=INTAKE)
