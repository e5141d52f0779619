"""Every write of the vault, and the opening of what it holds.

The callers (cases, exchange, portal) run these inside their own `processing()`: the vault's
tables are gated like any personal data, so a file or note cannot be opened without a
processing-log record. Only key rotation and the re-application of the shredding journal
reach the keys without one (`system_access`): they read and decide nothing about a person.
"""

import hashlib
import io
import json
import logging
import os
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.accounts.models import Resident, User
from regie.core import crypto, gate
from regie.core.gate import system_access
from regie.processing_log.gate import Actor, processing
from regie.vault import keys, scan, stream, uploads
from regie.vault.activities import SHRED
from regie.vault.models import (
    HeldFile,
    OrganisationFile,
    ResidentKey,
    ShreddingEntry,
    StoredFile,
)

_TEXT_VERSION = b"\x01"

logger = logging.getLogger(__name__)


class Shredded(LookupError):
    """The resident's data key was destroyed: what it protected can no longer be opened."""


def _kek(kek_id: str) -> bytes:
    if kek_id == settings.REGIE_KEK_ID:
        return settings.REGIE_KEK
    try:
        return settings.REGIE_KEK_PREVIOUS[kek_id]
    except KeyError:
        raise keys.UnwrapError(f"key-encryption key {kek_id!r} is not configured") from None


def _resident_purpose(key: ResidentKey) -> bytes:
    return f"regie-resident-key:{key.public_id}".encode()


def _open_resident_key(key: ResidentKey) -> bytes:
    return keys.unwrap(_kek(key.kek_id), bytes(key.wrapped_key), purpose=_resident_purpose(key))


def _keyring() -> AbstractContextManager[None]:
    """The vault reaches a key for a ciphertext its caller already read through the gate (a
    note, a StoredFile row): that read is the logged processing, the key lookup is not another."""
    return system_access("the vault opens the key of a ciphertext read through the gate")


def _require_gate() -> None:
    """Sealing or storing is a write of personal data: the caller's processing must be open."""
    if gate.current() is None:
        raise gate.UngatedAccess(
            "the vault stores personal data only inside the caller's processing()"
        )


def _resident_key(resident_id: int, *, create: bool) -> tuple[ResidentKey, bytes]:
    with _keyring():
        key = ResidentKey.objects.filter(resident_id=resident_id).first()
        if key is None:
            if not create or ShreddingEntry.objects.filter(resident_id=resident_id).exists():
                raise Shredded("this resident has no data key")
            key = ResidentKey(resident_id=resident_id, kek_id=settings.REGIE_KEK_ID)
            data_key = keys.new_key()
            key.wrapped_key = keys.wrap(
                settings.REGIE_KEK, data_key, purpose=_resident_purpose(key)
            )
            key.save()
            return key, data_key
    return key, _open_resident_key(key)


# Files -----------------------------------------------------------------------------------


def _file_aad(public_id: uuid.UUID, version: int, key: ResidentKey) -> bytes:
    return f"regie-file:{public_id}:{version}:{key.public_id}".encode()


def _file_purpose(public_id: uuid.UUID, version: int) -> bytes:
    return f"regie-file-key:{public_id}:{version}".encode()


class _TemporaryCiphertext(File):
    """A ciphertext in a temporary file; FileSystemStorage moves it instead of copying."""

    def temporary_file_path(self) -> str:
        return str(getattr(self.file, "name", ""))


def _temp_dir() -> Path:
    folder = Path(settings.REGIE_DATA_DIR) / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@transaction.atomic
def file_store(
    *,
    resident: Resident,
    source: BinaryIO,
    content_type: str,
    extension: str,
    version: int = 1,
) -> StoredFile:
    """Encrypt SOURCE (already validated and scanned) for RESIDENT into the storage under a
    server-chosen name. Runs inside the caller's processing."""
    _require_gate()
    resident_key, data_key = _resident_key(resident.pk, create=True)
    public_id = uuid.uuid4()
    file_key = keys.new_key()
    handle = tempfile.NamedTemporaryFile(dir=_temp_dir(), delete=False)
    try:
        with handle:
            size = stream.encrypt_stream(
                file_key,
                source,
                handle,
                associated_data=_file_aad(public_id, version, resident_key),
            )
        name = f"vault/{public_id.hex[:2]}/{public_id}.rgv"
        with open(handle.name, "rb") as ciphertext:
            stored_name = default_storage.save(name, _TemporaryCiphertext(ciphertext, name=name))
    finally:
        if os.path.exists(handle.name):
            os.unlink(handle.name)
    stored = StoredFile(
        public_id=public_id,
        resident_key=resident_key,
        version=version,
        wrapped_key=keys.wrap(data_key, file_key, purpose=_file_purpose(public_id, version)),
        storage_name=stored_name,
        size=size,
        content_type=content_type,
        extension=extension,
    )
    try:
        stored.save()
    except Exception:
        default_storage.delete(stored_name)
        raise
    return stored


