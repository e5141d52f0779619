import shutil
from datetime import date
from pathlib import Path

import pytest
from pytest_django.fixtures import Settings

from regie.cases import services
from regie.cases.models import Case, Law
from regie.conftest import INTAKE, People

ANNA_BORN = date(1985, 3, 12)


@pytest.fixture
def case(people: People) -> Case:
    """Anna's Wmo case, in the consulent's caseload (team Wmo)."""
    return services.case_open(
        resident=people.anna,
        law=Law.WMO,
        consulent=people.consulent,
        birth_date=ANNA_BORN,
        address="Lindenlaan 12, 1234 AB Lindendal",
        actor=INTAKE,
    )


@pytest.fixture
def shelter_case(people: People) -> Case:
    """Anna's case with a confidential shelter address."""
    return services.case_open(
        resident=people.anna,
        law=Law.PARTICIPATIEWET,
        consulent=people.consulent,
        birth_date=ANNA_BORN,
        address="Opvangweg 1, 9999 ZZ Lindendal",
        address_confidential=True,
        actor=INTAKE,
    )


@pytest.fixture
def tesseract(settings: Settings) -> None:
    """REGIE_OCR=tesseract, with Debian's tesseract and pdftoppm (no stand-in)."""
    for program in ("tesseract", "pdftoppm"):
        if not shutil.which(program):
            pytest.fail(
                f"{program} is missing: install Debian's tesseract-ocr and poppler-utils "
                "(`make test` does)"
            )
    settings.REGIE_OCR = "tesseract"


@pytest.fixture
def worker_env(monkeypatch: pytest.MonkeyPatch, vault_storage: Path, clamd: Path) -> None:
    """A real task worker (`regie.testing.worker.run_worker`) reads the environment, not this
    test's settings: give it the same file storage and the same clamd."""
    monkeypatch.setenv("REGIE_DATA_DIR", str(vault_storage.parent))
    monkeypatch.setenv("REGIE_SCAN", "clamd")
    monkeypatch.setenv("REGIE_CLAMD_SOCKET", str(clamd))
