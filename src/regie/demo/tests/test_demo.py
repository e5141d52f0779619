"""`regie demo` prepares the fictional municipality; loading twice changes nothing."""

import io
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from regie.accounts.models import CaseloadEntry, Resident, User
from regie.accounts.selectors import bsn_index
from regie.accounts.services import resident_register
from regie.conftest import inspecting
from regie.demo.data import RESIDENTS, STAFF
from regie.processing_log.gate import Actor
from regie.processing_log.models import Checkpoint, LogLeaf, ProcessingRecord
from regie.vault.models import HeldFile, StoredFile
from regie.vault.services import file_open, file_store, resident_shred


def _counts() -> tuple[int, ...]:
    with inspecting():
        return (
            User.objects.count(),
            Resident.objects.count(),
            CaseloadEntry.objects.count(),
            ProcessingRecord.objects.count(),
        )


def test_it_loads_the_demo_and_prints_the_log_ins(db: None, settings) -> None:
    settings.DEMO = True
    out = StringIO()

    call_command("demo", no_serve=True, stdout=out)

    sheet = out.getvalue()
    for person in STAFF:
        assert person.username in sheet
    for bsn, _name, _consulent in RESIDENTS:
        assert bsn in sheet
    with inspecting():
        assert Resident.objects.filter(is_demo=True).count() == len(RESIDENTS)
    # Everything the demo processed is in the log and sealed under a checkpoint.
    assert ProcessingRecord.objects.count() == LogLeaf.objects.count() > 0
    assert Checkpoint.objects.get(size=LogLeaf.objects.count())


def test_it_changes_nothing_when_loaded_again(db: None, settings) -> None:
    settings.DEMO = True
    call_command("demo", no_serve=True, stdout=StringIO())
    before = _counts()

    call_command("demo", no_serve=True, stdout=StringIO())

    assert _counts() == before


def test_it_refuses_outside_the_demo(db: None) -> None:
    with pytest.raises(CommandError, match="REGIE_ENV=demo"):
        call_command("demo", no_serve=True, stdout=StringIO())


def test_it_removes_every_demo_person(db: None, settings) -> None:
    settings.DEMO = True
    call_command("demo", no_serve=True, stdout=StringIO())

    call_command("remove_demo", stdout=StringIO())

    with inspecting():
        assert not User.objects.filter(is_demo=True).exists()
        assert not Resident.objects.filter(is_demo=True).exists()
        # The demo residents' and the care partner's log-ins go with them.
        assert not User.objects.exists()


def _stored_bodies(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def _real_residents_file() -> StoredFile:
    """A resident of the municipality, not of the demo, with a document in the vault."""
    resident = resident_register(bsn="999990068", name="Echte Inwoner", actor=Actor.system("test"))
    with inspecting():
        return file_store(
            resident=resident,
            source=io.BytesIO(b"a real letter"),
            content_type="text/plain",
            extension="txt",
        )


def test_it_removes_the_demo_residents_files_and_keeps_the_others(
    db: None, settings, vault_storage: Path, django_capture_on_commit_callbacks
) -> None:
    settings.DEMO = True
    settings.REGIE_SCAN = "off"  # as `make demo` runs it: the demo post is held
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", no_serve=True, stdout=StringIO())
        kept = _real_residents_file()
    with inspecting():
        demo_files = list(StoredFile.objects.filter(resident_key__resident__is_demo=True))
    assert demo_files and HeldFile.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("remove_demo", stdout=StringIO())

    with inspecting():
        assert list(StoredFile.objects.all()) == [kept]
        assert b"".join(file_open(kept)) == b"a real letter"
    assert not HeldFile.objects.exists()
    assert _stored_bodies(vault_storage) == {kept.storage_name}


def test_it_removes_the_files_of_a_demo_resident_shredded_in_the_demo(
    db: None, settings, vault_storage: Path, django_capture_on_commit_callbacks
) -> None:
    settings.DEMO = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", no_serve=True, stdout=StringIO())
        with inspecting():
            anna = Resident.objects.get(bsn_index=bsn_index(RESIDENTS[0][0]))
        resident_shred(resident=anna, reason="demo: trying erasure", actor=Actor.system("test"))
    with inspecting():
        assert StoredFile.objects.filter(resident_key=None).exists()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("remove_demo", stdout=StringIO())

    with inspecting():
        assert not StoredFile.objects.exists()
    assert _stored_bodies(vault_storage) == set()