def file_open(stored: StoredFile) -> Iterator[bytes]:
    """The plaintext of STORED, chunk by chunk. The keys are opened now, inside the caller's
    processing; the body is read and verified as the iterator is consumed (a damaged body
    raises stream.StreamError before its last chunk is given out)."""
    if stored.resident_key_id is None:
        raise Shredded("the key of this file was destroyed")
    with _keyring():
        resident_key = ResidentKey.objects.get(pk=stored.resident_key_id)
    data_key = _open_resident_key(resident_key)
    file_key = keys.unwrap(
        data_key, bytes(stored.wrapped_key), purpose=_file_purpose(stored.public_id, stored.version)
    )
    aad = _file_aad(stored.public_id, stored.version, resident_key)
    body = default_storage.open(stored.storage_name, "rb")

    def chunks() -> Iterator[bytes]:
        with body:
            yield from stream.decrypt_stream(file_key, body, associated_data=aad)

    return chunks()


# Free text -------------------------------------------------------------------------------


def text_seal(*, resident_id: int, text: str, context: str) -> bytes:
    """Encrypt a free-text personal field (a note) under the data key of the resident with
    this id; CONTEXT (e.g. "cases.note") is bound to it, so a value cannot be moved to another
    field. Runs inside the caller's processing."""
    _require_gate()
    resident_key, data_key = _resident_key(resident_id, create=True)
    purpose = f"regie-text:{context}:{resident_key.public_id}".encode()
    return (
        _TEXT_VERSION
        + resident_key.public_id.bytes
        + keys.seal(data_key, text.encode(), purpose=purpose)
    )


def text_open(*, resident_id: int, blob: bytes, context: str) -> str:
    """The text sealed in BLOB; the caller read BLOB through the gate."""
    blob = bytes(blob)
    if blob[:1] != _TEXT_VERSION or len(blob) < 17:
        raise keys.UnwrapError("not a sealed text")
    key_id = uuid.UUID(bytes=blob[1:17])
    with _keyring():
        resident_key = ResidentKey.objects.filter(resident_id=resident_id, public_id=key_id).first()
    if resident_key is None:
        raise Shredded("the key of this text was destroyed")
    purpose = f"regie-text:{context}:{key_id}".encode()
    return keys.open_sealed(_open_resident_key(resident_key), blob[17:], purpose=purpose).decode()


# Crypto-shredding ------------------------------------------------------------------------


def _journal_append(entry: ShreddingEntry) -> None:
    """Append ENTRY to the journal file outside the database and force it to disk."""
    path = Path(settings.REGIE_SHRED_JOURNAL)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = {
        "resident": str(entry.resident_public_id),
        "key": str(entry.key_public_id) if entry.key_public_id else None,
        "at": entry.shredded_at.isoformat(),
        "reason": entry.reason,
    }
    with open(path, "a", encoding="utf-8") as journal:
        journal.write(json.dumps(line, sort_keys=True) + "\n")
        journal.flush()
        os.fsync(journal.fileno())


def _delete_bodies(names: list[str]) -> None:
    for name in names:
        if default_storage.exists(name):
            default_storage.delete(name)


@transaction.atomic
def resident_shred(*, resident: Resident, reason: str, actor: User | Actor) -> ShreddingEntry:
    """Destroy RESIDENT's data key: their documents and notes become unreadable for good.
    The processing log is untouched (it holds no content) and still verifies. REASON says
    why in general terms (no personal data): "end of retention", "erasure decision 2026-14"."""
    if not reason.strip():
        raise ValueError("reason: say why the data is destroyed")
    with processing(activity=SHRED, actor=actor, name="resident.shred", subjects=[resident]):
        existing = ShreddingEntry.objects.filter(resident_public_id=resident.public_id).first()
        if existing is not None:
            return existing
        key = ResidentKey.objects.filter(resident_id=resident.pk).first()
        names = (
            list(StoredFile.objects.filter(resident_key=key).values_list("storage_name", flat=True))
            if key
            else []
        )
        entry = ShreddingEntry.objects.create(
            resident_id=resident.pk,
            resident_public_id=resident.public_id,
            key_public_id=key.public_id if key else None,
            reason=reason.strip()[:200],
            shredded_at=timezone.now(),
        )
        # Journal first: if the commit then fails, re-applying the journal finishes the job.
        _journal_append(entry)
        if key is not None:
            key.delete()
        transaction.on_commit(lambda: _delete_bodies(names))
    return entry


