"""Registering a resident checks the BSN and refuses a second registration of the same one."""

import pytest
from django.core.exceptions import ValidationError

from regie.accounts import selectors, services
from regie.accounts.models import Resident, User
from regie.conftest import BSN_ANNA, INTAKE, inspecting
from regie.core.crypto import unseal
from regie.processing_log.models import ProcessingRecord


def _rows() -> tuple[int, int, int]:
    with inspecting():
        return Resident.objects.count(), User.objects.count(), ProcessingRecord.objects.count()


def test_it_registers_a_resident_typed_with_dots(db: None):
    resident = services.resident_register(bsn="9999.90.019", name="Anna Willems", actor=INTAKE)

    with inspecting():
        assert Resident.objects.get(bsn_index=selectors.bsn_index(BSN_ANNA)) == resident
    assert unseal(bytes(resident.name_sealed), context="resident.name") == "Anna Willems"
    assert unseal(bytes(resident.bsn_sealed), context="resident.bsn") == BSN_ANNA
    assert BSN_ANNA.encode() not in bytes(resident.bsn_sealed)
    assert BSN_ANNA not in resident.bsn_index
    assert BSN_ANNA not in resident.subject_pseudonym


@pytest.mark.parametrize("bsn", ["999990018", "12345678a", "9999900190", "000000000", ""])
def test_it_refuses_an_invalid_bsn(db: None, bsn: str):
    before = _rows()

    with pytest.raises(ValidationError) as refused:
        services.resident_register(bsn=bsn, name="Nobody", actor=INTAKE)

    assert "bsn" in refused.value.message_dict
    assert _rows() == before


@pytest.mark.parametrize("again", [BSN_ANNA, "9999.90.019", " 999990019 "])
def test_it_refuses_a_resident_it_already_knows(db: None, again: str):
    services.resident_register(bsn=BSN_ANNA, name="Anna Willems", actor=INTAKE)
    before = _rows()

    with pytest.raises(ValidationError) as refused:
        services.resident_register(bsn=again, name="Anna Willems", actor=INTAKE)

    assert "bsn" in refused.value.message_dict
    assert _rows() == before


def test_it_keeps_the_bsn_out_of_the_error_message(db: None):
    services.resident_register(bsn=BSN_ANNA, name="Anna Willems", actor=INTAKE)

    with pytest.raises(ValidationError) as refused:
        services.resident_register(bsn=BSN_ANNA, name="Anna Willems", actor=INTAKE)

    assert BSN_ANNA not in str(refused.value)
