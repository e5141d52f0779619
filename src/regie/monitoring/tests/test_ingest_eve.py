"""Suricata EVE JSON: alerts are stored once, grouped by signature and host; a bad line is
reported with its number and field while the rest goes in."""

import io

import pytest

from regie.conftest import People
from regie.monitoring import services
from regie.monitoring.models import Alert, AlertGroup, Severity, SourceKind
from regie.monitoring.tests.samples import eve_alert, eve_file, eve_flow

pytestmark = pytest.mark.django_db


def _source(people: People):
    source, _token = services.signal_source_create(
        name="Suricata", kind=SourceKind.SURICATA_EVE, created_by=people.ciso
    )
    return source


def test_it_stores_each_alert_once_however_often_it_is_delivered(people: People) -> None:
    source = _source(people)
    data = eve_file([eve_alert(1), eve_flow(2), eve_alert(3), eve_alert(1)])

    first = services.signals_ingest(source=source, stream=io.BytesIO(data))
    second = services.signals_ingest(source=source, stream=io.BytesIO(data))

    assert (first.lines, first.stored, first.duplicates, first.malformed) == (4, 2, 1, 0)
    assert (second.stored, second.duplicates) == (0, 3)
    assert Alert.objects.count() == 2
    group = AlertGroup.objects.get()
    assert group.host == "10.20.0.15"
    assert {alert.severity for alert in group.alerts.all()} == {Severity.MEDIUM}


def test_it_groups_alerts_by_signature_and_host(people: People) -> None:
    source = _source(people)
    lines = [
        eve_alert(1),
        eve_alert(2, dest_ip="10.20.0.16"),
        eve_alert(3, signature="ET POLICY SMB2 NT Create AndX Request For an Executable File"),
        eve_alert(4),
    ]

    services.signals_ingest(source=source, stream=io.BytesIO(eve_file(lines)))

    assert sorted(AlertGroup.objects.values_list("host", flat=True)) == [
        "10.20.0.15",
        "10.20.0.15",
        "10.20.0.16",
    ]
    assert AlertGroup.objects.get(host="10.20.0.16").alerts.count() == 1


def test_it_reports_malformed_lines_by_number_and_field_and_keeps_the_rest(
    people: People,
) -> None:
    source = _source(people)
    bad_time = eve_alert(2).replace('"timestamp": "2026', '"timestamp": "yesterday 2026')
    no_signature = eve_alert(4).replace('"signature": ', '"signatuur": ')
    lines = [eve_alert(1), bad_time, "{not json", no_signature, eve_alert(5)]

    delivery = services.signals_ingest(source=source, stream=io.BytesIO(eve_file(lines)))

    assert (delivery.stored, delivery.malformed) == (2, 3)
    assert [(error["line"], error["field"]) for error in delivery.errors] == [
        (2, "timestamp"),
        (3, "line"),
        (4, "alert.signature"),
    ]


def test_it_reads_a_large_file_in_batches(people: People) -> None:
    source = _source(people)
    count = services.BATCH_SIZE * 2 + 7
    data = eve_file([eve_alert(number) for number in range(count)])

    delivery = services.signals_ingest(source=source, stream=io.BytesIO(data))

    assert delivery.stored == count == Alert.objects.count()