@transaction.atomic
def files_delete(*, files: Iterable[StoredFile]) -> int:
    """Delete FILES outright, for people who leave Regie altogether: their rows now, their
    bodies once the transaction commits; returns how many. Delete what points at them (case
    documents) first. Only for the fictional demo residents (`regie remove_demo`): a real
    resident's data is crypto-shredded with `resident_shred`, which the shredding journal
    keeps unreadable after a restore from backup. Inside the caller's gate."""
    _require_gate()
    rows = StoredFile.objects.filter(pk__in=[stored.pk for stored in files])
    names = list(rows.values_list("storage_name", flat=True))
    rows.delete()
    transaction.on_commit(partial(_delete_bodies, names))
    return len(names)


@dataclass(frozen=True)
class ReshredResult:
    entries: int
    keys_destroyed: int


@transaction.atomic
def shredding_reapply() -> ReshredResult:
    """After a restore from backup: destroy again every key the journal file lists, and put
    back the journal rows the backup did not have. Idempotent."""
    path = Path(settings.REGIE_SHRED_JOURNAL)
    if not path.exists():
        return ReshredResult(0, 0)
    destroyed = 0
    entries = 0
    with system_access("re-applying the shredding journal after a restore"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                resident_public_id = uuid.UUID(item["resident"])
                key_public_id = uuid.UUID(item["key"]) if item["key"] else None
                shredded_at = item["at"]
                reason = str(item["reason"])
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}, line {number}: not a journal entry ({exc})") from None
            entries += 1
            resident = Resident.objects.filter(public_id=resident_public_id).first()
            ShreddingEntry.objects.get_or_create(
                resident_public_id=resident_public_id,
                defaults={
                    "resident": resident,
                    "key_public_id": key_public_id,
                    "reason": reason,
                    "shredded_at": shredded_at,
                },
            )
            if key_public_id is None:
                continue
            key = ResidentKey.objects.filter(public_id=key_public_id).first()
            if key is not None:
                names = list(
                    StoredFile.objects.filter(resident_key=key).values_list(
                        "storage_name", flat=True
                    )
                )
                key.delete()
                destroyed += 1
                transaction.on_commit(partial(_delete_bodies, names))
    return ReshredResult(entries, destroyed)


# Rotation of the key-encryption key -------------------------------------------------------


_SEALED_RESIDENT_FIELDS = (("bsn_sealed", "resident.bsn"), ("name_sealed", "resident.name"))


@dataclass(frozen=True)
class RotationResult:
    keys: int
    fields: int
    held: int = 0
    organisation: int = 0


def _rewrap_own_keys(
    model: type[HeldFile] | type[OrganisationFile], purpose: Callable[[uuid.UUID], bytes]
) -> int:
    """Re-wrap the keys of files that the KEK wraps directly (held and organisation files)."""
    count = 0
    for item in model.objects.exclude(kek_id=settings.REGIE_KEK_ID).select_for_update():
        file_key = keys.unwrap(
            _kek(item.kek_id), bytes(item.wrapped_key), purpose=purpose(item.public_id)
        )
        item.wrapped_key = keys.wrap(settings.REGIE_KEK, file_key, purpose=purpose(item.public_id))
        item.kek_id = settings.REGIE_KEK_ID
        item.save(update_fields=["wrapped_key", "kek_id"])
        count += 1
    return count


@transaction.atomic
def kek_rotate() -> RotationResult:
    """Re-wrap every resident key that is not under the current REGIE_KEK, and re-seal the
    small fields sealed under an older one (a resident's BSN and name), and re-wrap the keys
    of held and organisation files; the bodies are not touched. Afterwards the old key can be
    retired."""
    rewrapped = 0
    fields = 0
    with system_access("re-sealing under the new key-encryption key; nothing is shown"):
        for resident in Resident.objects.select_for_update().only("bsn_sealed", "name_sealed"):
            changed = []
            for field, context in _SEALED_RESIDENT_FIELDS:
                blob = getattr(resident, field)
                if not crypto.sealed_with_current_key(blob):
                    setattr(resident, field, crypto.reseal(blob, context=context))
                    changed.append(field)
            if changed:
                resident.save(update_fields=changed)
                fields += len(changed)
        for key in ResidentKey.objects.exclude(kek_id=settings.REGIE_KEK_ID).select_for_update():
            data_key = _open_resident_key(key)
            key.wrapped_key = keys.wrap(
                settings.REGIE_KEK, data_key, purpose=_resident_purpose(key)
            )
            key.kek_id = settings.REGIE_KEK_ID
            key.save(update_fields=["wrapped_key", "kek_id"])
            rewrapped += 1
        held = _rewrap_own_keys(HeldFile, _held_purpose)
        organisation = _rewrap_own_keys(OrganisationFile, _organisation_purpose)
    return RotationResult(rewrapped, fields, held, organisation)


