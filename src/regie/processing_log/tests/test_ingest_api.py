"""Another municipal system reports its processings through the API: a valid batch lands in the
log as the system's records, a batch with one bad record is refused whole, naming the field."""

import json
import secrets
from typing import Any

import pytest
from django.test import Client

from regie.accounts import services as account_services
from regie.accounts.selectors import subject_pseudonym
from regie.conftest import BSN_ANNA, BSN_BRAM, People
from regie.processing_log.api import MAX_INGEST_BYTES
from regie.processing_log.ingest import MAX_ERRORS, MAX_RECORDS
from regie.processing_log.models import ActorKind, ProcessingRecord, Status
from regie.processing_log.services import log_seal_all
from regie.register import builtin

RECORDS = "/api/v1/processing-log/records"
SEARCH = "/api/v1/processing-log/search"
SYSTEM = "Zaaksysteem"
# A valid BSN of nobody Regie knows.
BSN_STRANGER = "999990032"


def _record(bsn: str = BSN_ANNA, **changes: Any) -> dict[str, Any]:
    record = {
        "trace_id": secrets.token_hex(16),
        "span_id": secrets.token_hex(8),
        "parent_span_id": "",
        "name": "zaak.bekijken",
        "start_time": "2026-03-02T09:15:00.250000+01:00",
        "end_time": "2026-03-02T09:15:01+01:00",
        "status": "ok",
        "processing_activity_id": builtin.REGISTER_RESIDENT,
        "data_subject": {"bsn": bsn},
        "actor": {"kind": "system", "id": SYSTEM},
    }
    record.update(changes)
    return record


def _token(people: People, *scopes: str) -> str:
    _token, secret = account_services.api_token_create(
        name=SYSTEM, scopes=list(scopes or ["processing_log.write"]), created_by=people.beheerder
    )
    return secret


def _post(client: Client, body: Any, secret: str | None = None):
    headers = {"authorization": f"Bearer {secret}"} if secret else {}
    return client.post(RECORDS, json.dumps(body), content_type="application/json", headers=headers)


def _system_records() -> int:
    return ProcessingRecord.objects.filter(actor_kind=ActorKind.SYSTEM, actor_id=SYSTEM).count()


def test_it_stores_a_valid_batch_as_the_systems_records(client: Client, people: People):
    batch = [_record(), _record(BSN_BRAM, parent_span_id=secrets.token_hex(8)), _record()]
    batch[2]["status"] = "error"

    response = _post(client, batch, _token(people))

    assert response.status_code == 201
    assert response.json() == {"ingested": 3}
    stored = list(
        ProcessingRecord.objects.filter(actor_id=SYSTEM)
        .order_by("id")
        .values(
            "trace_id",
            "span_id",
            "parent_span_id",
            "data_subject_id",
            "actor_kind",
            "resource",
            "status",
            "activity_uri",
            "start_time",
        )
    )
    assert [row["span_id"] for row in stored] == [record["span_id"] for record in batch]
    assert [row["data_subject_id"] for row in stored] == [
        people.anna.subject_pseudonym,
        people.bram.subject_pseudonym,
        people.anna.subject_pseudonym,
    ]
    assert stored[1]["parent_span_id"] == batch[1]["parent_span_id"]
    assert {row["actor_kind"] for row in stored} == {ActorKind.SYSTEM}
    assert {row["resource"] for row in stored} == {SYSTEM}
    assert [row["status"] for row in stored] == [Status.OK, Status.OK, Status.ERROR]
    assert stored[0]["start_time"].isoformat() == "2026-03-02T08:15:00.250000+00:00"
    assert not any(BSN_ANNA in str(value) for row in stored for value in row.values())


def test_it_shows_ingested_records_to_the_privacy_officer(client: Client, login_as, people: People):
    _post(client, [_record()], _token(people))
    log_seal_all()

    body = (
        login_as(people.privacy_officer)
        .post(SEARCH, {"data_subject": {"bsn": BSN_ANNA}}, content_type="application/json")
        .json()
    )

    ingested = [
        r for r in body["records"] if r["actor"]["kind"] == "system" and r["actor"]["id"] == SYSTEM
    ]
    assert len(ingested) == 1
    assert ingested[0]["processing_activity"]["plain_explanation"]
    assert ingested[0]["proof"] is not None


def test_it_takes_records_about_someone_regie_does_not_know(client: Client, people: People):
    response = _post(client, [_record(BSN_STRANGER)], _token(people))

    assert response.status_code == 201
    assert ProcessingRecord.objects.filter(data_subject_id=subject_pseudonym(BSN_STRANGER)).exists()


