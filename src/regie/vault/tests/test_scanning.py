"""Every file is scanned by a real clamd before it is stored; a virus, a scanner that does not
answer, or no scanner at all refuses the file and stores nothing (fail closed)."""

import io
from pathlib import Path

import pytest
from pytest_django.fixtures import Settings

from regie.conftest import People, inspecting
from regie.testing.clamd import EICAR
from regie.vault import scan, services
from regie.vault.models import StoredFile


def test_it_lets_a_clean_file_through(clamd: Path):
    assert scan.ping()
    scan.scan(io.BytesIO(b"Ondersteuningsplan, versie 2"))


def test_it_refuses_the_eicar_test_virus(clamd: Path):
    with pytest.raises(scan.ScanRefused) as refused:
        scan.scan(io.BytesIO(EICAR))

    assert refused.value.code == "infected"


def test_it_refuses_when_the_scanner_does_not_answer(settings: Settings, tmp_path: Path):
    settings.REGIE_SCAN = "clamd"
    settings.REGIE_CLAMD_SOCKET = str(tmp_path / "no-clamd-here.sock")

    with pytest.raises(scan.ScanRefused) as refused:
        scan.scan(io.BytesIO(b"clean"))

    assert refused.value.code == "unavailable"
    assert not scan.ping()


def test_it_refuses_when_no_scanner_is_configured(settings: Settings):
    settings.REGIE_SCAN = ""

    with pytest.raises(scan.ScanRefused, match="no virus scanner"):
        scan.scan(io.BytesIO(b"clean"))


def test_it_stores_nothing_of_an_infected_upload(clamd: Path, people: People, vault_storage: Path):
    with inspecting(), pytest.raises(scan.ScanRefused):
        services.file_accept(resident=people.anna, source=io.BytesIO(EICAR), filename="plan.txt")

    with inspecting():
        assert not StoredFile.objects.exists()
    assert not [path for path in vault_storage.rglob("*") if path.is_file()]


def test_it_stores_a_clean_upload(clamd: Path, people: People):
    with inspecting():
        stored = services.file_accept(
            resident=people.anna, source=io.BytesIO(b"Plan van aanpak"), filename="Plan.TXT"
        )
        assert b"".join(services.file_open(stored)) == b"Plan van aanpak"
    assert (stored.extension, stored.content_type) == ("txt", "text/plain")
