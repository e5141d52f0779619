import base64
import hashlib

import pytest

from regie.processing_log.signed_note import (
    Checkpoint,
    NoteError,
    format_checkpoint,
    generate_signer,
    open_note,
    sign_note,
    verifier_for,
    verify_note,
)

ORIGIN = "regie.gemeente-lindendal.example/processing-log"
ROOT = hashlib.sha256(b"some tree").digest()
ROOT_B64 = base64.b64encode(ROOT)
SIGNER = generate_signer("regie-lindendal")

# The example key and note of Go's golang.org/x/mod/sumdb/note, the reference implementation.
GOSIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
GO_TEXT = (
    b"If you think cryptography is the answer to your problem,\n"
    b"then you don't know what your problem is.\n"
)
GO_NOTE = (
    GO_TEXT
    + (
        "\n\N{EM DASH} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2p"
        "ZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
    ).encode()
)


def test_it_opens_the_checkpoint_it_signed():
    body = format_checkpoint(ORIGIN, 1234, ROOT)
    note = sign_note(body, SIGNER)

    assert body == f"{ORIGIN}\n1234\n{base64.b64encode(ROOT).decode()}\n".encode()
    assert note.startswith(body + "\n\N{EM DASH} regie-lindendal ".encode())
    assert open_note(note, verifier_for(SIGNER)) == Checkpoint(ORIGIN, 1234, ROOT)


def test_it_signs_and_verifies_byte_for_byte_like_the_go_implementation():
    assert verifier_for(GOSIGNER) == GO_VERIFIER
    assert sign_note(GO_TEXT, GOSIGNER) == GO_NOTE
    assert verify_note(GO_NOTE, GO_VERIFIER) == GO_TEXT


def test_it_derives_the_key_hash_from_name_and_public_key():
    name, key_hash, encoded = verifier_for(SIGNER).split("+", 2)
    public_key = base64.b64decode(encoded)

    expected = hashlib.sha256(name.encode() + b"\n" + public_key).digest()[:4]
    assert public_key[:1] == b"\x01" and len(public_key) == 33
    assert key_hash == expected.hex()
    assert SIGNER.startswith(f"PRIVATE+KEY+regie-lindendal+{key_hash}+")
    note = sign_note(format_checkpoint(ORIGIN, 1, ROOT), SIGNER)
    signature = base64.b64decode(note.decode().rsplit(" ", 1)[1])
    assert signature[:4] == expected and len(signature) == 68


def test_it_still_opens_a_note_that_other_signers_cosigned():
    witness = generate_signer("witness.example")
    note = sign_note(format_checkpoint(ORIGIN, 7, ROOT), SIGNER)
    cosignature = sign_note(format_checkpoint(ORIGIN, 7, ROOT), witness).rsplit(b"\n\n", 1)[1]

    assert open_note(note + cosignature, verifier_for(SIGNER)).size == 7
    assert open_note(note + cosignature, verifier_for(witness)).size == 7


def _with_body_byte_changed(note: bytes) -> bytes:
    return note.replace(b"\n1234\n", b"\n1235\n")


def _with_signature_changed(note: bytes) -> bytes:
    body, signature_line = note.rsplit(b"\n\n", 1)
    name_part, encoded = signature_line.rstrip(b"\n").rsplit(b" ", 1)
    blob = bytearray(base64.b64decode(encoded))
    blob[10] ^= 0x01
    return body + b"\n\n" + name_part + b" " + base64.b64encode(bytes(blob)) + b"\n"


def _signed(body: bytes):
    """A tamper that swaps the note for BODY, properly signed."""
    return lambda note: sign_note(body, SIGNER)


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (_with_body_byte_changed, "does not match the note"),
        (_with_signature_changed, "does not match the note"),
        (
            lambda note: sign_note(
                note.split(b"\n\n")[0] + b"\n", generate_signer("regie-lindendal")
            ),
            "no signature of key",
        ),
        (lambda note: note.replace(b"\n\n", b"\n"), "no blank line"),
        (lambda note: note.split(b"\n\n")[0] + b"\n\n", "no signature lines"),
        (lambda note: note.replace(b"\xe2\x80\x94 ", b"-- "), "malformed signature line"),
        (lambda note: note.rstrip(b"\n"), "does not end with a newline"),
        (lambda note: note.replace(b"1234", b"12\r34"), "control characters"),
        (lambda note: note + b"\xff\n", "not UTF-8"),
        (_signed(f"{ORIGIN}\nmany\n".encode() + ROOT_B64 + b"\n"), "not a decimal number"),
        (_signed(f"{ORIGIN}\n0012\n".encode() + ROOT_B64 + b"\n"), "not a decimal number"),
        (_signed(f"{ORIGIN}\n-12\n".encode() + ROOT_B64 + b"\n"), "not a decimal number"),
        (
            _signed(f"{ORIGIN}\n12\n".encode() + base64.b64encode(ROOT[:31]) + b"\n"),
            "not a base64 SHA-256 hash",
        ),
        (
            _signed(f"{ORIGIN}\n12\n".encode() + ROOT_B64.rstrip(b"=") + b"\n"),
            "not a base64 SHA-256 hash",
        ),
        (_signed(f"{ORIGIN}\n12\n".encode()), "a checkpoint has 3 lines"),
        (_signed(f"{ORIGIN}\n12\n".encode() + ROOT_B64 + b"\nextra\n"), "a checkpoint has 3 lines"),
        (_signed(b"\n12\n" + ROOT_B64 + b"\n"), "empty origin"),
    ],
)
def test_it_refuses_a_note_that_is_not_a_good_checkpoint(tamper, message):
    note = sign_note(format_checkpoint(ORIGIN, 1234, ROOT), SIGNER)

    with pytest.raises(NoteError, match=message):
        open_note(tamper(note), verifier_for(SIGNER))


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("regie+00000000+AAAA", "not a well-formed Ed25519 note key"),
        (GO_VERIFIER.replace("c74f20a3", "c74f20a4"), "does not match its key"),
        (GO_VERIFIER.replace("c74f20a3", "c74f20zz"), "not hexadecimal"),
        ("regie-lindendal", "a verifier key reads"),
    ],
)
def test_it_refuses_a_malformed_verifier_key(key, message):
    note = sign_note(format_checkpoint(ORIGIN, 1, ROOT), SIGNER)

    with pytest.raises(NoteError, match=message):
        open_note(note, key)


@pytest.mark.parametrize("name", ["", "has space", "plus+sign", "tab\tname"])
def test_it_refuses_key_names_that_break_the_key_format(name):
    with pytest.raises(NoteError, match="without spaces or"):
        generate_signer(name)


def test_it_refuses_a_signer_key_whose_hash_does_not_match():
    with pytest.raises(NoteError, match="does not match its key"):
        sign_note(GO_TEXT, GOSIGNER.replace("c74f20a3", "c74f20a4"))


@pytest.mark.parametrize(
    ("origin", "size", "root", "message"),
    [
        ("", 1, ROOT, "origin"),
        ("two words", 1, ROOT, "origin"),
        (ORIGIN, -1, ROOT, "must not be negative"),
        (ORIGIN, 1, ROOT[:16], "must be 32 bytes"),
    ],
)
def test_it_refuses_to_format_an_impossible_checkpoint(origin, size, root, message):
    with pytest.raises(ValueError, match=message):
        format_checkpoint(origin, size, root)
