"""Streaming authenticated encryption of files, in the manner of age's STREAM construction.

A file is encrypted under a key derived for it alone (HKDF-SHA256 from the document key and a
random salt in the header) in chunks of 64 KiB with AES-256-GCM. Each chunk's nonce is its
counter (11 bytes, big-endian) followed by a flag byte that is 1 for the last chunk only, and
every chunk carries the caller's associated data (document id, version, key id). So:

- a reordered or duplicated chunk fails (its counter is wrong);
- a truncated file fails (no chunk carries the last-chunk flag), as does data after the last;
- a ciphertext moved to another document or version fails (the associated data differs);
- memory stays constant whatever the file size.

Pure Python on `cryptography`; no Django.
"""

from collections.abc import Iterator
from os import urandom
from typing import Any, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"RGV1"
SALT_SIZE = 16
HEADER_SIZE = len(MAGIC) + SALT_SIZE
CHUNK_SIZE = 64 * 1024
TAG_SIZE = 16
SEALED_CHUNK_SIZE = CHUNK_SIZE + TAG_SIZE
_MAX_COUNTER = 2 ** (11 * 8) - 1
# Chunks read, sealed and written together: fewer system calls, still constant memory (1 MiB).
_BATCH = 16


class Reader(Protocol):
    def read(self, size: int, /) -> Any: ...


class Writer(Protocol):
    def write(self, data: bytes, /) -> Any: ...


class StreamError(ValueError):
    """The ciphertext is damaged, truncated, reordered or belongs elsewhere."""


def _file_key(key: bytes, salt: bytes) -> AESGCM:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"regie-vault-stream")
    return AESGCM(derived.derive(key))


def _nonce(counter: int, last: bool) -> bytes:
    if counter > _MAX_COUNTER:
        raise StreamError("file too large for one stream")
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _read_full(source: Reader, size: int) -> bytes:
    """Read SIZE bytes, fewer only at the end of the source."""
    parts: list[bytes] = []
    while size:
        part = source.read(size)
        if not part:
            break
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def _batches(source: Reader, size: int) -> Iterator[tuple[bytes, bool]]:
    """SOURCE in blocks of SIZE bytes (the last may be shorter or empty), each with whether it
    is the last; reading one block ahead is how the end is known."""
    block = _read_full(source, size)
    while True:
        following = _read_full(source, size) if len(block) == size else b""
        yield block, not following
        if not following:
            return
        block = following


def encrypt_stream(key: bytes, source: Reader, target: Writer, *, associated_data: bytes) -> int:
    """Encrypt SOURCE into TARGET; returns the number of plaintext bytes."""
    salt = urandom(SALT_SIZE)
    aead = _file_key(key, salt)
    target.write(MAGIC + salt)
    total = 0
    counter = 0
    for block, last_block in _batches(source, CHUNK_SIZE * _BATCH):
        view = memoryview(block)
        count = max(1, -(-len(block) // CHUNK_SIZE))
        sealed = []
        for index in range(count):
            chunk = view[index * CHUNK_SIZE : (index + 1) * CHUNK_SIZE]
            last = last_block and index == count - 1
            sealed.append(aead.encrypt(_nonce(counter, last), chunk, associated_data))
            counter += 1
        target.write(b"".join(sealed))
        total += len(block)
    return total


def decrypt_stream(key: bytes, source: Reader, *, associated_data: bytes) -> Iterator[bytes]:
    """Yield the plaintext of SOURCE block by block; raises StreamError at the first chunk
    that does not verify, so a consumer must not act on the data before the iterator ends."""
    header = _read_full(source, HEADER_SIZE)
    if len(header) != HEADER_SIZE or not header.startswith(MAGIC):
        raise StreamError("not a Regie vault stream")
    aead = _file_key(key, header[len(MAGIC) :])
    counter = 0
    for block, last_block in _batches(source, SEALED_CHUNK_SIZE * _BATCH):
        view = memoryview(block)
        count = max(1, -(-len(block) // SEALED_CHUNK_SIZE))
        plain = []
        for index in range(count):
            sealed = view[index * SEALED_CHUNK_SIZE : (index + 1) * SEALED_CHUNK_SIZE]
            last = last_block and index == count - 1
            if len(sealed) < TAG_SIZE:
                raise StreamError("the stream is truncated")
            try:
                chunk = aead.decrypt(_nonce(counter, last), sealed, associated_data)
            except InvalidTag:
                raise StreamError(f"chunk {counter} does not verify") from None
            if not last and len(chunk) != CHUNK_SIZE:
                raise StreamError("a short chunk before the end")
            plain.append(chunk)
            counter += 1
        yield b"".join(plain)


def ciphertext_size(plaintext_size: int) -> int:
    chunks = max(1, -(-plaintext_size // CHUNK_SIZE))
    return HEADER_SIZE + plaintext_size + chunks * TAG_SIZE
