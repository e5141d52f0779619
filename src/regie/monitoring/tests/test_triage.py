"""The CISO triages groups of alerts with a decision and a note; an incident shows the facts
that go into the breach register."""

import io

import pytest
from django.test import Client
from django.urls import reverse

from regie.breaches.models import Breach
from regie.conftest import People, log_in
from regie.monitoring import services
from regie.monitoring.escalation import breach_facts
from regie.monitoring.models import (
    AlertGroup,
    SignalSource,
    SourceKind,
    TriageDecision,
    TriageStatus,
)
from regie.monitoring.tests.samples import eve_alert, eve_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(people: People) -> AlertGroup:
    source, _token = services.signal_source_create(
        name="Suricata", kind=SourceKind.SURICATA_EVE, created_by=people.ciso
    )
    services.signals_ingest(
        source=source, stream=io.BytesIO(eve_file([eve_alert(n) for n in range(3)]))
    )
    return AlertGroup.objects.get()


def test_it_lists_new_groups_in_the_queue(people: People, group: AlertGroup):
    client = log_in(Client(), people.ciso)

    response = client.get(reverse("monitoring:queue"), HTTP_ACCEPT_LANGUAGE="en")

    assert group.signature in response.content.decode()
    assert response.context["groups"][0].alert_count == 3


def test_it_records_a_decision_with_its_note(people: People, group: AlertGroup):
    client = log_in(Client(), people.ciso)
    url = reverse("monitoring:group", kwargs={"public_id": group.public_id})

    response = client.post(url, {"status": TriageStatus.INCIDENT, "note": "Port open by mistake"})

    assert response.status_code == 302
    group.refresh_from_db()
    assert group.status == TriageStatus.INCIDENT
    decision = TriageDecision.objects.get()
    assert (decision.note, decision.decided_by) == ("Port open by mistake", people.ciso)
    page = client.get(url).content.decode()
    assert "Port open by mistake" in page
    assert breach_facts(group)["title"] in page


def test_it_refuses_a_decision_without_a_note(people: People, group: AlertGroup):
    client = log_in(Client(), people.ciso)
    url = reverse("monitoring:group", kwargs={"public_id": group.public_id})

    response = client.post(url, {"status": TriageStatus.FALSE_POSITIVE, "note": " "})

    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    group.refresh_from_db()
    assert group.status == TriageStatus.NEW


def test_the_breach_facts_carry_the_alerts_over(people: People, group: AlertGroup):
    services.triage_decide(
        group=group, status=TriageStatus.INCIDENT, note="Data left", decided_by=people.ciso
    )

    facts = breach_facts(group)

    assert group.signature in facts["title"]
    assert "10.20.0.15" in facts["description"] and "Data left" in facts["description"]
    assert facts["occurred_at"] == group.alerts.earliest("observed_at").observed_at


def test_it_uploads_through_the_page_and_shows_the_result(people: People):
    services.signal_source_create(
        name="Suricata", kind=SourceKind.SURICATA_EVE, created_by=people.ciso
    )
    client = log_in(Client(), people.ciso)
    upload = io.BytesIO(eve_file([eve_alert(1), "{", eve_alert(2)]))
    upload.name = "eve.json"
    response = client.post(
        reverse("monitoring:upload"),
        {"source": SignalSource.objects.get().pk, "file": upload},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    delivery = response.context["delivery"]
    assert (delivery.stored, delivery.malformed) == (2, 1)
    assert "Line 2, line: not a JSON object" in response.content.decode()


def test_an_incident_is_escalated_into_the_breach_register_once(people: People, group: AlertGroup):
    client = log_in(Client(), people.ciso)
    escalate = reverse("monitoring:group-escalate", kwargs={"public_id": group.public_id})

    client.post(escalate)
    assert not Breach.objects.exists(), "only an incident is escalated"

    services.triage_decide(
        group=group, status=TriageStatus.INCIDENT, note="Data left", decided_by=people.ciso
    )
    client.post(escalate)
    client.post(escalate)

    breach = Breach.objects.get()
    group.refresh_from_db()
    assert group.breach == breach
    assert breach.title == breach_facts(group)["title"]
    assert "Data left" in breach.description
    assert breach.registered_by == people.ciso
    page = log_in(Client(), people.privacy_officer).get(reverse("breaches:list"))
    assert breach.reference in page.content.decode()
