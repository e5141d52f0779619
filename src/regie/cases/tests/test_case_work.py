"""A case worker works the cases of their caseload; every read and write is logged and the
free text is stored sealed."""

from collections.abc import Callable

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from regie.cases import activities, selectors, services
from regie.cases.models import Case, Note
from regie.conftest import INTAKE, People, inspecting
from regie.core.gate import UngatedAccess
from regie.processing_log.models import ProcessingRecord
from regie.testing.pages import en
from regie.vault.services import Shredded, resident_shred, text_open


def _records(name: str) -> list[ProcessingRecord]:
    return list(ProcessingRecord.objects.filter(name=name))


def test_it_lists_the_cases_of_the_caseload(
    people: People, case: Case, login_as: Callable[..., Client]
) -> None:
    page = login_as(people.consulent).get(reverse("cases:caseload"))
    assert "Anna Willems" in page.content.decode()
    [record] = _records("case.list")
    assert record.data_subject_id == people.anna.subject_pseudonym
    assert record.activity_uri == activities.CASE_WORK


def test_it_shows_an_empty_caseload_without_logging_anything(
    people: People, login_as: Callable[..., Client]
) -> None:
    client = login_as(people.consulent)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("cases:caseload"))
    assert en("There are no cases in your caseload yet.")[:30] in page.content.decode()
    assert _records("case.list") == []


def test_it_shows_a_team_leader_the_cases_of_the_team(people: People, case: Case) -> None:
    rows = selectors.caseload(user=people.teamleider)
    assert [row.public_id for row in rows] == [case.public_id]


def test_it_logs_reading_a_case_with_the_resident_as_subject(
    people: People, case: Case, login_as: Callable[..., Client]
) -> None:
    response = login_as(people.consulent).get(reverse("cases:detail", args=[case.public_id]))
    assert response.status_code == 200
    assert "Lindenlaan 12" in response.content.decode()
    [record] = _records("case.read")
    assert record.data_subject_id == people.anna.subject_pseudonym
    assert record.actor_id == str(people.consulent.public_id)


def test_it_hides_a_case_from_a_consulent_outside_the_caseload(
    people: People, case: Case, login_as: Callable[..., Client]
) -> None:
    client = login_as(people.other_consulent)
    assert client.get(reverse("cases:detail", args=[case.public_id])).status_code == 404
    assert client.get(reverse("cases:note-add", args=[case.public_id])).status_code == 404
    with pytest.raises(selectors.NoSuchCase):
        services.note_add(actor=people.other_consulent, case_id=case.public_id, text="x")
    assert _records("case.read") == _records("case.note.add") == []


def test_it_stores_a_note_only_sealed(people: People, case: Case) -> None:
    services.note_add(
        actor=people.consulent, case_id=case.public_id, text="Valt vaak, trap is een risico"
    )
    with inspecting():
        note = Note.objects.get()
    assert b"trap is een risico" not in bytes(note.text_sealed)
    view = selectors.case_detail(user=people.consulent, public_id=case.public_id)
    assert [entry.text for entry in view.notes] == ["Valt vaak, trap is een risico"]
    [record] = _records("case.note.add")
    assert record.data_subject_id == people.anna.subject_pseudonym


def test_it_refuses_to_read_a_case_outside_the_gate(case: Case) -> None:
    with pytest.raises(UngatedAccess):
        Case.objects.count()


def test_it_puts_a_bad_note_on_the_field(
    people: People, case: Case, login_as: Callable[..., Client]
) -> None:
    client = login_as(people.consulent)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("cases:note-add", args=[case.public_id]), {"text": "   "})
    assert response.status_code == 200
    assert en("This field is required.") in response.content.decode()
    with inspecting():
        assert not Note.objects.exists()


def test_it_records_decisions_involved_people_and_status(
    people: People, case: Case, login_as: Callable[..., Client]
) -> None:
    client = login_as(people.consulent)
    url = reverse("cases:decision-add", args=[case.public_id])
    assert (
        client.post(
            url, {"outcome": "granted", "decided_on": "2026-01-05", "text": "Huishoudelijke hulp"}
        ).status_code
        == 302
    )
    url = reverse("cases:involved-add", args=[case.public_id])
    assert (
        client.post(
            url, {"role": "mentor", "name": "Cor van Dijk", "contact": "06-12345678"}
        ).status_code
        == 302
    )
    url = reverse("cases:status", args=[case.public_id])
    assert client.post(url, {"status": "support"}).status_code == 302
    view = selectors.case_detail(user=people.consulent, public_id=case.public_id)
    assert [d.text for d in view.decisions] == ["Huishoudelijke hulp"]
    assert [(p.text, p.extra["contact"]) for p in view.involved] == [
        ("Cor van Dijk", "06-12345678")
    ]
    assert view.case.status == "support"
    assert len(_records("case.decision.add")) == len(_records("case.involved.add")) == 1


def test_it_refuses_a_decision_dated_in_the_future(people: People, case: Case) -> None:
    with pytest.raises(ValidationError) as error:
        services.decision_add(
            actor=people.consulent,
            case_id=case.public_id,
            outcome="granted",
            decided_on=__import__("datetime").date(2999, 1, 1),
            text="x",
        )
    assert "decided_on" in error.value.message_dict


def test_it_refuses_a_case_for_someone_who_is_not_a_consulent(people: People) -> None:
    with pytest.raises(ValidationError) as error:
        services.case_open(
            resident=people.anna,
            law="wmo",
            consulent=people.teamleider,
            birth_date=__import__("datetime").date(1990, 1, 1),
            actor=INTAKE,
        )
    assert "consulent" in error.value.message_dict


def test_it_shows_a_team_leader_the_case_without_the_case_workers_actions(
    people: People, case: Case, login_as: Callable[..., Client]
) -> None:
    page = login_as(people.teamleider).get(reverse("cases:detail", args=[case.public_id]))
    assert page.status_code == 200
    assert reverse("cases:note-add", args=[case.public_id]) not in page.content.decode()
    consulent_page = login_as(people.consulent).get(reverse("cases:detail", args=[case.public_id]))
    assert reverse("cases:note-add", args=[case.public_id]) in consulent_page.content.decode()


def test_it_cannot_read_a_note_once_the_residents_key_is_shredded(
    people: People, case: Case
) -> None:
    services.note_add(actor=people.consulent, case_id=case.public_id, text="Geheim")
    resident_shred(resident=people.anna, reason="test: right to erasure", actor=INTAKE)
    with inspecting():
        note = Note.objects.get()
        with pytest.raises(Shredded):
            text_open(resident_id=people.anna.pk, blob=bytes(note.text_sealed), context="case.note")
