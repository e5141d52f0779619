"""Reading the log: the privacy officer searches a resident's records, a resident reads their
own, each record explained by the register and proven to be in the signed tree; the read
itself is logged, and the BSN goes nowhere."""

import base64
import json
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from regie.accounts import services as account_services
from regie.accounts.models import User
from regie.conftest import BSN_ANNA, People
from regie.processing_log import merkle, signed_note
from regie.processing_log.gate import processing
from regie.processing_log.models import ActorKind, Checkpoint, ProcessingRecord
from regie.processing_log.records import HASHED_FIELDS, record_bytes
from regie.processing_log.services import log_seal_all
from regie.processing_log.tests.factories import process, raw_record
from regie.register import builtin
from regie.register.models import ProcessingActivityVersion

SEARCH = "/api/v1/processing-log/search"
MINE = "/api/v1/processing-log/mine"
CHECKPOINT = "/api/v1/processing-log/checkpoint"
CONSISTENCY = "/api/v1/processing-log/consistency"


def _search(client: Client, body: dict[str, Any], **headers: str):
    return client.post(SEARCH, json.dumps(body), content_type="application/json", headers=headers)


def _reads_of(people: People, resident_attr: str = "anna") -> int:
    pseudonym = getattr(people, resident_attr).subject_pseudonym
    return ProcessingRecord.objects.filter(
        data_subject_id=pseudonym, name="processing_log.read"
    ).count()


def _ids_of(pseudonym: str) -> list[int]:
    return list(
        ProcessingRecord.objects.filter(data_subject_id=pseudonym)
        .order_by("-id")
        .values_list("id", flat=True)
    )


def _assert_proven(record: dict[str, Any], checkpoint: Checkpoint) -> None:
    """The record's fields hash to its leaf, and the leaf is in the checkpoint's tree."""
    row = ProcessingRecord.objects.values_list(*HASHED_FIELDS).get(id=record["id"])
    leaf = merkle.leaf_hash(record_bytes(row))
    proof = record["proof"]
    assert base64.b64decode(proof["leaf_hash"]) == leaf
    assert proof["tree_size"] == checkpoint.size
    path = [base64.b64decode(node) for node in proof["path"]]
    assert merkle.verify_inclusion(
        leaf, proof["leaf_index"], proof["tree_size"], path, bytes(checkpoint.root_hash)
    )


def _add_records(people: People, count: int) -> None:
    for _ in range(count):
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


def test_it_gives_the_privacy_officer_annas_records_explained_and_proven(login_as, people: People):
    log_seal_all()
    expected = _ids_of(people.anna.subject_pseudonym)
    checkpoint = Checkpoint.objects.order_by("-size").first()
    assert checkpoint is not None

    response = _search(login_as(people.privacy_officer), {"data_subject": {"bsn": BSN_ANNA}})

    assert response.status_code == 200
    body = response.json()
    assert [record["id"] for record in body["records"]] == expected
    for record in body["records"]:
        assert record["data_subject_id"] == people.anna.subject_pseudonym
        version = ProcessingActivityVersion.objects.get(
            activity__slug=record["processing_activity_id"].rsplit(":", 1)[1]
        )
        assert record["processing_activity"]["plain_explanation"] == version.plain_explanation
        assert record["processing_activity"]["legal_basis"] == version.legal_basis
        assert record["processing_activity"]["purpose"] == version.purpose
        _assert_proven(record, checkpoint)
    assert body["checkpoint"]["size"] == checkpoint.size
    opened = signed_note.open_note(
        body["checkpoint"]["note"].encode(), settings.REGIE_LOG_VERIFIER_KEY
    )
    assert opened.root == bytes(checkpoint.root_hash)
    assert base64.b64decode(body["checkpoint"]["root_hash"]) == opened.root


