"""The case worker records, from the resident's case, who legally represents them, with the
evidence seen, and ends it with a reason; the resident and the representative see it in the
portal, and the representative is told without personal data."""

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from regie.accounts.models import Resident, User
from regie.accounts.selectors import bsn_index
from regie.conftest import BSN_ANNA, BSN_BRAM, People, inspecting, log_in
from regie.portal.models import Message, MessageKind, Representation
from regie.portal.tests.conftest import Dossier
from regie.processing_log.models import ProcessingRecord

# A valid BSN (it passes the 11-check) of someone the municipality does not know yet.
BSN_NEW = "999990068"
EVIDENCE = "Uittreksel gezagsregister d.d. 2 november 2026"


def _dutch(message: str) -> str:
    with translation.override("nl"):
        return translation.gettext(message)


def _screen(dossier: Dossier) -> str:
    return reverse("portal:representations", args=[dossier.case.public_id])


def _record(client: Client, dossier: Dossier, **fields: str) -> str:
    data = {"bsn": BSN_NEW, "name": "Sanne de Wit", "basis": "curatele", "evidence": EVIDENCE}
    response = client.post(_screen(dossier), {**data, **fields}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_it_records_someone_not_known_yet_who_can_then_log_in_and_act(
    login_as, people: People, dossier: Dossier
) -> None:
    page = _record(login_as(people.consulent), dossier)

    assert "Sanne de Wit" in page and EVIDENCE in page
    with inspecting():
        sanne = Resident.objects.get(bsn_index=bsn_index(BSN_NEW))
        link = Representation.objects.get(represented=people.anna)
        assert link.representative_id == sanne.user_id and link.recorded_by == people.consulent
        assert EVIDENCE.encode() not in bytes(link.evidence_sealed)
        assert Message.objects.get(resident=sanne).kind == MessageKind.REPRESENTATION
    record = ProcessingRecord.objects.filter(name="portal.representation.record")
    assert set(record.values_list("data_subject_id", flat=True)) == {
        people.anna.subject_pseudonym,
        sanne.subject_pseudonym,
    }
    assert ProcessingRecord.objects.filter(
        name="resident.register", data_subject_id=sanne.subject_pseudonym
    ).exists()
    # Her first DigiD log-in finds the account the recording made.
    representative = User.objects.get(pk=sanne.user_id)
    home = log_in(Client(), representative).get(reverse("portal:home")).content.decode()
    assert "Anna Willems" in home


def test_it_tells_the_representative_by_e_mail_without_personal_data(
    login_as, people: People, dossier: Dossier, bram_user: User
) -> None:
    bram_user.email = "bram@example.org"
    bram_user.save(update_fields=["email"])

    _record(login_as(people.consulent), dossier, bsn=BSN_BRAM)

    [sent] = mail.outbox
    assert sent.to == ["bram@example.org"]
    for personal in ("Anna", "Willems", "Bram", BSN_ANNA, BSN_BRAM, "curatele", EVIDENCE):
        assert personal not in f"{sent.subject} {sent.body}"


def test_it_refuses_a_bsn_that_fails_the_11_check_on_the_field(
    login_as, people: People, dossier: Dossier
) -> None:
    page = _record(login_as(people.consulent), dossier, bsn="123456789")

    assert _dutch("This is not a valid BSN (it fails the 11-check).") in page
    assert "utrecht-form-field--invalid" in page
    with inspecting():
        assert not Representation.objects.exists()
        assert not Resident.objects.filter(bsn_index=bsn_index("123456789")).exists()


def test_it_refuses_the_resident_themselves_and_a_second_record(
    login_as, people: People, dossier: Dossier
) -> None:
    client = login_as(people.consulent)
    assert _dutch("Nobody represents themselves.") in _record(client, dossier, bsn=BSN_ANNA)
    _record(client, dossier)
    again = _record(client, dossier)
    assert _dutch("This person is already recorded as legal representative.") in again
    with inspecting():
        assert Representation.objects.count() == 1


def test_it_keeps_the_screen_from_a_case_worker_outside_the_caseload(
    login_as, people: People, dossier: Dossier
) -> None:
    client = login_as(people.other_consulent)

    assert client.get(_screen(dossier)).status_code == 404
    response = client.post(
        _screen(dossier), {"bsn": BSN_NEW, "basis": "curatele", "evidence": EVIDENCE}
    )

    assert response.status_code == 404
    with inspecting():
        assert not Representation.objects.exists()


def test_it_lets_the_team_leader_record_and_shows_the_link_on_the_case(
    login_as, people: People, dossier: Dossier
) -> None:
    client = login_as(people.teamleider)
    case_page = client.get(reverse("cases:detail", args=[dossier.case.public_id]))
    assert _screen(dossier) in case_page.content.decode()

    assert "Sanne de Wit" in _record(client, dossier)


def test_it_ends_after_a_confirmation_with_a_reason_and_keeps_the_history(
    login_as, people: People, dossier: Dossier
) -> None:
    client = login_as(people.consulent)
    _record(client, dossier)
    with inspecting():
        link = Representation.objects.get()
        sanne = Resident.objects.get(bsn_index=bsn_index(BSN_NEW))
    end = reverse("portal:representation-end", args=[dossier.case.public_id, link.public_id])

    assert client.get(end).status_code == 200
    refused = client.post(end, {"reason": " "}).content.decode()
    assert "utrecht-form-field--invalid" in refused
    page = client.post(end, {"reason": "Curatele opgeheven"}, follow=True).content.decode()

    assert _dutch("Ended representations") in page and "Curatele opgeheven" in page
    assert _dutch("Nobody is recorded as legal representative of this resident.") in page
    with inspecting():
        link.refresh_from_db()
        assert link.ended_at is not None and link.ended_by == people.consulent
        assert b"Curatele opgeheven" not in bytes(link.end_reason_sealed)
        assert Message.objects.filter(
            resident=sanne, kind=MessageKind.REPRESENTATION_ENDED
        ).exists()
    assert ProcessingRecord.objects.filter(
        name="portal.representation.end", data_subject_id=sanne.subject_pseudonym
    ).exists()
    # Ended is ended: the confirmation page of an ended representation is not there.
    assert client.get(end).status_code == 404


def test_it_shows_both_sides_in_the_portal(
    people: People, dossier: Dossier, bram_user: User
) -> None:
    log_in(Client(), people.consulent).post(
        _screen(dossier), {"bsn": BSN_BRAM, "basis": "mentorship", "evidence": EVIDENCE}
    )

    anna_page = log_in(Client(), people.anna_user).get(reverse("portal:representation"))
    anna = anna_page.content.decode()
    assert _dutch("Who acts for me") in anna and "Bram Hendriks" in anna and EVIDENCE in anna
    assert _dutch("You are not recorded as legal representative of anyone.") in anna

    bram = log_in(Client(), bram_user).get(reverse("portal:representation")).content.decode()
    assert _dutch("For whom I act") in bram and "Anna Willems" in bram
    assert _dutch("Nobody is recorded as your legal representative.") in bram
    # The evidence is about the represented person; the representative is not shown it.
    assert EVIDENCE not in bram
    assert people.consulent.get_full_name() not in anna + bram


def test_it_leads_the_representative_from_the_message_to_the_page(
    login_as, people: People, dossier: Dossier, bram_user: User
) -> None:
    _record(login_as(people.consulent), dossier, bsn=BSN_BRAM)
    with inspecting():
        message = Message.objects.get(kind=MessageKind.REPRESENTATION)

    opened = log_in(Client(), bram_user).post(reverse("portal:message", args=[message.public_id]))

    assert opened["Location"] == reverse("portal:representation")
