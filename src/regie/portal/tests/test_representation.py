"""A legal representative logs in with their own DigiD and acts for the minor or ward they
represent, and only them, for as long as the representation lasts; everything they do is
logged as theirs."""

from django.test import Client
from django.urls import reverse

from regie.accounts.models import User
from regie.conftest import BSN_BRAM, People, log_in
from regie.portal import services
from regie.portal.models import Basis, Representation
from regie.portal.tests.conftest import Dossier
from regie.processing_log.models import ProcessingRecord


def represent(people: People, dossier: Dossier, basis: Basis = Basis.CURATELE) -> Representation:
    """Bram is recorded, from Anna's case, as her legal representative."""
    return services.representation_record(
        actor=people.consulent,
        case_id=dossier.case.public_id,
        bsn=BSN_BRAM,
        basis=basis,
        evidence="Beschikking rechtbank Lindendal d.d. 1 oktober 2026",
    )


def test_it_lets_a_representative_act_for_the_represented(
    people: People, dossier: Dossier, bram_user: User
) -> None:
    represent(people, dossier)
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
    link = represent(people, dossier, Basis.MENTORSHIP)
    client = log_in(Client(), bram_user)
    client.post(reverse("portal:act-for"), {"person": str(people.anna.public_id)})
    assert client.get(reverse("portal:cases")).status_code == 200

    services.representation_end(
        actor=people.consulent,
        case_id=dossier.case.public_id,
        representation_id=link.public_id,
        reason="Mentorschap opgeheven door de rechtbank",
    )

    assert client.get(reverse("portal:cases")).status_code == 404


def test_it_gives_a_representative_the_copy_of_the_represented(
    people: People, dossier: Dossier, bram_user: User
) -> None:
    represent(people, dossier)
    client = log_in(Client(), bram_user)
    client.post(reverse("portal:act-for"), {"person": str(people.anna.public_id)})
    answer = client.post(reverse("portal:copy"))
    assert answer.status_code == 200 and answer["Content-Type"] == "application/zip"
    records = ProcessingRecord.objects.filter(name="portal.copy")
    assert {r.actor_id for r in records} == {str(bram_user.public_id)}
    # The copy names Anna's representative (Bram himself): his data is processed too.
    assert {r.data_subject_id for r in records} == {
        people.anna.subject_pseudonym,
        people.bram.subject_pseudonym,
    }
