"""Checkpoints of the processing log as C2SP signed notes (c2sp.org/signed-note and
c2sp.org/tlog-checkpoint), the format transparency-log witnesses and verifiers read.

A checkpoint is three lines (origin, tree size, base64 root hash), a blank line and one or
more signature lines ``— <key name> <base64(key hash ‖ Ed25519 signature)>``. Keys travel as
the strings of Go's ``golang.org/x/mod/sumdb/note`` package, so its tools can check our notes.
"""

import base64
import binascii
import re
from dataclasses import dataclass
from hashlib import sha256

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

_ED25519 = b"\x01"
_SIGNATURE_PREFIX = "\N{EM DASH} "
_DECIMAL = re.compile(r"0|[1-9][0-9]*")
_MAX_SIGNATURES = 100


class NoteError(Exception):
    pass


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes


def generate_signer(name: str) -> str:
    """A new signer key string: ``PRIVATE+KEY+<name>+<hex key hash>+<base64(0x01 ‖ seed)>``."""
    return signer_from_seed(name, Ed25519PrivateKey.generate().private_bytes_raw())


def signer_from_seed(name: str, seed: bytes) -> str:
    """The signer key string for a given 32-byte Ed25519 seed (the demo derives its key)."""
    _check_key_name(name)
    private_key = Ed25519PrivateKey.from_private_bytes(seed)
    public_key = private_key.public_key().public_bytes_raw()
    return f"PRIVATE+KEY+{name}+{_key_hash(name, public_key).hex()}+{_b64(_ED25519 + seed)}"


def verifier_for(signer_key: str) -> str:
    """The verifier key string ``<name>+<hex key hash>+<base64(0x01 ‖ public key)>``."""
    name, _key_id, private_key = _parse_signer(signer_key)
    public_key = private_key.public_key().public_bytes_raw()
    return f"{name}+{_key_hash(name, public_key).hex()}+{_b64(_ED25519 + public_key)}"


def format_checkpoint(origin: str, size: int, root: bytes) -> bytes:
    if not origin or any(char.isspace() or char == "+" for char in origin):
        raise ValueError(f"origin {origin!r} must be non-empty, without spaces or '+'")
    if size < 0:
        raise ValueError(f"tree size must not be negative, got {size}")
    if len(root) != 32:
        raise ValueError(f"root hash must be 32 bytes, got {len(root)}")
    return f"{origin}\n{size}\n{_b64(root)}\n".encode()


def sign_note(body: bytes, signer_key: str) -> bytes:
    """BODY followed by a blank line and this key's signature line."""
    _check_text(body)
    name, key_id, private_key = _parse_signer(signer_key)
    signature = private_key.sign(body)
    return body + f"\n{_SIGNATURE_PREFIX}{name} {_b64(key_id + signature)}\n".encode()


def open_note(note: bytes, verifier_key: str) -> Checkpoint:
    """The checkpoint in NOTE, once a signature by VERIFIER_KEY has checked out."""
    return _parse_checkpoint(verify_note(note, verifier_key))


def verify_note(note: bytes, verifier_key: str) -> bytes:
    """The signed text of NOTE, once a signature by VERIFIER_KEY has checked out. Signature
    lines of other keys are ignored, as the signed-note spec asks."""
    name, key_id, public_key = _parse_verifier(verifier_key)
    body, signature_lines = _split_note(note)
    signed_by_key = False
    for line in signature_lines:
        line_name, line_key_id, signature = _parse_signature_line(line)
        if line_name != name or line_key_id != key_id:
            continue
        try:
            public_key.verify(signature, body)
        except InvalidSignature:
            raise NoteError(f"the signature of key {name!r} does not match the note") from None
        signed_by_key = True
    if not signed_by_key:
        raise NoteError(f"the note carries no signature of key {name!r}")
    return body


def _split_note(note: bytes) -> tuple[bytes, list[str]]:
    _check_text(note)
    split = note.rfind(b"\n\n")
    if split < 0:
        raise NoteError("the note has no blank line between text and signatures")
    body, signatures = note[: split + 1], note[split + 2 :]
    if not signatures:
        raise NoteError("the note has no signature lines")
    lines = signatures.decode().split("\n")[:-1]
    if len(lines) > _MAX_SIGNATURES:
        raise NoteError(f"the note has more than {_MAX_SIGNATURES} signature lines")
    return body, lines


