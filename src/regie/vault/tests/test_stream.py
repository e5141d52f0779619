"""The streaming encryption of file bodies: what goes in comes out, and every way of damaging,
cutting, reordering or moving a ciphertext is noticed."""

import io
import os
import tracemalloc
from typing import Any

import pytest

from regie.vault.stream import (
    CHUNK_SIZE,
    HEADER_SIZE,
    SEALED_CHUNK_SIZE,
    StreamError,
    ciphertext_size,
    decrypt_stream,
    encrypt_stream,
)

KEY = bytes(range(32))
AAD = b"regie-file:doc-1:1:key-1"


def encrypt(plain: bytes, aad: bytes = AAD, key: bytes = KEY) -> bytes:
    target = io.BytesIO()
    assert encrypt_stream(key, io.BytesIO(plain), target, associated_data=aad) == len(plain)
    return target.getvalue()


def decrypt(sealed: bytes, aad: bytes = AAD, key: bytes = KEY) -> bytes:
    return b"".join(decrypt_stream(key, io.BytesIO(sealed), associated_data=aad))


@pytest.mark.parametrize(
    "size", [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 3 * CHUNK_SIZE, 3 * CHUNK_SIZE + 7]
)
def test_it_gives_back_what_it_encrypted(size: int):
    plain = os.urandom(size)
    sealed = encrypt(plain)

    assert len(sealed) == ciphertext_size(size)
    assert decrypt(sealed) == plain


def test_it_never_shows_the_plaintext_in_the_ciphertext():
    marker = b"REGIE-MARKER-" * 10_000
    assert b"REGIE-MARKER-" not in encrypt(marker)


def test_it_encrypts_the_same_file_differently_each_time():
    assert encrypt(b"the same") != encrypt(b"the same")


def _chunks(sealed: bytes) -> list[bytes]:
    body = sealed[HEADER_SIZE:]
    return [body[i : i + SEALED_CHUNK_SIZE] for i in range(0, len(body), SEALED_CHUNK_SIZE)]


def test_it_refuses_a_file_cut_at_a_chunk_boundary():
    sealed = encrypt(os.urandom(3 * CHUNK_SIZE + 100))
    header, chunks = sealed[:HEADER_SIZE], _chunks(sealed)

    with pytest.raises(StreamError):
        decrypt(header + b"".join(chunks[:-1]))
    with pytest.raises(StreamError):
        decrypt(header + b"".join(chunks[:2]))


def test_it_refuses_a_file_cut_anywhere():
    sealed = encrypt(os.urandom(2 * CHUNK_SIZE + 100))
    for cut in (1, 17, HEADER_SIZE, HEADER_SIZE + 10, len(sealed) - 1):
        with pytest.raises(StreamError):
            decrypt(sealed[:cut])


def test_it_refuses_reordered_chunks():
    sealed = encrypt(os.urandom(3 * CHUNK_SIZE + 100))
    header, chunks = sealed[:HEADER_SIZE], _chunks(sealed)
    swapped = [chunks[1], chunks[0], *chunks[2:]]

    with pytest.raises(StreamError, match="chunk 0"):
        decrypt(header + b"".join(swapped))


def test_it_refuses_data_appended_after_the_last_chunk():
    sealed = encrypt(os.urandom(CHUNK_SIZE + 5))
    with pytest.raises(StreamError):
        decrypt(sealed + _chunks(sealed)[0])


def test_it_refuses_one_changed_byte():
    sealed = bytearray(encrypt(os.urandom(2 * CHUNK_SIZE)))
    sealed[HEADER_SIZE + SEALED_CHUNK_SIZE + 3] ^= 1
    with pytest.raises(StreamError, match="chunk 1"):
        decrypt(bytes(sealed))


def test_it_refuses_a_ciphertext_moved_to_another_document_or_version():
    sealed = encrypt(b"support plan")
    with pytest.raises(StreamError):
        decrypt(sealed, aad=b"regie-file:doc-2:1:key-1")
    with pytest.raises(StreamError):
        decrypt(sealed, aad=b"regie-file:doc-1:2:key-1")


def test_it_refuses_the_wrong_key():
    with pytest.raises(StreamError):
        decrypt(encrypt(b"support plan"), key=bytes(32))


def test_it_refuses_what_is_not_a_vault_stream():
    with pytest.raises(StreamError, match="not a Regie vault stream"):
        decrypt(b"%PDF-1.7 plain text that was never encrypted")


class _Zeros(io.RawIOBase):
    """SIZE zero bytes, produced as they are read."""

    def __init__(self, size: int) -> None:
        self.left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = min(len(buffer), self.left)
        buffer[:count] = bytes(count)
        self.left -= count
        return count


class _Discard(io.RawIOBase):
    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        return len(data)


def test_it_encrypts_in_constant_memory():
    def peak(size: int) -> int:
        tracemalloc.start()
        encrypt_stream(KEY, _Zeros(size), _Discard(), associated_data=AAD)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return peak

    small, large = peak(CHUNK_SIZE * 100), peak(CHUNK_SIZE * 1000)
    assert large < 8 * 1024 * 1024, "encrypting 64 MiB held more than 8 MiB"
    assert large < small * 1.5, "memory grows with the file"
