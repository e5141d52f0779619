"""One request, one trace: every record a request writes shares its trace id, and a caller's
W3C traceparent is followed."""

from django.test import Client

from regie.conftest import BSN_ANNA, People
from regie.processing_log.models import ProcessingRecord


def _log_in_with_digid(client: Client, **headers: str) -> None:
    client.get("/digid/login/?next=/inwoner/", headers=headers)
    query = "?acs=/digid/acs/&next=/inwoner/&cancel=/inwoner/inloggen/afgebroken/"
    client.post(f"/digid-mock/inloggen_bsn/{query}", {"auth_bsn": BSN_ANNA}, headers=headers)
    client.get("/digid/acs/?next=/inwoner/", headers=headers)


def test_it_follows_the_callers_traceparent(client: Client, people: People) -> None:
    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    before = ProcessingRecord.objects.count()

    _log_in_with_digid(client, traceparent=f"00-{trace_id}-00f067aa0ba902b7-01")

    new = ProcessingRecord.objects.order_by("id")[before:]
    assert [r.name for r in new] == ["resident.login"]
    assert new[0].trace_id == trace_id


def test_it_starts_a_new_trace_without_one(client: Client, people: People) -> None:
    before = ProcessingRecord.objects.count()

    _log_in_with_digid(
        client, traceparent="00-00000000000000000000000000000000-00f067aa0ba902b7-01"
    )

    record = ProcessingRecord.objects.order_by("id")[before:][0]
    assert len(record.trace_id) == 32
    assert record.trace_id != "0" * 32