def _check_text(text: bytes) -> None:
    try:
        decoded = text.decode()
    except UnicodeDecodeError:
        raise NoteError("the note is not UTF-8 text") from None
    if not decoded.endswith("\n"):
        raise NoteError("the note does not end with a newline")
    if any(char < " " and char != "\n" for char in decoded):
        raise NoteError("the note contains control characters")


def _parse_signature_line(line: str) -> tuple[str, bytes, bytes]:
    if not line.startswith(_SIGNATURE_PREFIX):
        raise NoteError(f"malformed signature line {line!r}")
    name, _, encoded = line.removeprefix(_SIGNATURE_PREFIX).partition(" ")
    blob = _b64decode(encoded)
    if not name or blob is None or len(blob) < 5:
        raise NoteError(f"malformed signature line {line!r}")
    return name, blob[:4], blob[4:]


def _parse_checkpoint(body: bytes) -> Checkpoint:
    lines = body.decode().split("\n")[:-1]
    if len(lines) != 3:
        raise NoteError(f"a checkpoint has 3 lines, this note has {len(lines)}")
    origin, size, encoded_root = lines
    if not origin:
        raise NoteError("the checkpoint has an empty origin")
    if not _DECIMAL.fullmatch(size):
        raise NoteError(f"the checkpoint's tree size {size!r} is not a decimal number")
    root = _b64decode(encoded_root)
    if root is None or len(root) != 32:
        raise NoteError(f"the checkpoint's root {encoded_root!r} is not a base64 SHA-256 hash")
    return Checkpoint(origin=origin, size=int(size), root=root)


def _parse_signer(signer_key: str) -> tuple[str, bytes, Ed25519PrivateKey]:
    # Base64 may hold "+" itself, so the key is whatever follows the fourth "+".
    parts = signer_key.split("+", 4)
    if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"]:
        raise NoteError("a signer key reads PRIVATE+KEY+<name>+<hash>+<key>")
    name, key_id, seed = _parse_key_parts(parts[2], parts[3], parts[4])
    private_key = Ed25519PrivateKey.from_private_bytes(seed)
    if _key_hash(name, private_key.public_key().public_bytes_raw()) != key_id:
        raise NoteError(f"the key hash of signer key {name!r} does not match its key")
    return name, key_id, private_key


def check_verifier(verifier_key: str) -> str:
    """The name in VERIFIER_KEY; raises NoteError when it is not a well-formed verifier key."""
    return _parse_verifier(verifier_key)[0]


def _parse_verifier(verifier_key: str) -> tuple[str, bytes, Ed25519PublicKey]:
    parts = verifier_key.split("+", 2)
    if len(parts) != 3:
        raise NoteError("a verifier key reads <name>+<hash>+<key>")
    name, key_id, raw_key = _parse_key_parts(*parts)
    if _key_hash(name, raw_key) != key_id:
        raise NoteError(f"the key hash of verifier key {name!r} does not match its key")
    return name, key_id, Ed25519PublicKey.from_public_bytes(raw_key)


def _parse_key_parts(name: str, hex_hash: str, encoded: str) -> tuple[str, bytes, bytes]:
    _check_key_name(name)
    blob = _b64decode(encoded)
    if len(hex_hash) != 8 or blob is None or len(blob) != 33 or blob[:1] != _ED25519:
        raise NoteError(f"key {name!r} is not a well-formed Ed25519 note key")
    try:
        key_id = bytes.fromhex(hex_hash)
    except ValueError:
        raise NoteError(f"key {name!r} has a key hash that is not hexadecimal") from None
    return name, key_id, blob[1:]


def _check_key_name(name: str) -> None:
    if not name or any(char.isspace() or char == "+" for char in name):
        raise NoteError(f"key name {name!r} must be non-empty, without spaces or '+'")


def _key_hash(name: str, public_key: bytes) -> bytes:
    return sha256(name.encode() + b"\n" + _ED25519 + public_key).digest()[:4]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _b64decode(text: str) -> bytes | None:
    try:
        decoded = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    # Only the canonical encoding, so that one value has one spelling.
    return decoded if _b64(decoded) == text else None