def test_it_logs_the_search_as_a_read_of_annas_data(login_as, people: People):
    before = _reads_of(people)

    _search(login_as(people.privacy_officer), {"data_subject": {"bsn": BSN_ANNA}})

    assert _reads_of(people) == before + 1
    read = ProcessingRecord.objects.get(name="processing_log.read")
    assert read.data_subject_id == people.anna.subject_pseudonym
    assert read.activity_uri == builtin.READ_PROCESSING_LOG
    assert read.actor_id == str(people.privacy_officer.public_id)
    assert read.activity_version.legal_source == "AVG art. 5 lid 2 en art. 15"
    assert _reads_of(people, "bram") == 0


def test_it_never_repeats_the_bsn(login_as, people: People):
    client = login_as(people.privacy_officer)
    bad_bsn = BSN_ANNA[:-1] + str((int(BSN_ANNA[-1]) + 1) % 10)

    found = _search(client, {"data_subject": {"bsn": BSN_ANNA}})
    refused = _search(client, {"data_subject": {"bsn": bad_bsn}})

    assert found.status_code == 200 and found.json()["records"]
    assert refused.status_code == 400
    assert BSN_ANNA not in found.content.decode()
    assert bad_bsn not in refused.content.decode()
    stored = ProcessingRecord.objects.values_list(*HASHED_FIELDS)
    assert not any(BSN_ANNA in str(value) for row in stored for value in row)


def test_it_finds_records_by_pseudonym_too(login_as, people: People):
    expected = _ids_of(people.bram.subject_pseudonym)

    response = _search(
        login_as(people.privacy_officer),
        {"data_subject": {"pseudonym": people.bram.subject_pseudonym}},
    )

    assert [r["id"] for r in response.json()["records"]] == expected
    assert _reads_of(people, "bram") == 1


@pytest.mark.parametrize("role", ["consulent", "beheerder", "raadslid", "ciso"])
def test_it_hides_the_search_from_other_roles(login_as, people: People, role: str):
    response = _search(login_as(people.staff()[role]), {"data_subject": {"bsn": BSN_ANNA}})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert _reads_of(people) == 0


def test_it_hides_the_search_from_a_resident(login_as, people: People):
    response = _search(login_as(people.anna_user), {"data_subject": {"bsn": BSN_ANNA}})

    assert response.status_code == 404


def test_it_shows_a_resident_only_their_own_records(login_as, people: People):
    log_seal_all()
    anna_ids = _ids_of(people.anna.subject_pseudonym)

    response = login_as(people.anna_user).get(MINE)

    assert response.status_code == 200
    records = response.json()["records"]
    assert [r["id"] for r in records] == anna_ids
    assert {r["data_subject_id"] for r in records} == {people.anna.subject_pseudonym}
    assert not set(_ids_of(people.bram.subject_pseudonym)) & {r["id"] for r in records}
    checkpoint = Checkpoint.objects.order_by("-size").first()
    assert checkpoint is not None
    for record in records:
        assert record["processing_activity"]["plain_explanation"]
        _assert_proven(record, checkpoint)
    read = ProcessingRecord.objects.get(name="processing_log.read")
    assert read.actor_kind == ActorKind.RESIDENT
    assert read.data_subject_id == people.anna.subject_pseudonym


def test_it_keeps_the_residents_page_from_staff(login_as, people: People):
    response = login_as(people.privacy_officer).get(MINE)

    assert response.status_code == 404
    assert _reads_of(people) == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "data_subject"),
        ({"data_subject": {}}, "data_subject"),
        ({"from": "2026-01-01T00:00:00Z"}, "data_subject"),
        ({"processing_activity_id": "inwoner-registreren"}, "processing_activity_id"),
        ({"processing_activity_id": "urn:regie:verwerking:bestaat-niet"}, "processing_activity_id"),
        ({"trace_id": "not-a-trace"}, "trace_id"),
        ({"data_subject": {"bsn": "123456789"}}, "data_subject.bsn"),
        ({"data_subject": {"pseudonym": "anna"}}, "data_subject.pseudonym"),
        ({"data_subject": {"bsn": BSN_ANNA, "pseudonym": "0" * 64}}, "data_subject"),
        ({"data_subject": {"bsn": BSN_ANNA}, "from": "last tuesday"}, "from"),
        ({"data_subject": {"bsn": BSN_ANNA}, "until": "2026-13-01"}, "until"),
        (
            {
                "data_subject": {"bsn": BSN_ANNA},
                "from": "2026-02-01T00:00:00Z",
                "until": "2026-01-01T00:00:00Z",
            },
            "until",
        ),
        ({"data_subject": {"bsn": BSN_ANNA}, "limit": 0}, "limit"),
        ({"data_subject": {"bsn": BSN_ANNA}, "limit": 1001}, "limit"),
        ({"data_subject": {"bsn": BSN_ANNA}, "before": -3}, "before"),
    ],
)
def test_it_refuses_a_bad_query_naming_the_field(
    login_as, people: People, body: dict[str, Any], field: str
):
    response = _search(login_as(people.privacy_officer), body)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert field in [error["field"] for error in response.json()["errors"]]
    assert _reads_of(people) == 0