# Accepting an upload ---------------------------------------------------------------------


@dataclass(frozen=True)
class Checked:
    """An upload that passed: its type, and its content with the metadata stripped."""

    kind: uploads.FileType
    clean: BinaryIO


def file_check(*, source: BinaryIO, filename: str, only: frozenset[str] | None = None) -> Checked:
    """Check, clean and scan an upload without storing it; raises uploads.UploadRefused or
    scan.ScanRefused. ONLY narrows the allow-list to these extensions (e.g. {"pdf"})."""
    try:
        kind = uploads.inspect(source, filename)
        if only is not None and kind.extension not in only:
            raise uploads.UploadRefused(
                "type",
                _("Only a file of this kind can be accepted here: %(kinds)s.")
                % {"kinds": ", ".join(sorted(only)).upper()},
            )
        clean = uploads.strip_metadata(source, kind)
        clean.seek(0)
        scan.scan(clean)
    except (uploads.UploadRefused, scan.ScanRefused) as refusal:
        # No file name or content in the log: a name can itself be personal data.
        logger.warning("upload refused: %s", refusal.code)
        raise
    clean.seek(0)
    return Checked(kind=kind, clean=clean)


def refusal_text(refusal: uploads.UploadRefused | scan.ScanRefused) -> str:
    """What to tell the person whose upload file_check refused, in their language; the scanner's
    own answer (a signature name, a socket error) is for the log, not for them."""
    if isinstance(refusal, uploads.UploadRefused):
        return str(refusal.message)
    if refusal.code == "infected":
        return _("The file contains a virus and was not accepted.")
    return _("The file could not be checked for viruses, so it was not accepted. Try again later.")


def file_accept(
    *, resident: Resident, source: BinaryIO, filename: str, version: int = 1
) -> StoredFile:
    """Check, clean, scan and encrypt an uploaded file; raises uploads.UploadRefused or
    scan.ScanRefused and stores nothing when it is refused. FILENAME (as the person named it)
    decides nothing but the expected type; it is not stored."""
    checked = file_check(source=source, filename=filename)
    return file_store(
        resident=resident,
        source=checked.clean,
        content_type=checked.kind.content_type,
        extension=checked.kind.extension,
        version=version,
    )


# Held files: checked, scanned and encrypted, but no resident known yet ----------------------


def _held_purpose(public_id: uuid.UUID) -> bytes:
    return f"regie-held-key:{public_id}".encode()


def _held_aad(public_id: uuid.UUID) -> bytes:
    return f"regie-held:{public_id}".encode()


def _encrypt_to_storage(
    key: bytes, source: stream.Reader, name: str, aad: bytes
) -> tuple[str, int]:
    handle = tempfile.NamedTemporaryFile(dir=_temp_dir(), delete=False)
    try:
        with handle:
            size = stream.encrypt_stream(key, source, handle, associated_data=aad)
        with open(handle.name, "rb") as ciphertext:
            stored_name = default_storage.save(name, _TemporaryCiphertext(ciphertext, name=name))
    finally:
        if os.path.exists(handle.name):
            os.unlink(handle.name)
    return stored_name, size


@transaction.atomic
def held_store(*, source: BinaryIO, content_type: str, extension: str) -> HeldFile:
    """Encrypt SOURCE under a key of its own, wrapped by the KEK, until someone decides whose
    it is: checked and scanned already, or (uploaded post) until the worker checks it."""
    public_id = uuid.uuid4()
    file_key = keys.new_key()
    stored_name, size = _encrypt_to_storage(
        file_key, source, f"held/{public_id.hex[:2]}/{public_id}.rgv", _held_aad(public_id)
    )
    held = HeldFile(
        public_id=public_id,
        wrapped_key=keys.wrap(settings.REGIE_KEK, file_key, purpose=_held_purpose(public_id)),
        kek_id=settings.REGIE_KEK_ID,
        storage_name=stored_name,
        size=size,
        content_type=content_type,
        extension=extension,
    )
    try:
        held.save()
    except Exception:
        default_storage.delete(stored_name)
        raise
    return held


