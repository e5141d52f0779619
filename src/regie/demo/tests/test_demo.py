"""`regie demo` prepares the fictional municipality; loading twice changes nothing."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from regie.accounts.models import CaseloadEntry, Resident, User
from regie.conftest import inspecting
from regie.demo.data import RESIDENTS, STAFF
from regie.processing_log.models import Checkpoint, LogLeaf, ProcessingRecord


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