def test_it_pages_newest_first(login_as, people: People):
    _add_records(people, 4)
    client = login_as(people.privacy_officer)
    expected = _ids_of(people.anna.subject_pseudonym)

    seen: list[int] = []
    body: dict[str, Any] = {"data_subject": {"bsn": BSN_ANNA}, "limit": 2}
    while True:
        page = _search(client, body).json()
        assert len(page["records"]) <= 2
        seen.extend(record["id"] for record in page["records"])
        if page["next_before"] is None:
            break
        body["before"] = page["next_before"]

    assert seen == expected


def test_it_finds_a_trace_and_an_activity_and_logs_the_read_per_resident(login_as, people: People):
    client = login_as(people.privacy_officer)
    registration = ProcessingRecord.objects.filter(name="resident.register").first()
    assert registration is not None
    reads = ProcessingRecord.objects.filter(name="processing_log.read")

    by_trace = _search(client, {"trace_id": registration.trace_id}).json()
    after_trace = set(reads.values_list("data_subject_id", flat=True))
    by_activity = _search(client, {"processing_activity_id": builtin.ASSIGN_CASELOAD}).json()

    assert {r["trace_id"] for r in by_trace["records"]} == {registration.trace_id}
    assert registration.id in [r["id"] for r in by_trace["records"]]
    assert [r["id"] for r in by_activity["records"]] == list(
        ProcessingRecord.objects.filter(activity_uri=builtin.ASSIGN_CASELOAD)
        .order_by("-id")
        .values_list("id", flat=True)
    )
    # Each page holds records of residents Regie knows: the read is logged for each of them.
    assert after_trace == {registration.data_subject_id}
    assert set(reads.values_list("data_subject_id", flat=True)) == {
        people.anna.subject_pseudonym,
        people.bram.subject_pseudonym,
    }
    assert set(reads.values_list("actor_id", flat=True)) == {str(people.privacy_officer.public_id)}


def test_it_logs_no_read_for_subjects_only_another_system_knows(login_as, people: People):
    raw_record()
    reads = ProcessingRecord.objects.filter(name="processing_log.read")

    found = _search(
        login_as(people.privacy_officer), {"processing_activity_id": builtin.REGISTER_RESIDENT}
    ).json()

    assert "0" * 64 in [r["data_subject_id"] for r in found["records"]]
    assert reads.count() == len({people.anna.subject_pseudonym, people.bram.subject_pseudonym})


def test_it_leaves_the_proof_out_until_the_record_is_sealed(login_as, people: People):
    body = _search(login_as(people.privacy_officer), {"data_subject": {"bsn": BSN_ANNA}}).json()

    assert body["records"]
    assert body["checkpoint"] is None
    assert all(record["proof"] is None for record in body["records"])