def held_open(held: HeldFile) -> Iterator[bytes]:
    """The plaintext of HELD, chunk by chunk, verified as it is read."""
    file_key = keys.unwrap(
        _kek(held.kek_id), bytes(held.wrapped_key), purpose=_held_purpose(held.public_id)
    )
    body = default_storage.open(held.storage_name, "rb")

    def chunks() -> Iterator[bytes]:
        with body:
            yield from stream.decrypt_stream(
                file_key, body, associated_data=_held_aad(held.public_id)
            )

    return chunks()


class _ChunkReader(io.RawIOBase):
    """A file-like view of an iterator of chunks, so a decrypting stream can feed an
    encrypting one without the plaintext touching the disk."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, target: "bytearray | memoryview") -> int:  # type: ignore[override]
        while not self._buffer:
            try:
                self._buffer = next(self._chunks)
            except StopIteration:
                return 0
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size


@transaction.atomic
def held_release(*, held: HeldFile, resident: Resident) -> StoredFile:
    """Re-encrypt HELD under RESIDENT's key (inside the caller's processing) and delete the
    held copy once the transaction commits."""
    stored = file_store(
        resident=resident,
        source=io.BufferedReader(_ChunkReader(held_open(held)), buffer_size=stream.CHUNK_SIZE),
        content_type=held.content_type,
        extension=held.extension,
    )
    held_delete(held=held)
    return stored


@transaction.atomic
def held_delete(*, held: HeldFile) -> None:
    """Delete HELD: its row now, its body when the transaction commits."""
    name = held.storage_name
    held.delete()
    transaction.on_commit(partial(_delete_bodies, [name]))


# Organisation files: the organisation's own, never a resident's ---------------------------


def _organisation_purpose(public_id: uuid.UUID) -> bytes:
    return f"regie-organisation-key:{public_id}".encode()


def _organisation_aad(public_id: uuid.UUID) -> bytes:
    return f"regie-organisation:{public_id}".encode()


class _Digesting:
    """Reads SOURCE through, keeping the SHA-256 of what passed."""

    def __init__(self, source: BinaryIO) -> None:
        self._source = source
        self.digest = hashlib.sha256()

    def read(self, size: int = -1, /) -> bytes:
        data = self._source.read(size)
        self.digest.update(data)
        return data


@transaction.atomic
def organisation_file_store(
    *, source: BinaryIO, content_type: str, extension: str
) -> OrganisationFile:
    """Encrypt SOURCE (already checked and scanned) under a key of its own, wrapped by the
    KEK, and keep the SHA-256 of its plaintext."""
    public_id = uuid.uuid4()
    file_key = keys.new_key()
    digesting = _Digesting(source)
    stored_name, size = _encrypt_to_storage(
        file_key,
        digesting,
        f"organisation/{public_id.hex[:2]}/{public_id}.rgv",
        _organisation_aad(public_id),
    )
    item = OrganisationFile(
        public_id=public_id,
        wrapped_key=keys.wrap(
            settings.REGIE_KEK, file_key, purpose=_organisation_purpose(public_id)
        ),
        kek_id=settings.REGIE_KEK_ID,
        storage_name=stored_name,
        size=size,
        sha256=digesting.digest.hexdigest(),
        content_type=content_type,
        extension=extension,
    )
    try:
        item.save()
    except Exception:
        default_storage.delete(stored_name)
        raise
    return item


def organisation_file_open(item: OrganisationFile) -> Iterator[bytes]:
    """The plaintext of ITEM, chunk by chunk, verified as it is read."""
    file_key = keys.unwrap(
        _kek(item.kek_id), bytes(item.wrapped_key), purpose=_organisation_purpose(item.public_id)
    )
    body = default_storage.open(item.storage_name, "rb")

    def chunks() -> Iterator[bytes]:
        with body:
            yield from stream.decrypt_stream(
                file_key, body, associated_data=_organisation_aad(item.public_id)
            )

    return chunks()


@transaction.atomic
def organisation_file_delete(*, item: OrganisationFile) -> None:
    """Delete ITEM: its row now, its body when the transaction commits."""
    name = item.storage_name
    item.delete()
    transaction.on_commit(partial(_delete_bodies, [name]))
