"""The start page tells the CISO what waits for triage and the privacy officer which insider
alerts are open; nobody else sees these cards."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.conftest import People, log_in
from regie.monitoring import services
from regie.monitoring.models import AlertGroup, SourceKind, TriageStatus
from regie.monitoring.tests.samples import eve_alert, eve_file
from regie.processing_log.tests.factories import process

pytestmark = pytest.mark.django_db


def _home(people: People, who: str) -> str:
    client = log_in(Client(), getattr(people, who))
    return client.get(reverse("accounts:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_it_counts_the_groups_waiting_for_the_ciso(people: People) -> None:
    assert "Nothing waits for triage." in _home(people, "ciso")
    source, _token = services.signal_source_create(
        name="Suricata", kind=SourceKind.SURICATA_EVE, created_by=people.ciso
    )
    alerts = [eve_alert(n) for n in range(3)]
    alerts += [eve_alert(9, signature="ET POLICY other")]
    services.signals_ingest(source=source, stream=io.BytesIO(eve_file(alerts)))
    services.triage_decide(
        group=AlertGroup.objects.get(signature="ET POLICY other"),
        status=TriageStatus.INVESTIGATING,
        note="Bekijken met de leverancier.",
        decided_by=people.ciso,
    )

    html = _home(people, "ciso")

    assert "1 group of alerts to triage, 1 under investigation." in html
    assert "Insider alerts" not in html


def test_it_counts_the_open_insider_alerts_for_the_privacy_officer(people: People) -> None:
    assert "No alert is open." in _home(people, "privacy_officer")
    # Only the caseload rule: the test may run at night or at the weekend.
    services.insider_settings_update(
        changed_by=people.privacy_officer,
        workday_start=0,
        workday_end=24,
        weekend_is_unusual=False,
    )
    process(people.consulent, people.bram)  # outside the consulent's caseload
    services.insider_scan(day=timezone.localdate())

    html = _home(people, "privacy_officer")

    assert "1 alert waits for your conclusion" in html
    assert "Security signals" not in html


@pytest.mark.parametrize("who", ["consulent", "teamleider", "beheerder", "raadslid"])
def test_it_shows_other_roles_neither_card(people: People, who: str) -> None:
    html = _home(people, who)

    assert 'id="card-signals"' not in html
    assert 'id="card-insider"' not in html
