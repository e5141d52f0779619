"""A confidential (shelter) address: masked by default; seeing it needs a reason, the
password again and a team leader's approval, is logged, and alerts the privacy officer."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from regie.accounts import services as accounts_services
from regie.accounts.models import Role
from regie.cases import activities, selectors, services
from regie.cases.models import AddressReveal, Case
from regie.conftest import PASSWORD, People, inspecting
from regie.processing_log.models import ProcessingRecord

SHELTER = "Opvangweg 1"


def test_it_masks_a_confidential_address_everywhere(
    people: People, shelter_case: Case, login_as: Callable[..., Client]
) -> None:
    client = login_as(people.consulent)
    for url in (
        reverse("cases:caseload"),
        reverse("cases:detail", args=[shelter_case.public_id]),
        reverse("cases:reveal-request", args=[shelter_case.public_id]),
    ):
        assert SHELTER not in client.get(url).content.decode()
    view = selectors.case_detail(user=people.consulent, public_id=shelter_case.public_id)
    assert view.address == "" and view.address_confidential
    draft = selectors.consultation_draft(
        user=people.consulent, public_id=shelter_case.public_id, question=f"Is {SHELTER} veilig?"
    )
    assert SHELTER not in draft.text


def test_it_refuses_a_request_with_a_wrong_password(
    people: People, shelter_case: Case, login_as: Callable[..., Client]
) -> None:
    client = login_as(people.consulent)
    response = client.post(
        reverse("cases:reveal-request", args=[shelter_case.public_id]),
        {"reason": "Huisbezoek", "password": "wrong"},
    )
    assert response.status_code == 200
    assert 'id="id_password_error"' in response.content.decode()
    with inspecting():
        assert not AddressReveal.objects.exists()


def test_it_refuses_a_request_without_a_reason(people: People, shelter_case: Case) -> None:
    with pytest.raises(ValidationError) as error:
        services.address_reveal_request(
            actor=people.consulent, case_id=shelter_case.public_id, reason=" ", password=PASSWORD
        )
    assert "reason" in error.value.message_dict


def test_it_reveals_once_after_approval_and_alerts_the_privacy_officer(
    people: People,
    shelter_case: Case,
    login_as: Callable[..., Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    people.privacy_officer.email = "fg@lindendal.example"
    people.privacy_officer.save()
    consulent = login_as(people.consulent)
    consulent.post(
        reverse("cases:reveal-request", args=[shelter_case.public_id]),
        {"reason": "Huisbezoek voor het keukentafelgesprek", "password": PASSWORD},
    )
    with inspecting():
        reveal = AddressReveal.objects.get()
    open_url = reverse("cases:reveal-open", args=[reveal.public_id])
    # Not before a team leader approves.
    assert SHELTER not in consulent.post(open_url, follow=True).content.decode()

    [row] = selectors.reveals_to_decide(user=people.teamleider)
    assert row.reason == "Huisbezoek voor het keukentafelgesprek"
    teamleider = login_as(people.teamleider)
    teamleider.post(
        reverse("cases:reveal-decide", args=[reveal.public_id]), {"decision": "approve"}
    )

    consulent = login_as(people.consulent)
    with django_capture_on_commit_callbacks(execute=True):
        shown = consulent.post(open_url)
    assert SHELTER in shown.content.decode()
    assert SHELTER not in consulent.post(open_url, follow=True).content.decode()  # once only

    names = set(
        ProcessingRecord.objects.filter(activity_uri=activities.CONFIDENTIAL_ADDRESS).values_list(
            "name", flat=True
        )
    )
    assert {"address.reveal.request", "address.reveal.approve", "address.reveal"} <= names
    [alert] = mail.outbox
    assert alert.to == ["fg@lindendal.example"]
    for personal in (SHELTER, "Anna", "Willems", "Huisbezoek"):
        assert personal not in f"{alert.subject} {alert.body}"
    [supervised] = selectors.reveal_alerts(user=people.privacy_officer)
    assert supervised.revealed_at is not None and supervised.approved is True


def test_it_lets_only_a_team_leader_of_the_team_decide(
    people: People, shelter_case: Case, login_as: Callable[..., Client]
) -> None:
    reveal = services.address_reveal_request(
        actor=people.consulent, case_id=shelter_case.public_id, reason="Bezoek", password=PASSWORD
    )
    url = reverse("cases:reveal-decide", args=[reveal.public_id])
    assert login_as(people.consulent).post(url, {"decision": "approve"}).status_code == 404
    other_leader = accounts_services.staff_create(
        username="teamleider_jeugd", role=Role.TEAMLEIDER, team=people.other_team
    )
    with pytest.raises(selectors.NoSuchCase):
        services.address_reveal_decide(actor=other_leader, reveal_id=reveal.public_id, approve=True)
    assert selectors.reveals_to_decide(user=other_leader) == []


def test_it_locks_re_authentication_after_too_many_wrong_passwords(
    people: People, shelter_case: Case, settings: Any
) -> None:
    settings.REGIE_LOGIN_MAX_FAILURES = 2
    for _attempt in range(2):
        with pytest.raises(ValidationError):
            services.address_reveal_request(
                actor=people.consulent, case_id=shelter_case.public_id, reason="x", password="no"
            )
    with pytest.raises(ValidationError) as error:
        services.address_reveal_request(
            actor=people.consulent, case_id=shelter_case.public_id, reason="x", password=PASSWORD
        )
    assert "password" in error.value.message_dict
