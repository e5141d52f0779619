"""Wrapping keys under keys: AES-256-GCM with a random nonce, the purpose bound as associated
data. Pure Python on `cryptography`; no Django."""

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_SIZE = 32


class UnwrapError(ValueError):
    """The wrapped key does not open under this key (wrong key, damaged, or moved)."""


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def seal(key: bytes, data: bytes, *, purpose: bytes) -> bytes:
    """DATA encrypted under KEY with PURPOSE bound as associated data: nonce + ciphertext."""
    nonce = os.urandom(12)
    return nonce + AESGCM(key).encrypt(nonce, data, purpose)


def open_sealed(key: bytes, blob: bytes, *, purpose: bytes) -> bytes:
    blob = bytes(blob)
    try:
        return AESGCM(key).decrypt(blob[:12], blob[12:], purpose)
    except (InvalidTag, ValueError):
        raise UnwrapError("does not open under this key") from None


def wrap(wrapping_key: bytes, key: bytes, *, purpose: bytes) -> bytes:
    return seal(wrapping_key, key, purpose=purpose)


def unwrap(wrapping_key: bytes, wrapped: bytes, *, purpose: bytes) -> bytes:
    key = open_sealed(wrapping_key, wrapped, purpose=purpose)
    if len(key) != KEY_SIZE:
        raise UnwrapError("the unwrapped key has the wrong size")
    return key
