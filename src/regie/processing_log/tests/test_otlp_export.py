"""The log leaves Regie as OTLP/JSON spans in the LDV shape, for an OpenTelemetry collector:
by `regie export_log` as JSON Lines and through the API in bounded batches. Who did it (the
actor) is never part of the export."""

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client

from regie.accounts import services as account_services
from regie.accounts.models import ApiToken
from regie.conftest import BSN_ANNA, People
from regie.processing_log.gate import processing
from regie.processing_log.ingest import log_ingest
from regie.processing_log.models import ProcessingRecord
from regie.processing_log.otlp import to_otlp
from regie.register import builtin

OTLP = "/api/v1/processing-log/otlp"
SYSTEM = "Zaaksysteem"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _nanos(moment: datetime) -> str:
    return str((moment - _EPOCH) // timedelta(microseconds=1) * 1000)


def _ingest(people: People, *, status: str = "ok", minute: str = "2026-03-02T09:15") -> None:
    """One record from another system, done in MINUTE (UTC)."""
    token, _secret = account_services.api_token_create(
        name=SYSTEM, scopes=["processing_log.write"], created_by=people.beheerder
    )
    log_ingest(
        records=[
            {
                "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736",
                "span_id": "00f067aa0ba902b7",
                "parent_span_id": "",
                "name": "zaak.bekijken",
                "start_time": f"{minute}:00.000001Z",
                "end_time": f"{minute}:01Z",
                "status": status,
                "processing_activity_id": builtin.REGISTER_RESIDENT,
                "data_subject": {"bsn": BSN_ANNA},
                "actor": {"kind": "system", "id": SYSTEM},
            }
        ],
        token=token,
    )


def _spans(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        span
        for resource in document["resourceSpans"]
        for scope in resource["scopeSpans"]
        for span in scope["spans"]
    ]


def test_it_gives_each_record_the_ldv_span_shape(people: People):
    record = ProcessingRecord.objects.filter(name="caseload.assign").first()
    assert record is not None

    document = to_otlp([record])

    [resource_spans] = document["resourceSpans"]
    assert resource_spans["resource"] == {
        "attributes": [
            {"key": "service.name", "value": {"stringValue": settings.REGIE_LOG_RESOURCE}}
        ]
    }
    [scope_spans] = resource_spans["scopeSpans"]
    assert scope_spans["scope"] == {"name": "regie.processing_log"}
    [span] = scope_spans["spans"]
    assert set(span) == {
        "traceId",
        "spanId",
        "parentSpanId",
        "name",
        "kind",
        "startTimeUnixNano",
        "endTimeUnixNano",
        "status",
        "attributes",
    }
    assert re.fullmatch(r"[0-9a-f]{32}", span["traceId"]) and span["traceId"] == record.trace_id
    assert re.fullmatch(r"[0-9a-f]{16}", span["spanId"]) and span["spanId"] == record.span_id
    assert span["parentSpanId"] == record.parent_span_id
    assert span["name"] == "caseload.assign"
    assert span["kind"] == 1
    assert span["startTimeUnixNano"] == _nanos(record.start_time)
    assert span["endTimeUnixNano"] == _nanos(record.end_time)
    assert int(span["endTimeUnixNano"]) >= int(span["startTimeUnixNano"])
    assert span["status"] == {"code": 1}
    assert span["attributes"] == [
        {
            "key": "dpl.core.processing_activity_id",
            "value": {"stringValue": builtin.ASSIGN_CASELOAD},
        },
        {"key": "dpl.core.data_subject_id", "value": {"stringValue": record.data_subject_id}},
        {
            "key": "dpl.core.data_subject_id_type",
            "value": {"stringValue": record.data_subject_id_type},
        },
    ]


def test_it_exports_no_actor(people: People):
    with (
        transaction.atomic(),
        processing(
            activity=builtin.ASSIGN_CASELOAD,
            actor=people.teamleider,
            name="caseload.view",
            subjects=[people.anna],
        ),
    ):
        pass
    records = list(ProcessingRecord.objects.all())
    actors = {(record.actor_kind, record.actor_id, record.actor_role) for record in records}
    assert ("staff", str(people.teamleider.public_id), "teamleider") in actors

    text = json.dumps(to_otlp(records))

    assert str(people.teamleider.public_id) not in text
    assert "teamleider" not in text
    assert not any(actor_id in text for _kind, actor_id, _role in actors)
    assert "actor" not in text


def test_it_keeps_nanoseconds_exact_and_marks_errors(people: People):
    _ingest(people, status="error")
    record = ProcessingRecord.objects.get(actor_id=SYSTEM)

    [span] = _spans(to_otlp([record]))

    whole_seconds = int(datetime(2026, 3, 2, 9, 15, tzinfo=UTC).timestamp())
    assert span["startTimeUnixNano"] == f"{whole_seconds}000001000"
    assert span["status"] == {"code": 2}


def test_it_groups_spans_by_the_system_that_did_the_processing(people: People):
    _ingest(people)

    document = to_otlp(ProcessingRecord.objects.order_by("id"))

    services = [
        r["resource"]["attributes"][0]["value"]["stringValue"] for r in document["resourceSpans"]
    ]
    assert services == [settings.REGIE_LOG_RESOURCE, SYSTEM]
    assert len(_spans(document)) == ProcessingRecord.objects.count()


def test_it_exports_the_log_as_json_lines(people: People, tmp_path: Path):
    output = tmp_path / "log.jsonl"
    total = ProcessingRecord.objects.count()

    call_command("export_log", output=str(output), batch=2)

    lines = output.read_text().splitlines()
    assert len(lines) == (total + 1) // 2
    documents = [json.loads(line) for line in lines]
    assert all(set(document) == {"resourceSpans"} for document in documents)
    span_ids = [span["spanId"] for document in documents for span in _spans(document)]
    assert span_ids == list(
        ProcessingRecord.objects.order_by("id").values_list("span_id", flat=True)
    )


def test_it_exports_only_the_period_asked_for(people: People, tmp_path: Path):
    _ingest(people, minute="2020-06-30T12:00")
    before, after = tmp_path / "before.jsonl", tmp_path / "after.jsonl"

    call_command("export_log", output=str(before), until="2021-01-01")
    call_command("export_log", output=str(after), since="2021-01-01T00:00:00+01:00")

    old = [span for line in before.read_text().splitlines() for span in _spans(json.loads(line))]
    new = [span for line in after.read_text().splitlines() for span in _spans(json.loads(line))]
    assert [span["spanId"] for span in old] == ["00f067aa0ba902b7"]
    assert len(new) == ProcessingRecord.objects.count() - 1
    assert "00f067aa0ba902b7" not in {span["spanId"] for span in new}


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"since": "last week"}, "--since"),
        ({"since": "2026-02-01", "until": "2026-01-01"}, "--until"),
    ],
)
def test_it_refuses_a_bad_period(db: None, options: dict[str, str], named: str):
    with pytest.raises(CommandError, match=named):
        call_command("export_log", **options)


