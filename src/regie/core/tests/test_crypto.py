"""Personal fields are sealed with authenticated encryption, bound to the field they belong to."""

import pytest
from django.db import connection

from regie.conftest import BSN_ANNA, People
from regie.core.crypto import DecryptionError, blind_index, seal, unseal


def test_it_opens_what_it_sealed():
    sealed = seal("Anna Willems", context="resident.name")

    assert b"Anna" not in sealed
    assert unseal(sealed, context="resident.name") == "Anna Willems"


def test_it_seals_the_same_value_differently_each_time():
    assert seal(BSN_ANNA, context="resident.bsn") != seal(BSN_ANNA, context="resident.bsn")


@pytest.mark.parametrize("position", [0, 1, 5, 20, -1])
def test_it_refuses_a_tampered_value(position: int):
    sealed = bytearray(seal(BSN_ANNA, context="resident.bsn"))
    sealed[position] ^= 0x01

    with pytest.raises(DecryptionError):
        unseal(bytes(sealed), context="resident.bsn")


def test_it_refuses_a_truncated_or_empty_value():
    sealed = seal(BSN_ANNA, context="resident.bsn")

    for broken in (b"", sealed[:1], sealed[:2], sealed[:10], sealed[:-1]):
        with pytest.raises(DecryptionError):
            unseal(broken, context="resident.bsn")


def test_it_refuses_a_value_moved_to_another_field():
    sealed = seal(BSN_ANNA, context="resident.bsn")

    with pytest.raises(DecryptionError):
        unseal(sealed, context="resident.name")


def test_it_makes_a_deterministic_blind_index_per_purpose():
    first = blind_index(BSN_ANNA, purpose="resident.bsn")

    assert first == blind_index(BSN_ANNA, purpose="resident.bsn")
    assert first != blind_index(BSN_ANNA, purpose="professional.bsn")
    assert first != blind_index("999990020", purpose="resident.bsn")
    assert BSN_ANNA not in first


def test_it_stores_no_bsn_or_name_in_plaintext(people: People):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_resident")
        rows = cursor.fetchall()

    assert len(rows) == 2
    stored = b" ".join(
        bytes(value) if isinstance(value, bytes | memoryview) else str(value).encode()
        for row in rows
        for value in row
    )
    for secret in (BSN_ANNA, "999990020", "Anna", "Willems", "Bram", "Hendriks"):
        assert secret.encode() not in stored
        assert secret.encode("utf-16-le") not in stored
