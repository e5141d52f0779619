"""The generic webhook takes a JSON document or JSON lines from any other tool."""

import io
import json

import pytest

from regie.conftest import People
from regie.monitoring import services
from regie.monitoring.models import Alert, AlertGroup, Severity, SourceKind

pytestmark = pytest.mark.django_db

EVENT = {
    "id": "dlp-8812",
    "title": "DLP: spreadsheet with BSNs sent to a private address",
    "severity": "high",
    "timestamp": "2026-11-03T10:15:00+01:00",
    "host": "mail.lindendal.example",
}


def _source(people: People):
    return services.signal_source_create(
        name="DLP", kind=SourceKind.WEBHOOK, created_by=people.ciso
    )[0]


def test_it_takes_a_json_document_with_a_list_of_events(people: People):
    body = json.dumps([EVENT, {**EVENT, "id": "dlp-8813"}], indent=2).encode()

    delivery = services.signals_ingest(source=_source(people), stream=io.BytesIO(body))

    assert delivery.stored == 2
    group = AlertGroup.objects.get()
    assert (group.signature, group.host) == (EVENT["title"], EVENT["host"])
    assert set(Alert.objects.values_list("severity", flat=True)) == {Severity.HIGH}


def test_it_takes_json_lines_and_names_the_bad_field(people: People):
    body = (json.dumps(EVENT) + "\n" + json.dumps({**EVENT, "severity": "scary"}) + "\n").encode()

    delivery = services.signals_ingest(source=_source(people), stream=io.BytesIO(body))

    assert delivery.stored == 1
    assert delivery.errors == [
        {"line": 2, "field": "severity", "message": delivery.errors[0]["message"]}
    ]
