"""Encryption of small personal fields and blind indexes.

Fields are sealed with AES-256-GCM under the key-encryption key of the settings; the key id
travels with the ciphertext so that a rotated key can still open old values. The vault app
builds the per-resident key hierarchy on top of this.
"""

import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

_VERSION = b"\x01"


class DecryptionError(Exception):
    pass


def _keys() -> dict[str, bytes]:
    keys = {settings.REGIE_KEK_ID: settings.REGIE_KEK}
    keys.update(settings.REGIE_KEK_PREVIOUS)
    return keys


def seal(plaintext: str, *, context: str) -> bytes:
    """Encrypt PLAINTEXT; CONTEXT (e.g. "resident.bsn") is bound as associated data so a
    value cannot be moved to another field unnoticed."""
    key_id = settings.REGIE_KEK_ID.encode()
    nonce = os.urandom(12)
    body = AESGCM(settings.REGIE_KEK).encrypt(
        nonce, plaintext.encode(), _VERSION + key_id + context.encode()
    )
    return _VERSION + bytes([len(key_id)]) + key_id + nonce + body


def unseal(blob: bytes, *, context: str) -> str:
    blob = bytes(blob)
    if blob[:1] != _VERSION:
        raise DecryptionError("unknown ciphertext version")
    # A damaged length byte must fail as a DecryptionError too, never as an IndexError or
    # UnicodeDecodeError that a caller does not expect.
    id_len = blob[1] if len(blob) > 1 else 0
    if len(blob) < 2 + id_len + 12 + 16:
        raise DecryptionError("ciphertext is too short")
    key_id = blob[2 : 2 + id_len]
    nonce = blob[2 + id_len : 14 + id_len]
    body = blob[14 + id_len :]
    key = _keys().get(key_id.decode("utf-8", errors="replace"))
    if key is None:
        raise DecryptionError("unknown key id")
    try:
        plaintext = AESGCM(key).decrypt(nonce, body, _VERSION + key_id + context.encode())
    except Exception as exc:
        raise DecryptionError("ciphertext does not verify") from exc
    return plaintext.decode()


def sealed_with_current_key(blob: bytes) -> bool:
    blob = bytes(blob)
    id_len = blob[1] if len(blob) > 1 else 0
    return blob[2 : 2 + id_len] == settings.REGIE_KEK_ID.encode()


def reseal(blob: bytes, *, context: str) -> bytes:
    """BLOB sealed again under the current key (after a rotation)."""
    return seal(unseal(blob, context=context), context=context)


def blind_index(value: str, *, purpose: str) -> str:
    """A keyed, deterministic digest to find a record by VALUE without storing VALUE."""
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(settings.REGIE_BLIND_INDEX_KEY, message, hashlib.sha256).hexdigest()
