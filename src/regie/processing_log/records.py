"""The bytes of a record that go into the Merkle tree, and the LDV identifiers. The field
order is part of the log's format: change it and every existing leaf stops verifying."""

import secrets
from collections.abc import Sequence
from datetime import UTC, datetime

SEPARATOR = "\x1f"  # ASCII unit separator; refused inside any field when a record is made

# Columns of ProcessingRecord in hashing order, as values_list() names them.
HASHED_FIELDS: Sequence[str] = (
    "id",
    "trace_id",
    "span_id",
    "parent_span_id",
    "name",
    "start_time",
    "end_time",
    "status",
    "resource",
    "activity_uri",
    "activity_version_id",
    "data_subject_id",
    "data_subject_id_type",
    "actor_kind",
    "actor_id",
    "actor_role",
)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _micros(moment: datetime) -> str:
    delta = moment.astimezone(UTC) - _EPOCH
    return str((delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds)


def record_bytes(values: Sequence[object]) -> bytes:
    """VALUES in HASHED_FIELDS order (a values_list row) as the canonical leaf data."""
    return SEPARATOR.join(
        [_micros(value) if isinstance(value, datetime) else str(value) for value in values]
    ).encode()


def new_trace_id() -> str:
    return secrets.token_hex(16)


def new_span_id() -> str:
    return secrets.token_hex(8)


def check_field(name: str, value: str) -> None:
    if any(ord(ch) < 0x20 for ch in value):
        raise ValueError(f"{name} must not contain control characters")
