"""The caseload rules of the one access decision cover a case and what is recorded in it."""

from regie.accounts import services as accounts_services
from regie.accounts.access import Action, decide, may
from regie.accounts.models import Role
from regie.cases import services
from regie.cases.models import Case, Note
from regie.conftest import People, inspecting


def test_it_applies_the_caseload_rules_to_a_case_and_its_notes(people: People, case: Case) -> None:
    services.note_add(actor=people.consulent, case_id=case.public_id, text="x")
    other_leader = accounts_services.staff_create(
        username="teamleider_jeugd", role=Role.TEAMLEIDER, team=people.other_team
    )
    with inspecting():
        note = Note.objects.select_related("case__resident").get()
        for obj in (case, note):
            assert may(people.consulent, Action.CASE_WORK, obj, in_service=True)
            assert may(people.teamleider, Action.CASE_VIEW, obj, in_service=True)
            assert not may(people.teamleider, Action.CASE_WORK, obj, in_service=True)
            assert not may(people.other_consulent, Action.CASE_VIEW, obj, in_service=True)
            assert not may(other_leader, Action.CASE_VIEW, obj, in_service=True)
            assert not may(people.privacy_officer, Action.CASE_VIEW, obj, in_service=True)


def test_it_keeps_the_second_factor_check_outside_services(people: People, case: Case) -> None:
    with inspecting():
        case = Case.objects.select_related("resident").get()
    refused = decide(people.consulent, Action.CASE_VIEW, case)
    assert not refused.allowed and refused.reason == "second factor missing"
    assert decide(people.consulent, Action.CASE_VIEW, case, in_service=True).allowed
