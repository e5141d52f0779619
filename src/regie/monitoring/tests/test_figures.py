"""Monthly figures as charts with a table behind each, and per-period totals for the
council reports."""

import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from regie.conftest import People, log_in
from regie.monitoring import selectors, services
from regie.monitoring.models import Severity, SourceKind, TriageStatus
from regie.monitoring.tests.samples import MAIL_CSV, eve_alert, eve_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered(people: People) -> None:
    mail = services.signal_source_create(
        name="Mail", kind=SourceKind.MAIL_GATEWAY, created_by=people.ciso
    )[0]
    services.signals_ingest(source=mail, stream=io.BytesIO(MAIL_CSV.encode()))
    ids = services.signal_source_create(
        name="IDS", kind=SourceKind.SURICATA_EVE, created_by=people.ciso
    )[0]
    lines = [eve_alert(1, severity=1), eve_alert(2, severity=3), eve_alert(3, severity=3)]
    services.signals_ingest(source=ids, stream=io.BytesIO(eve_file(lines)))


def test_it_draws_the_charts_with_their_tables(people: People, delivered: None):
    client = log_in(Client(), people.ciso)

    response = client.get(reverse("monitoring:figures") + "?tot=2015-12")

    page = response.content.decode()
    assert page.count("<svg") == 3 and 'role="img"' in page
    december = response.context["months"][-1]
    assert (december.received, december.spam, december.virus) == (132608, 56949, 271)
    assert round(december.spam_rate, 2) == 42.95
    assert "132608" in page.replace("\u202f", "").replace(".", "")


def test_it_gives_period_figures_for_the_council_reports(people: People, delivered: None):
    figures = selectors.period_figures(start=date(2015, 7, 1), end=date(2015, 12, 31))

    assert figures.mail_received == 128455 + 132608
    assert figures.virus == 240 + 271
    assert figures.alerts_by_severity == {Severity.HIGH: 0, Severity.MEDIUM: 0, Severity.LOW: 0}

    november_2026 = selectors.period_figures(start=date(2026, 11, 1), end=date(2026, 11, 30))
    assert november_2026.alerts_by_severity == {
        Severity.HIGH: 1,
        Severity.MEDIUM: 0,
        Severity.LOW: 2,
    }
    assert november_2026.groups_by_status[TriageStatus.NEW] == 1
