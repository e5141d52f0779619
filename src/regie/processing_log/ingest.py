"""Bulk ingest: other municipal systems report the processings they did, in LDV shape, so
that a resident finds them in the same log as Regie's own.

    [{"trace_id": "<32 hex>", "span_id": "<16 hex>", "parent_span_id": "<16 hex>" | "",
      "name": "...", "start_time": "<ISO 8601 with offset>", "end_time": "...",
      "status": "ok" | "error", "processing_activity_id": "urn:regie:verwerking:...",
      "data_subject": {"bsn": "..."}, "actor": {"kind": "system", "id": "<token name>"}}]

The records are written straight into the log rather than through `processing()`: no Regie
code touched the resident's data here, the other system did. A batch is validated whole
before anything is written and is stored all or nothing.

A batch of 10,000 records has to go through in well under a second, so the checks are plain
dict and string tests with one register lookup per distinct activity and one HMAC per
distinct BSN, and the rows skip model instances: PostgreSQL takes them through COPY, other
databases through one executemany. (The ORM's bulk_create spends longer compiling the
statement than the database spends storing the rows.)
"""

import re
from datetime import datetime
from typing import Any

from django.db import connection, transaction

from regie.accounts.models import ApiToken
from regie.accounts.selectors import subject_pseudonym
from regie.core.bsn import is_valid_bsn, normalise_bsn
from regie.processing_log.bulk import append_rows
from regie.processing_log.gate import SUBJECT_ID_TYPE
from regie.processing_log.models import ActorKind, ProcessingRecord, Status
from regie.register.models import ProcessingActivityVersion
from regie.register.selectors import UnknownActivity, activity_version_in_force

MAX_RECORDS = 10_000
MAX_ERRORS = 20

_HEX32 = re.compile(r"[0-9a-f]{32}")
_HEX16 = re.compile(r"[0-9a-f]{16}")
_ZERO32, _ZERO16 = "0" * 32, "0" * 16
_STATUSES = frozenset(Status.values)
_NAME_MAX = 200  # ProcessingRecord.name
_FIELDS = [field for field in ProcessingRecord._meta.concrete_fields if not field.primary_key]

type Row = tuple[Any, ...]


