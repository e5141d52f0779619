"""The processing log in the LDV span shape as OTLP/JSON, for an OpenTelemetry collector.

Each record becomes one span with the three `dpl.core.*` attributes of the Logboek
Dataverwerkingen. Who did it (the actor fields) stays in Regie: it is linked to the record
but not part of what LDV exports. The export reads the log oldest first in batches keyed on
the record id, so its memory use does not grow with the log.
"""

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from regie.processing_log.models import ProcessingRecord, Status

SCOPE_NAME = "regie.processing_log"
SPAN_KIND_INTERNAL = 1
STATUS_CODE = {Status.OK: 1, Status.ERROR: 2}

# The columns the export reads; the actor fields are deliberately not among them.
EXPORTED_FIELDS = (
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
    "data_subject_id",
    "data_subject_id_type",
)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def to_otlp(records: Iterable[ProcessingRecord]) -> dict[str, Any]:
    """One OTLP/JSON ExportTraceServiceRequest; a resourceSpans entry per resource."""
    spans_by_resource: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        spans_by_resource.setdefault(record.resource, []).append(_span(record))
    return {
        "resourceSpans": [
            {
                "resource": {"attributes": [_attribute("service.name", resource)]},
                "scopeSpans": [{"scope": {"name": SCOPE_NAME}, "spans": spans}],
            }
            for resource, spans in spans_by_resource.items()
        ]
    }


def records_after(
    *,
    after_id: int = 0,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int,
) -> list[ProcessingRecord]:
    """Up to LIMIT records with an id above AFTER_ID, oldest first, that ended in
    [SINCE, UNTIL)."""
    records = ProcessingRecord.objects.filter(id__gt=after_id)
    if since is not None:
        records = records.filter(end_time__gte=since)
    if until is not None:
        records = records.filter(end_time__lt=until)
    return list(records.only(*EXPORTED_FIELDS).order_by("id")[:limit])


def export_batches(
    *, since: datetime | None = None, until: datetime | None = None, batch: int = 5000
) -> Iterator[list[ProcessingRecord]]:
    after_id = 0
    while records := records_after(after_id=after_id, since=since, until=until, limit=batch):
        yield records
        after_id = records[-1].id


def _span(record: ProcessingRecord) -> dict[str, Any]:
    return {
        "traceId": record.trace_id,
        "spanId": record.span_id,
        "parentSpanId": record.parent_span_id,
        "name": record.name,
        "kind": SPAN_KIND_INTERNAL,
        "startTimeUnixNano": _unix_nanos(record.start_time),
        "endTimeUnixNano": _unix_nanos(record.end_time),
        "status": {"code": STATUS_CODE[Status(record.status)]},
        "attributes": [
            _attribute("dpl.core.processing_activity_id", record.activity_uri),
            _attribute("dpl.core.data_subject_id", record.data_subject_id),
            _attribute("dpl.core.data_subject_id_type", record.data_subject_id_type),
        ],
    }


def _attribute(key: str, value: str) -> dict[str, Any]:
    return {"key": key, "value": {"stringValue": value}}


def _unix_nanos(moment: datetime) -> str:
    """OTLP/JSON writes 64-bit integers as strings; integer arithmetic keeps microseconds."""
    delta = moment - _EPOCH
    return str(((delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds) * 1000)