def test_it_refuses_a_batch_with_one_bad_record_and_writes_nothing(client: Client, people: People):
    before = ProcessingRecord.objects.count()
    batch = [_record(), _record(start_time="yesterday"), _record()]

    response = _post(client, batch, _token(people))

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["records[1].start_time"]
    assert ProcessingRecord.objects.count() == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"trace_id": "abc"}, "trace_id"),
        ({"trace_id": "0" * 32}, "trace_id"),
        ({"trace_id": "A" * 32}, "trace_id"),
        ({"span_id": None}, "span_id"),
        ({"parent_span_id": "xyz"}, "parent_span_id"),
        ({"name": ""}, "name"),
        ({"name": "a\nb"}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"start_time": "2026-03-02T09:15:00"}, "start_time"),
        ({"end_time": 1772439300}, "end_time"),
        ({"end_time": "2026-03-02T09:14:00+01:00"}, "end_time"),
        ({"status": "STATUS_CODE_OK"}, "status"),
        ({"status": ["ok"]}, "status"),
        ({"processing_activity_id": "inwoner-registreren"}, "processing_activity_id"),
        ({"processing_activity_id": "urn:regie:verwerking:bestaat-niet"}, "processing_activity_id"),
        ({"data_subject": {"bsn": "123456789"}}, "data_subject.bsn"),
        ({"data_subject": {"pseudonym": "a" * 64}}, "data_subject.bsn"),
        ({"actor": {"kind": "staff", "id": SYSTEM}}, "actor.kind"),
        ({"actor": {"kind": "system", "id": "Ander systeem"}}, "actor.id"),
        ({"actor": None}, "actor.kind"),
    ],
)
def test_it_names_the_bad_field(
    client: Client, people: People, changes: dict[str, Any], field: str
):
    before = ProcessingRecord.objects.count()

    response = _post(client, [_record(), _record(**changes)], _token(people))

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == [f"records[1].{field}"]
    assert ProcessingRecord.objects.count() == before


def test_it_never_repeats_a_bad_bsn(client: Client, people: People):
    response = _post(client, [_record("123456789")], _token(people))

    assert response.status_code == 400
    assert "123456789" not in response.content.decode()


@pytest.mark.parametrize(
    "body", [{"records": []}, [], "records", [1], [_record()] * (MAX_RECORDS + 1)]
)
def test_it_refuses_what_is_not_a_batch_of_records(client: Client, people: People, body: Any):
    response = _post(client, body, _token(people))

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] in {"records", "records[0]"}
    assert _system_records() == 0


def test_it_lists_only_the_first_errors(client: Client, people: People):
    batch = [_record(name="") for _ in range(100)]

    response = _post(client, batch, _token(people))

    errors = response.json()["errors"]
    assert len(errors) == MAX_ERRORS
    assert errors[0]["field"] == "records[0].name"


def test_it_takes_a_full_batch_of_ten_thousand(client: Client, people: People):
    batch = [_record(bsn) for bsn in (BSN_ANNA, BSN_BRAM, BSN_STRANGER) for _ in range(3334)]
    batch = batch[:MAX_RECORDS]

    response = _post(client, batch, _token(people))

    assert response.status_code == 201
    assert response.json() == {"ingested": MAX_RECORDS}
    assert _system_records() == MAX_RECORDS


def test_it_refuses_a_token_without_the_write_scope(client: Client, people: People):
    response = _post(client, [_record()], _token(people, "processing_log.read"))

    assert response.status_code == 404
    assert _system_records() == 0


def test_it_refuses_anyone_without_a_token(client: Client, login_as, people: People):
    anonymous = _post(client, [_record()])
    privacy_officer = login_as(people.privacy_officer).post(
        RECORDS, json.dumps([_record()]), content_type="application/json"
    )

    assert anonymous.status_code == 401
    assert privacy_officer.status_code == 404
    assert _system_records() == 0


def test_it_refuses_a_revoked_token(client: Client, people: People):
    token, secret = account_services.api_token_create(
        name=SYSTEM, scopes=["processing_log.write"], created_by=people.beheerder
    )
    account_services.api_token_revoke(token=token)

    assert _post(client, [_record()], secret).status_code == 401
    assert _system_records() == 0


def test_it_refuses_a_body_beyond_the_size_bound(client: Client, people: People):
    body = ["x" * MAX_INGEST_BYTES]

    response = _post(client, body, _token(people))

    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert _system_records() == 0
