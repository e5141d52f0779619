"""Registering a resident checks the BSN and refuses a second registration of the same one."""

import pytest
from django.core.exceptions import ValidationError

from regie.accounts import selectors, services
from regie.accounts.models import Resident, User
from regie.conftest import BSN_ANNA


def _rows() -> tuple[int, int]:
    return Resident.objects.count(), User.objects.count()


def test_it_registers_a_resident_typed_with_dots(db: None):
    resident = services.resident_register(bsn="9999.90.019", name="Anna Willems")

    assert selectors.resident_by_bsn(BSN_ANNA) == resident
    assert selectors.resident_name(resident) == "Anna Willems"
    assert BSN_ANNA.encode() not in bytes(resident.bsn_sealed)
    assert BSN_ANNA not in resident.bsn_index


@pytest.mark.parametrize("bsn", ["999990018", "12345678a", "9999900190", "000000000", ""])
def test_it_refuses_an_invalid_bsn(db: None, bsn: str):
    before = _rows()

    with pytest.raises(ValidationError) as refused:
        services.resident_register(bsn=bsn, name="Nobody")

    assert "bsn" in refused.value.message_dict
    assert _rows() == before


@pytest.mark.parametrize("again", [BSN_ANNA, "9999.90.019", " 999990019 "])
def test_it_refuses_a_resident_it_already_knows(db: None, again: str):
    services.resident_register(bsn=BSN_ANNA, name="Anna Willems")
    before = _rows()

    with pytest.raises(ValidationError) as refused:
        services.resident_register(bsn=again, name="Anna Willems")

    assert "bsn" in refused.value.message_dict
    assert _rows() == before


def test_it_keeps_the_bsn_out_of_the_error_message(db: None):
    services.resident_register(bsn=BSN_ANNA, name="Anna Willems")

    with pytest.raises(ValidationError) as refused:
        services.resident_register(bsn=BSN_ANNA, name="Anna Willems")

    assert BSN_ANNA not in str(refused.value)
