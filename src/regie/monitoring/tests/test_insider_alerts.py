"""Insider alerts from the real processing log: found once, sent to the privacy officer
without personal data, shown with the records behind them, and logged themselves."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.cases import services as case_services
from regie.cases.models import Law
from regie.conftest import PASSWORD, People, log_in
from regie.monitoring import activities, insider_rules, services
from regie.monitoring.models import InsiderAlert, InsiderStatus
from regie.processing_log.models import ProcessingRecord
from regie.processing_log.tests.factories import process
from regie.testing.pages import en

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _any_hour_is_usual(people: People) -> None:
    """The tests run at any hour; only the unusual-hours rule cares, and it has its own."""
    services.insider_settings_update(
        changed_by=people.privacy_officer,
        workday_start=0,
        workday_end=24,
        weekend_is_unusual=False,
    )


def _outside_caseload(people: People) -> InsiderAlert:
    process(people.consulent, people.bram)  # bram is in another consulent's caseload
    services.insider_scan(day=timezone.localdate())
    return InsiderAlert.objects.get(rule=insider_rules.OUTSIDE_CASELOAD)


def test_it_raises_an_alert_once_and_mails_the_privacy_officer(people: People):
    people.privacy_officer.email = "fg@lindendal.example"
    people.privacy_officer.save()
    process(people.consulent, people.bram)

    first = services.insider_scan(day=timezone.localdate())
    again = services.insider_scan(day=timezone.localdate())

    outside = [alert for alert in first if alert.rule == insider_rules.OUTSIDE_CASELOAD]
    assert len(outside) == 1 and again == []
    assert outside[0].staff_member == people.consulent
    assert outside[0].records.count() == 1


def test_it_mails_without_personal_data(people: People, django_capture_on_commit_callbacks):
    people.privacy_officer.email = "fg@lindendal.example"
    people.privacy_officer.save()
    process(people.consulent, people.bram)

    with django_capture_on_commit_callbacks(execute=True):
        services.insider_scan(day=timezone.localdate())

    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert mail.outbox[0].to == ["fg@lindendal.example"]
    assert reverse("monitoring:insider-alerts") in body
    for personal in ("Bram", "Hendriks", "999990020", people.bram.subject_pseudonym[:12]):
        assert personal not in body


def test_it_is_quiet_when_the_dossier_is_in_the_caseload(people: People):
    process(people.consulent, people.anna)

    services.insider_scan(day=timezone.localdate())

    assert not InsiderAlert.objects.filter(rule=insider_rules.OUTSIDE_CASELOAD).exists()


def test_a_team_leader_may_open_the_team_caseload(people: People):
    process(people.teamleider, people.anna)

    services.insider_scan(day=timezone.localdate())

    assert not InsiderAlert.objects.filter(rule=insider_rules.OUTSIDE_CASELOAD).exists()


def test_the_alert_itself_is_recorded_for_the_resident(people: People):
    _outside_caseload(people)

    logged = ProcessingRecord.objects.filter(
        name="insider.alert.create", activity_uri=activities.INSIDER_SUPERVISION
    )
    assert list(logged.values_list("data_subject_id", flat=True)) == [people.bram.subject_pseudonym]


def test_the_privacy_officer_reads_it_in_plain_words_and_the_reading_is_logged(people: People):
    alert = _outside_caseload(people)
    client = log_in(Client(), people.privacy_officer)
    url = reverse("monitoring:insider-alert", kwargs={"public_id": alert.public_id})

    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")

    page = response.content.decode()
    assert en("Dossiers outside the caseload") in page
    assert "not in their caseload" in page
    assert people.bram.subject_pseudonym[:12] in page
    assert ProcessingRecord.objects.filter(
        name="insider.alert.read", data_subject_id=people.bram.subject_pseudonym
    ).exists()


def test_the_conclusion_is_recorded_and_logged(people: People):
    alert = _outside_caseload(people)
    client = log_in(Client(), people.privacy_officer)
    url = reverse("monitoring:insider-alert", kwargs={"public_id": alert.public_id})

    response = client.post(url, {"status": InsiderStatus.JUSTIFIED, "note": "Stood in for Els"})

    assert response.status_code == 302
    alert.refresh_from_db()
    assert (alert.status, alert.handled_by) == (InsiderStatus.JUSTIFIED, people.privacy_officer)
    assert ProcessingRecord.objects.filter(name="insider.alert.handle").count() == 1


def test_the_privacy_officer_sets_the_thresholds(people: People):
    client = log_in(Client(), people.privacy_officer)
    url = reverse("monitoring:insider-settings")
    values = {
        "outside_caseload": "",
        "volume_minimum": "50",
        "volume_factor": "4.0",
        "history_days": "28",
        "confidential_address": "on",
        "workday_start": "0",
        "workday_end": "24",
        "weekend_is_unusual": "on",
        "bulk_export_minimum": "10",
    }

    refused = client.post(url, {**values, "workday_start": "19", "workday_end": "7"})
    accepted = client.post(url, values)

    assert refused.status_code == 200 and refused.context["form"].errors["workday_end"]
    assert accepted.status_code == 302
    process(people.consulent, people.bram)
    services.insider_scan(day=timezone.localdate())
    assert not InsiderAlert.objects.filter(rule=insider_rules.OUTSIDE_CASELOAD).exists()
    assert services.insider_settings().volume_minimum == 50


def test_yesterdays_activity_is_the_history_of_today(people: People):
    today = timezone.localdate()
    process(people.consulent, people.anna)
    services.insider_scan(day=today)

    assert services._baselines(today + timedelta(days=1), 28)[str(people.consulent.public_id)] == 1


def test_it_finds_a_confidential_address_revealed_through_the_cases_app(people: People):
    case = case_services.case_open(
        resident=people.anna,
        law=Law.WMO,
        consulent=people.consulent,
        birth_date=date(1950, 3, 1),
        actor=people.consulent,
        address="Beukenlaan 1, Lindendal",
        address_confidential=True,
    )
    reveal = case_services.address_reveal_request(
        actor=people.consulent, case_id=case.public_id, reason="Huisbezoek", password=PASSWORD
    )
    case_services.address_reveal_decide(
        actor=people.teamleider, reveal_id=reveal.public_id, approve=True
    )
    case_services.address_reveal_open(
        actor=people.consulent, reveal_id=reveal.public_id, alerts_url="/"
    )

    services.insider_scan(day=timezone.localdate())

    alert = InsiderAlert.objects.get(rule=insider_rules.CONFIDENTIAL_ADDRESS)
    assert alert.staff_member == people.consulent
    revealed = ProcessingRecord.objects.get(id=alert.records.get().record_id)
    assert revealed.data_subject_id == people.anna.subject_pseudonym


def test_it_is_quiet_about_an_address_that_was_only_asked_for(people: People):
    case = case_services.case_open(
        resident=people.anna,
        law=Law.WMO,
        consulent=people.consulent,
        birth_date=date(1950, 3, 1),
        actor=people.consulent,
        address="Beukenlaan 1, Lindendal",
        address_confidential=True,
    )
    case_services.address_reveal_request(
        actor=people.consulent, case_id=case.public_id, reason="Huisbezoek", password=PASSWORD
    )

    services.insider_scan(day=timezone.localdate())

    assert not InsiderAlert.objects.filter(rule=insider_rules.CONFIDENTIAL_ADDRESS).exists()
