"""From a contact on the case page: record the consent the engine asked for, what the
resident was told, and an objection; involuntary service needs the safeguards and a team
leader's second signature."""

from collections.abc import Callable
from datetime import date, timedelta

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.cases import selectors, services
from regie.cases.models import CareContact, Case
from regie.conftest import INTAKE, People, inspecting
from regie.lawfulness.models import Consent, Objection
from regie.processing_log.models import ProcessingRecord
from regie.testing.pages import en


def _contact(people: People, case: Case, **answers: object) -> CareContact:
    return services.exchange_assess(
        actor=people.consulent,
        case_id=case.public_id,
        partner="Jeugdteam Lindendal",
        answers={
            "action": "use",
            "counterparty": "jeugdwet_records",
            "purpose": "support_assessment",
            "necessary": True,
            **answers,
        },
        summary="Gegevens uit het jeugddossier",
    )


def _when(delta: timedelta = timedelta()) -> str:
    return (timezone.localtime() + delta).strftime("%Y-%m-%dT%H:%M")


def test_it_records_consent_on_a_contact_and_shows_it(
    people: People, case: Case, login_as: Callable[..., Client]
) -> None:
    contact = _contact(people, case)
    client = login_as(people.consulent)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("cases:consent-add", args=[case.public_id, contact.public_id])
    form = client.get(url).content.decode()
    assert en("Specific consent is needed first") in form
    response = client.post(
        url,
        {
            "given_by": "resident",
            "covered_data": "Het jeugddossier van 2019",
            "method": "in_person",
            "given_at": _when(-timedelta(minutes=5)),
            "valid_until": _when(timedelta(days=90)),
        },
    )
    assert response.status_code == 302
    with inspecting():
        consent = Consent.objects.get()
    assert consent.reference == str(contact.public_id)
    assert ProcessingRecord.objects.filter(name__startswith="consent.record [").exists()
    view = selectors.case_detail(user=people.consulent, public_id=case.public_id)
    [shown] = view.contacts[0].extra["consents"]
    assert shown.text == "Het jeugddossier van 2019" and shown.extra["in_force"]


def test_it_puts_consent_from_the_wrong_person_on_the_field(
    people: People, case: Case, login_as: Callable[..., Client]
) -> None:
    contact = _contact(people, case)
    client = login_as(people.consulent)
    response = client.post(
        reverse("cases:consent-add", args=[case.public_id, contact.public_id]),
        {
            "given_by": "legal_representative",
            "representative": "Cor van Dijk",
            "covered_data": "x",
            "method": "in_person",
            "given_at": _when(-timedelta(minutes=5)),
            "valid_until": _when(timedelta(days=90)),
        },
    )
    assert response.status_code == 200
    assert 'id="id_given_by_error"' in response.content.decode()
    with inspecting():
        assert not Consent.objects.exists()


def test_it_withdraws_a_consent(
    people: People, case: Case, login_as: Callable[..., Client]
) -> None:
    contact = _contact(people, case)
    consent = services.contact_consent_record(
        actor=people.consulent,
        case_id=case.public_id,
        contact_id=contact.public_id,
        given_by="resident",
        representative="",
        data="x",
        method="in_person",
        given_at=timezone.now() - timedelta(hours=1),
        valid_until=timezone.now() + timedelta(days=30),
    )
    client = login_as(people.consulent)
    url = reverse("cases:consent-withdraw", args=[case.public_id, consent.public_id])
    assert client.post(url).status_code == 302
    view = selectors.case_detail(user=people.consulent, public_id=case.public_id)
    [shown] = view.contacts[0].extra["consents"]
    assert shown.extra["withdrawn_at"] is not None and not shown.extra["in_force"]


def test_it_records_a_notice(people: People, case: Case, login_as: Callable[..., Client]) -> None:
    contact = _contact(people, case, counterparty="ciz")
    client = login_as(people.consulent)
    response = client.post(
        reverse("cases:notice-add", args=[case.public_id, contact.public_id]),
        {"told": "Wij vragen het CIZ-besluit op", "told_at": _when(), "method": "letter"},
    )
    assert response.status_code == 302
    view = selectors.case_detail(user=people.consulent, public_id=case.public_id)
    assert [n.text for n in view.contacts[0].extra["notices"]] == ["Wij vragen het CIZ-besluit op"]


def test_it_needs_the_safeguards_and_a_second_signature_for_involuntary_service(
    people: People, case: Case, login_as: Callable[..., Client]
) -> None:
    contact = _contact(people, case)
    client = login_as(people.consulent)
    url = reverse("cases:objection-add", args=[case.public_id, contact.public_id])
    base = {
        "objection": "Wil niet dat het jeugddossier gebruikt wordt",
        "raised_at": _when(),
        "safety_at_risk": "on",
        "option": "involuntary",
        "considerations": "Veiligheid van het kind gaat voor",
    }
    refused = client.post(url, base).content.decode()
    for field in ("importance_explained", "colleague_consulted", "resident_informed"):
        assert f'id="id_{field}_error"' in refused
    with inspecting():
        assert not Objection.objects.exists()

    safeguards = {
        "importance_explained": "on",
        "colleague_consulted": "on",
        "consulted_on_anonymised_data": "on",
        "resident_informed": "on",
    }
    assert client.post(url, {**base, **safeguards}).status_code == 302
    with inspecting():
        objection = Objection.objects.get()
    assert not objection.in_effect
    sign = reverse("cases:objection-countersign", args=[case.public_id, objection.public_id])
    assert client.post(sign).status_code == 404  # a consulent cannot sign
    assert login_as(people.teamleider).post(sign).status_code == 302
    with inspecting():
        objection.refresh_from_db()
    assert objection.in_effect and objection.countersigned_by == people.teamleider
    assert ProcessingRecord.objects.filter(name__startswith="objection.countersign [").exists()


def test_it_offers_no_involuntary_service_without_a_safety_risk(
    people: People, case: Case, login_as: Callable[..., Client]
) -> None:
    contact = _contact(people, case)
    response = login_as(people.consulent).post(
        reverse("cases:objection-add", args=[case.public_id, contact.public_id]),
        {"objection": "Nee", "raised_at": _when(), "option": "involuntary"},
    )
    assert 'id="id_option_error"' in response.content.decode()


def test_it_fills_in_whose_consent_the_engine_asks_for(
    people: People, login_as: Callable[..., Client]
) -> None:
    today = timezone.localdate()
    child = services.case_open(
        resident=people.anna,
        law="jeugdwet",
        consulent=people.consulent,
        birth_date=date(today.year - 8, 1, 1),
        actor=INTAKE,
    )
    services.involved_person_add(
        actor=people.consulent,
        case_id=child.public_id,
        role="legal_representative",
        name="Ilse Hendriks",
    )
    contact = _contact(
        people,
        child,
        counterparty="general_practitioner",
        action="collect",
        professional_secrecy=True,
    )
    page = (
        login_as(people.consulent)
        .get(reverse("cases:consent-add", args=[child.public_id, contact.public_id]))
        .content.decode()
    )
    assert '<option value="legal_representative" selected>' in page
    assert 'value="Ilse Hendriks"' in page