def _queries_for_a_search(client: Client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = _search(client, {"data_subject": {"bsn": BSN_ANNA}, "limit": 1000})
    return len(response.json()["records"]), len(queries.captured_queries)


def test_it_reads_a_page_in_a_fixed_number_of_queries(login_as, people: People):
    client = login_as(people.privacy_officer)
    _add_records(people, 2)
    log_seal_all()
    few_records, few_queries = _queries_for_a_search(client)
    _add_records(people, 40)
    log_seal_all()

    many_records, many_queries = _queries_for_a_search(client)

    assert many_records > few_records + 40
    assert many_queries == few_queries


def test_it_lets_a_token_with_the_read_scope_search(client: Client, people: People):
    _token, secret = account_services.api_token_create(
        name="Toezicht", scopes=["processing_log.read"], created_by=people.beheerder
    )

    response = _search(
        client, {"data_subject": {"bsn": BSN_ANNA}}, authorization=f"Bearer {secret}"
    )

    assert response.status_code == 200
    assert response.json()["records"]
    read = ProcessingRecord.objects.get(name="processing_log.read")
    assert (read.actor_kind, read.actor_id) == (ActorKind.SYSTEM, "Toezicht")


def test_it_hides_the_search_from_a_token_with_only_the_write_scope(client: Client, people: People):
    _token, secret = account_services.api_token_create(
        name="Zaaksysteem", scopes=["processing_log.write"], created_by=people.beheerder
    )

    response = _search(
        client, {"data_subject": {"bsn": BSN_ANNA}}, authorization=f"Bearer {secret}"
    )

    assert response.status_code == 404
    assert _reads_of(people) == 0


def test_it_never_gives_a_token_a_residents_own_scope(people: People):
    with pytest.raises(ValidationError) as refused:
        account_services.api_token_create(
            name="Portaal", scopes=["processing_log.own"], created_by=people.beheerder
        )

    assert "scopes" in refused.value.message_dict


@pytest.mark.parametrize("who", ["privacy_officer", "anna_user"])
def test_it_gives_the_latest_signed_checkpoint(login_as, people: People, who: str):
    log_seal_all()
    latest = Checkpoint.objects.order_by("-size").first()
    assert latest is not None
    user: User = getattr(people, who)

    body = login_as(user).get(CHECKPOINT).json()

    assert body["size"] == latest.size
    opened = signed_note.open_note(body["note"].encode(), settings.REGIE_LOG_VERIFIER_KEY)
    assert (opened.size, opened.root) == (latest.size, bytes(latest.root_hash))


def test_it_says_when_there_is_no_checkpoint_yet(login_as, people: People):
    response = login_as(people.privacy_officer).get(CHECKPOINT)

    assert response.status_code == 404
    assert "no checkpoint" in response.json()["detail"]


def test_it_proves_two_checkpoints_consistent(login_as, people: People):
    log_seal_all()
    _add_records(people, 3)
    log_seal_all()
    old, new = Checkpoint.objects.order_by("size")[:2]

    response = login_as(people.anna_user).get(f"{CONSISTENCY}?old={old.size}&new={new.size}")

    assert response.status_code == 200
    proof = [base64.b64decode(node) for node in response.json()["proof"]]
    assert merkle.verify_consistency(
        old.size, new.size, bytes(old.root_hash), bytes(new.root_hash), proof
    )


@pytest.mark.parametrize(
    ("query", "field"),
    [("old=1&new={too_big}", "new"), ("old={too_big}", "old"), ("old=3&new=2", "old")],
)
def test_it_refuses_a_proof_beyond_the_latest_checkpoint(
    login_as, people: People, query: str, field: str
):
    log_seal_all()
    latest = Checkpoint.objects.order_by("-size").first()
    assert latest is not None

    response = login_as(people.privacy_officer).get(
        f"{CONSISTENCY}?{query.format(too_big=latest.size + 1)}"
    )

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors[0]["field"] == field


def test_it_finds_what_one_staff_member_did(login_as, people: People):
    process(people.consulent, people.anna, times=2)
    process(people.other_consulent, people.bram)

    found = _search(
        login_as(people.privacy_officer), {"actor": str(people.consulent.public_id)}
    ).json()

    assert [r["name"] for r in found["records"]] == ["case.read", "case.read"]
    assert {r["data_subject_id"] for r in found["records"]} == {people.anna.subject_pseudonym}
