"""Asking the lawfulness engine from a case: the decision is stored with the contact and the
log names the engine's rule ids."""

from collections.abc import Callable
from datetime import date

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.cases import activities, selectors, services
from regie.cases.models import CareContact, Case, Law
from regie.conftest import INTAKE, People, inspecting
from regie.processing_log.models import ProcessingRecord
from regie.testing.pages import en

CIZ = {
    "action": "use",
    "counterparty": "ciz",
    "purpose": "support_assessment",
    "necessary": True,
}


def test_it_records_the_decision_with_the_contact_and_in_the_log(
    people: People, case: Case
) -> None:
    contact = services.exchange_assess(
        actor=people.consulent,
        case_id=case.public_id,
        partner="CIZ",
        answers=CIZ,
        summary="Het indicatiebesluit voor het onderzoek",
    )
    assert contact.decision["outcome"] == "allowed"
    assert contact.decision["legal_basis"] in {"public_task", "legal_obligation"}
    assert contact.scenario["law"] == "wmo" and contact.scenario["subject_age"] >= 40
    [record] = ProcessingRecord.objects.filter(activity_uri=activities.EXCHANGE)
    assert record.data_subject_id == people.anna.subject_pseudonym
    assert contact.rule_ids and all(rule in record.name for rule in contact.rule_ids)
    assert record.name.startswith("exchange.assess [")


def test_it_asks_consent_of_the_legal_representative_for_a_young_child(people: People) -> None:
    today = timezone.localdate()
    child = services.case_open(
        resident=people.anna,
        law=Law.JEUGDWET,
        consulent=people.consulent,
        birth_date=date(today.year - 9, 1, 1),
        actor=INTAKE,
    )
    contact = services.exchange_assess(
        actor=people.consulent,
        case_id=child.public_id,
        partner="Huisartsenpraktijk",
        answers={
            "action": "collect",
            "counterparty": "general_practitioner",
            "purpose": "support_assessment",
            "necessary": True,
            "professional_secrecy": True,
            "subject_capable": True,
        },
        summary="Medische gegevens over de ontwikkeling",
    )
    assert contact.decision["outcome"] == "consent_required"
    assert contact.decision["consent_from"] == "legal_representative"
    # The capability question is only for 12 to 17; a 9-year-old's case does not pass it on.
    assert "subject_capable" not in contact.scenario


def test_it_never_allows_what_is_not_necessary(people: People, case: Case) -> None:
    contact = services.exchange_assess(
        actor=people.consulent,
        case_id=case.public_id,
        partner="CIZ",
        answers={**CIZ, "necessary": False, "general_consent_on_file": True},
        summary="Alles wat er is",
    )
    assert contact.decision["outcome"] == "not_allowed"
    assert contact.decision["legal_basis"] is None


def test_it_names_the_field_of_a_value_the_engine_does_not_know(people: People, case: Case) -> None:
    with pytest.raises(ValidationError) as error:
        services.exchange_assess(
            actor=people.consulent,
            case_id=case.public_id,
            partner="CIZ",
            answers={**CIZ, "counterparty": "neighbour"},
            summary="x",
        )
    assert "counterparty" in error.value.message_dict
    with inspecting():
        assert not CareContact.objects.exists()
    assert not ProcessingRecord.objects.filter(activity_uri=activities.EXCHANGE).exists()


def test_it_shows_the_decision_on_the_case_page(
    people: People, case: Case, login_as: Callable[..., Client]
) -> None:
    client = login_as(people.consulent)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("cases:exchange", args=[case.public_id])
    response = client.post(
        url,
        {
            "partner": "Zorggroep De Linde",
            "action": "use",
            "counterparty": "jeugdwet_records",
            "purpose": "support_assessment",
            "summary": "Gegevens uit het jeugddossier",
            "necessary": "on",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("cases:detail", args=[case.public_id])).content.decode()
    assert en("Specific consent is needed first") in page
    [contact] = selectors.case_detail(user=people.consulent, public_id=case.public_id).contacts
    for rule in contact.extra["decision"]["rules"]:
        assert rule in page


def test_it_puts_a_missing_partner_on_the_field(
    people: People, case: Case, login_as: Callable[..., Client]
) -> None:
    client = login_as(people.consulent)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(
        reverse("cases:exchange", args=[case.public_id]),
        {"action": "use", "counterparty": "ciz", "purpose": "other", "summary": "x"},
    )
    assert response.status_code == 200
    assert 'id="id_partner_error"' in response.content.decode()
