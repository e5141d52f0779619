"""A case worker asks consent through the portal; the resident grants or refuses once, with a
remark; an expired or answered request cannot be granted from an old link; a given consent can
be withdrawn."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from regie.conftest import People, inspecting, log_in
from regie.lawfulness.models import Consent, ConsentMethod
from regie.lawfulness.selectors import consent_in_force
from regie.portal import services
from regie.portal.models import ConsentRequest, RequestState
from regie.portal.tests.conftest import Dossier, grant
from regie.processing_log.models import ProcessingRecord


def test_it_lets_the_case_worker_ask_and_tells_the_resident_only_that_there_is_news(
    people: People, dossier: Dossier
) -> None:
    page = log_in(Client(), people.anna_user).get(reverse("portal:sharing")).content.decode()
    assert "Jeugdteam Lindendal" in page and "Het jeugddossier" in page


def test_it_sends_an_email_without_details(people: People) -> None:
    people.anna_user.email = "anna@example.org"
    people.anna_user.save()
    from regie.portal.tests.conftest import make_dossier

    make_dossier(people)
    assert len(mail.outbox) == 1
    body = f"{mail.outbox[0].subject} {mail.outbox[0].body}"
    for secret in ["Jeugdteam", "jeugddossier", "Anna", "Wmo", "toestemming"]:
        assert secret.lower() not in body.lower()
    assert reverse("portal:messages") in mail.outbox[0].body


def test_it_records_a_granted_consent_given_in_the_portal(people: People, dossier: Dossier) -> None:
    client = log_in(Client(), people.anna_user)
    url = reverse("portal:consent-request", args=[dossier.request.public_id])
    answer = client.post(url, {"answer": "grant", "remark": "Alleen dit jaar graag."})
    assert answer.status_code == 302
    with inspecting():
        consent = Consent.objects.get(resident=people.anna)
        request = ConsentRequest.objects.get(pk=dossier.request.pk)
    assert consent.method == ConsentMethod.PORTAL and consent.recorded_by == people.anna_user
    assert consent.valid_until == dossier.request.valid_until
    assert request.state == RequestState.GRANTED and request.consent_id == consent.pk
    assert consent_in_force(
        resident=people.anna,
        purpose="support_assessment",
        recipient="jeugdwet_records",
        actor=people.consulent,
    )
    assert ProcessingRecord.objects.filter(name="portal.consent.grant").exists()


def test_it_records_a_refusal_and_no_consent(people: People, dossier: Dossier) -> None:
    client = log_in(Client(), people.anna_user)
    url = reverse("portal:consent-request", args=[dossier.request.public_id])
    client.post(url, {"answer": "refuse"})
    with inspecting():
        assert not Consent.objects.filter(resident=people.anna).exists()
        assert ConsentRequest.objects.get(pk=dossier.request.pk).state == RequestState.REFUSED


def test_it_never_grants_again_from_an_old_link_after_withdrawal(
    people: People, dossier: Dossier
) -> None:
    consent = grant(people, dossier)
    client = log_in(Client(), people.anna_user)
    client.post(reverse("portal:consent-withdraw", args=[consent.public_id]))
    with inspecting():
        consent.refresh_from_db()
    assert consent.withdrawn_at is not None

    url = reverse("portal:consent-request", args=[dossier.request.public_id])
    with override("en"):
        answer = client.post(url, {"answer": "grant"}, HTTP_ACCEPT_LANGUAGE="en")
        assert answer.status_code == 200
        assert gettext("This request was answered already; it cannot be answered again.") in (
            answer.content.decode()
        )
    with inspecting():
        assert Consent.objects.filter(resident=people.anna).count() == 1
        assert Consent.objects.get(resident=people.anna).withdrawn_at is not None


def test_it_refuses_an_expired_request(people: People, dossier: Dossier) -> None:
    with inspecting():
        ConsentRequest.objects.filter(pk=dossier.request.pk).update(
            valid_until=timezone.now() - timedelta(minutes=1)
        )
    with pytest.raises(ValidationError):
        grant(people, dossier)
    with inspecting():
        assert not Consent.objects.filter(resident=people.anna).exists()


def test_it_refuses_a_request_for_an_exchange_that_needs_no_consent(
    people: People, dossier: Dossier
) -> None:
    from regie.cases import services as case_services

    contact = case_services.exchange_assess(
        actor=people.consulent,
        case_id=dossier.case.public_id,
        partner="CAK",
        answers={
            "action": "provide",
            "counterparty": "cak",
            "purpose": "support_assessment",
            "necessary": True,
        },
        summary="Indicatie",
    )
    with pytest.raises(ValidationError) as refused:
        services.consent_request_create(
            actor=people.consulent,
            case_id=dossier.case.public_id,
            contact_id=contact.public_id,
            data="Indicatie",
            valid_until=timezone.now() + timedelta(days=3),
        )
    assert "data" in refused.value.message_dict


def test_it_lets_only_the_case_worker_ask(people: People, dossier: Dossier) -> None:
    with pytest.raises(Exception) as refused:
        services.consent_request_create(
            actor=people.other_consulent,
            case_id=dossier.case.public_id,
            contact_id=dossier.contact.public_id,
            data="x",
            valid_until=timezone.now() + timedelta(days=3),
        )
    assert refused.value.__class__.__name__ == "NoSuchCase"
