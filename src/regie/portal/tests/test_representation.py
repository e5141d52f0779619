"""A legal representative logs in with their own DigiD and acts for the minor or ward they
represent, and only them; everything they do is logged as theirs."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from regie.accounts.models import User
from regie.conftest import INTAKE, People, log_in
from regie.portal import services
from regie.portal.models import Basis
from regie.portal.tests.conftest import Dossier
from regie.processing_log.models import ProcessingRecord


def test_it_lets_a_representative_act_for_the_represented(
    people: People, dossier: Dossier, bram_user: User
) -> None:
    services.representation_record(
        actor=INTAKE, represented=people.anna, representative=bram_user, basis=Basis.CURATELE
    )
    client = log_in(Client(), bram_user)
    assert (
        client.post(reverse("portal:act-for"), {"person": str(people.anna.public_id)}).status_code
        == 302
    )
    page = client.get(reverse("portal:case", args=[dossier.case.public_id])).content.decode()
    assert "Beschikking Wmo" in page
    client.post(
        reverse("portal:consent-request", args=[dossier.request.public_id]), {"answer": "refuse"}
    )
    record = ProcessingRecord.objects.get(name="portal.consent.refuse")
    assert record.actor_id == str(bram_user.public_id)
    assert record.data_subject_id == people.anna.subject_pseudonym


def test_it_ends_with_the_representation(people: People, dossier: Dossier, bram_user: User) -> None:
    link = services.representation_record(
        actor=INTAKE, represented=people.anna, representative=bram_user, basis=Basis.MENTORSHIP
    )
    client = log_in(Client(), bram_user)
    client.post(reverse("portal:act-for"), {"person": str(people.anna.public_id)})
    from django.utils import timezone

    from regie.conftest import inspecting

    with inspecting():
        type(link).objects.filter(pk=link.pk).update(ended_at=timezone.now())
    assert client.get(reverse("portal:cases")).status_code == 404


def test_it_refuses_a_staff_member_as_representative(people: People) -> None:
    with pytest.raises(ValidationError) as refused:
        services.representation_record(
            actor=INTAKE,
            represented=people.anna,
            representative=people.consulent,
            basis=Basis.PARENTAL_AUTHORITY,
        )
    assert "representative" in refused.value.message_dict


def test_it_gives_a_representative_the_copy_of_the_represented(
    people: People, dossier: Dossier, bram_user: User
) -> None:
    services.representation_record(
        actor=INTAKE, represented=people.anna, representative=bram_user, basis=Basis.CURATELE
    )
    client = log_in(Client(), bram_user)
    client.post(reverse("portal:act-for"), {"person": str(people.anna.public_id)})
    answer = client.post(reverse("portal:copy"))
    assert answer.status_code == 200 and answer["Content-Type"] == "application/zip"
    record = ProcessingRecord.objects.get(name="portal.copy")
    assert record.actor_id == str(bram_user.public_id)
