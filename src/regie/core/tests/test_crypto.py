"""Personal fields are sealed with authenticated encryption, bound to the field they belong to."""

import os

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


def test_it_opens_values_sealed_under_a_retired_key(settings):
    old_id, old_key = settings.REGIE_KEK_ID, settings.REGIE_KEK
    sealed = seal("999990019", context="resident.bsn")
    settings.REGIE_KEK_ID, settings.REGIE_KEK = "k2", os.urandom(32)
    settings.REGIE_KEK_PREVIOUS = {old_id: old_key}

    assert unseal(sealed, context="resident.bsn") == "999990019"
    assert seal("x", context="c")[2:4] == b"k2"


def test_it_cannot_open_values_once_the_retired_key_is_gone(settings):
    sealed = seal("999990019", context="resident.bsn")
    settings.REGIE_KEK_ID, settings.REGIE_KEK = "k2", os.urandom(32)
    settings.REGIE_KEK_PREVIOUS = {}

    with pytest.raises(DecryptionError):
        unseal(sealed, context="resident.bsn")