def test_it_writes_to_standard_output_without_a_file(people: People, capsys):
    call_command("export_log")

    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    assert len(_spans(json.loads(lines[0]))) == ProcessingRecord.objects.count()


def _read_token(people: People, scope: str = "processing_log.read") -> str:
    _token, secret = account_services.api_token_create(
        name="Collector", scopes=[scope], created_by=people.beheerder
    )
    return secret


def test_it_serves_the_export_in_batches_with_a_next_link(client: Client, people: People):
    headers = {"authorization": f"Bearer {_read_token(people)}"}
    url: str | None = f"{OTLP}?limit=2"

    span_ids: list[str] = []
    calls = 0
    while url:
        response = client.get(url, headers=headers)
        assert response.status_code == 200
        body = response.json()
        assert len(_spans(body)) <= 2
        span_ids.extend(span["spanId"] for span in _spans(body))
        url = body["next"]
        calls += 1

    expected = list(ProcessingRecord.objects.order_by("id").values_list("span_id", flat=True))
    assert span_ids == expected
    assert calls >= len(expected) // 2


def test_it_keeps_the_period_across_batches(client: Client, people: People):
    _ingest(people, minute="2020-06-30T12:00")
    headers = {"authorization": f"Bearer {_read_token(people)}"}

    body = client.get(f"{OTLP}?until=2021-01-01T00:00:00Z&limit=1", headers=headers).json()

    assert [span["spanId"] for span in _spans(body)] == ["00f067aa0ba902b7"]
    assert "until=2021-01-01T00%3A00%3A00Z" in body["next"]
    following = client.get(body["next"], headers=headers).json()
    assert _spans(following) == [] and following["next"] is None


def test_it_lets_the_privacy_officer_fetch_the_export(login_as, people: People):
    response = login_as(people.privacy_officer).get(OTLP)

    assert response.status_code == 200
    assert len(_spans(response.json())) == ProcessingRecord.objects.count()


@pytest.mark.parametrize("scope", ["processing_log.write", "api.me"])
def test_it_hides_the_export_from_a_token_without_the_read_scope(
    client: Client, people: People, scope: str
):
    response = client.get(OTLP, headers={"authorization": f"Bearer {_read_token(people, scope)}"})

    assert response.status_code == 404
    assert ApiToken.objects.count() == 1