class IngestError(ValueError):
    """The batch was refused; ERRORS lists the first problems as (field, message)."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors))
        self.errors = errors


@transaction.atomic
def log_ingest(*, records: Any, token: ApiToken) -> int:
    """Store RECORDS (a list of LDV records) reported by the system of TOKEN; return how many.
    Raises IngestError naming the first bad fields, having written nothing."""
    rows = _Parser(token).parse(records)
    _insert(rows)
    return len(rows)


def _insert(rows: list[Row]) -> None:
    append_rows(ProcessingRecord, [str(field.column) for field in _FIELDS], rows)


class _Parser:
    def __init__(self, token: ApiToken) -> None:
        self.system = token.name
        self.errors: list[tuple[str, str]] = []
        self.versions: dict[str, ProcessingActivityVersion | str] = {}
        self.pseudonyms: dict[str, str | None] = {}
        self.adapt_moment = connection.ops.adapt_datetimefield_value

    def parse(self, records: Any) -> list[Row]:
        if not isinstance(records, list):
            raise IngestError([("records", "send a JSON array of records")])
        if not records:
            raise IngestError([("records", "send at least one record")])
        if len(records) > MAX_RECORDS:
            raise IngestError(
                [("records", f"send at most {MAX_RECORDS} records per request, not {len(records)}")]
            )
        rows = []
        for position, item in enumerate(records):
            row = self._record(f"records[{position}]", item)
            if len(self.errors) >= MAX_ERRORS:
                break
            if row is not None:
                rows.append(row)
        if self.errors:
            raise IngestError(self.errors[:MAX_ERRORS])
        return rows

    def _fail(self, field: str, message: str) -> None:
        self.errors.append((field, message))

    def _record(self, at: str, item: Any) -> Row | None:
        if not isinstance(item, dict):
            self._fail(at, "a record is a JSON object")
            return None
        before = len(self.errors)
        trace_id = self._hex(at, item, "trace_id", _HEX32, _ZERO32)
        span_id = self._hex(at, item, "span_id", _HEX16, _ZERO16)
        parent = item.get("parent_span_id") or ""
        if parent:
            parent = self._hex(at, item, "parent_span_id", _HEX16, _ZERO16)
        name = self._name(at, item.get("name"))
        start = self._moment(at, item, "start_time")
        end = self._moment(at, item, "end_time")
        if start is not None and end is not None and end < start:
            self._fail(f"{at}.end_time", "is before start_time")
        status = item.get("status")
        if not isinstance(status, str) or status not in _STATUSES:
            self._fail(f"{at}.status", "must be 'ok' or 'error'")
            status = ""
        activity = self._activity(at, item.get("processing_activity_id"))
        pseudonym = self._subject(at, item.get("data_subject"))
        self._actor(at, item.get("actor"))
        if len(self.errors) > before or not (start and end and activity and pseudonym):
            return None
        values = {
            "trace_id": trace_id,
            "span_id": span_id,
            "parent_span_id": parent,
            "name": name,
            "start_time": self.adapt_moment(start),
            "end_time": self.adapt_moment(end),
            "status": status,
            "resource": self.system,
            "activity_uri": activity[0],
            "activity_version_id": activity[1].pk,
            "data_subject_id": pseudonym,
            "data_subject_id_type": SUBJECT_ID_TYPE,
            "actor_kind": ActorKind.SYSTEM.value,
            "actor_id": self.system,
            "actor_role": "",
        }
        return tuple(values[field.attname] for field in _FIELDS)

    def _hex(self, at: str, item: dict, key: str, pattern: re.Pattern[str], zero: str) -> str:
        value = item.get(key)
        if not isinstance(value, str) or not pattern.fullmatch(value) or value == zero:
            digits = len(zero)
            self._fail(f"{at}.{key}", f"must be {digits} lowercase hex digits, not all zero")
            return ""
        return value

    def _name(self, at: str, name: Any) -> str:
        if not isinstance(name, str) or not name or len(name) > _NAME_MAX:
            self._fail(f"{at}.name", f"say what was done, in 1 to {_NAME_MAX} characters")
            return ""
        if any(ord(char) < 0x20 for char in name):
            self._fail(f"{at}.name", "must not contain control characters")
            return ""
        return name

    def _moment(self, at: str, item: dict, key: str) -> datetime | None:
        value = item.get(key)
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            self._fail(f"{at}.{key}", "give an ISO 8601 time with its UTC offset")
            return None
        return moment

    def _activity(self, at: str, activity: Any) -> tuple[str, ProcessingActivityVersion] | None:
        if not isinstance(activity, str):
            self._fail(f"{at}.processing_activity_id", "name a processing activity of the register")
            return None
        if activity not in self.versions:
            try:
                self.versions[activity] = activity_version_in_force(activity)
            except UnknownActivity as exc:
                self.versions[activity] = str(exc)
        found = self.versions[activity]
        if isinstance(found, str):
            self._fail(f"{at}.processing_activity_id", found)
            return None
        return activity, found

    def _subject(self, at: str, subject: Any) -> str | None:
        bsn = subject.get("bsn") if isinstance(subject, dict) else None
        if not isinstance(bsn, str):
            self._fail(f"{at}.data_subject.bsn", "give the data subject's BSN")
            return None
        if bsn not in self.pseudonyms:
            normal = normalise_bsn(bsn)
            self.pseudonyms[bsn] = subject_pseudonym(normal) if is_valid_bsn(normal) else None
        pseudonym = self.pseudonyms[bsn]
        if pseudonym is None:
            # The value itself is never repeated: it may be a real BSN with a typo.
            self._fail(f"{at}.data_subject.bsn", "this is not a valid BSN (it fails the 11-check)")
        return pseudonym

    def _actor(self, at: str, actor: Any) -> None:
        if not isinstance(actor, dict) or actor.get("kind") != ActorKind.SYSTEM:
            self._fail(f"{at}.actor.kind", "must be 'system': the API token belongs to a system")
        elif actor.get("id") != self.system:
            self._fail(f"{at}.actor.id", f"must be the name of the API token, {self.system!r}")
