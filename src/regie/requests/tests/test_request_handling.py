"""A rights request from receipt to closing: identity, handler, extension, decision with its
letter; every read and write logged for the resident; bad steps refused."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from regie.conftest import BSN_ANNA, INTAKE, People, inspecting
from regie.core.gate import UngatedAccess
from regie.lawfulness.services import consent_record
from regie.lawfulness.tests.records import scenario
from regie.processing_log.models import ProcessingRecord
from regie.requests import selectors, services
from regie.requests.activities import HANDLE_RIGHTS_REQUEST
from regie.requests.models import Channel, Decision, Kind, RightsRequest, Status
from regie.vault.services import resident_shred

pytestmark = pytest.mark.django_db


def _letter_request(people: People, **fields: object) -> RightsRequest:
    values: dict[str, object] = {
        "bsn": BSN_ANNA,
        "kind": Kind.ACCESS,
        "channel": Channel.LETTER,
        "details": "Ik wil weten welke gegevens de gemeente van mij heeft.",
        "received_on": timezone.localdate(),
        "actor": people.privacy_officer,
        **fields,
    }
    return services.request_file_for_bsn(**values)  # type: ignore[arg-type]


def _detail(people: People, request: RightsRequest) -> selectors.Detail:
    detail = selectors.request_detail(public_id=request.public_id, actor=people.privacy_officer)
    assert detail is not None
    return detail


def test_it_handles_a_request_from_letter_to_closed(people: People) -> None:
    officer = people.privacy_officer
    filed = _letter_request(people)
    request = _detail(people, filed).request

    services.request_identity_check(request=request, method="Kopie paspoort", actor=officer)
    services.request_assign(request=request, handler=officer, actor=officer)
    with pytest.raises(ValidationError):
        services.request_close(request=request, actor=officer)
    services.request_decide(
        request=request,
        decision=Decision.GRANTED,
        letter="Bijgaand vindt u een overzicht van uw gegevens.",
        actor=officer,
    )
    services.request_close(request=request, actor=officer)

    detail = _detail(people, filed)
    assert detail.request.status == Status.CLOSED
    assert detail.letter.startswith("Bijgaand")
    assert detail.resident_name == "Anna Willems"
    with inspecting():
        records = ProcessingRecord.objects.filter(activity_uri=HANDLE_RIGHTS_REQUEST)
        assert {r.data_subject_id for r in records} == {people.anna.subject_pseudonym}
        assert {
            "rights_request.file",
            "rights_request.identity",
            "rights_request.decide",
            "rights_request.close",
            "rights_request.read",
        } <= set(records.values_list("name", flat=True))


def test_it_keeps_the_request_text_sealed_and_the_model_gated(people: People) -> None:
    _letter_request(people)

    with pytest.raises(UngatedAccess):
        RightsRequest.objects.count()
    with inspecting():
        stored = RightsRequest.objects.get()
    assert b"gegevens" not in bytes(stored.details_sealed)


def test_it_sets_the_deadline_one_month_after_receipt(people: People) -> None:
    request = _letter_request(people, received_on=date(2026, 1, 31))

    assert request.deadline == date(2026, 2, 28)
    assert request.due_on == request.deadline


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"bsn": "123456789"}, "bsn"),
        ({"bsn": "999990044"}, "bsn"),  # valid, but not a known resident
        ({"received_on": timezone.localdate() + timedelta(days=1)}, "received_on"),
        ({"details": "  "}, "details"),
        ({"channel": Channel.PORTAL}, "channel"),
    ],
)
def test_it_refuses_a_bad_request_on_the_field(
    people: People, fields: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as refusal:
        _letter_request(people, **fields)

    assert field in refusal.value.message_dict
    with inspecting():
        assert not RightsRequest.objects.exists()


def test_it_extends_once_with_a_reason_told_within_the_month(people: People) -> None:
    officer = people.privacy_officer
    request = _detail(people, _letter_request(people)).request
    today = timezone.localdate()

    with pytest.raises(ValidationError) as refusal:
        services.request_extend(request=request, months=2, reason="", told_on=today, actor=officer)
    assert "reason" in refusal.value.message_dict

    services.request_extend(
        request=request, months=2, reason="Veel dossiers", told_on=today, actor=officer
    )
    request = _detail(people, request).request
    assert request.extended_until is not None
    assert request.due_on == request.extended_until > request.deadline
    with pytest.raises(ValidationError):
        services.request_extend(
            request=request, months=1, reason="Nog eens", told_on=today, actor=officer
        )


def test_it_refuses_an_extension_after_the_first_month(people: People) -> None:
    received = timezone.localdate() - timedelta(days=40)
    request = _detail(people, _letter_request(people, received_on=received)).request

    with pytest.raises(ValidationError):
        services.request_extend(
            request=request,
            months=1,
            reason="Te laat bedacht",
            told_on=timezone.localdate(),
            actor=people.privacy_officer,
        )


def test_it_refuses_a_decision_before_the_identity_check(people: People) -> None:
    request = _detail(people, _letter_request(people)).request

    with pytest.raises(ValidationError):
        services.request_decide(
            request=request, decision=Decision.REFUSED, letter="Nee.", actor=people.privacy_officer
        )
    with pytest.raises(ValidationError) as refusal:
        services.request_decide(
            request=request, decision=Decision.REFUSED, letter=" ", actor=people.privacy_officer
        )
    assert "letter" in refusal.value.message_dict


def test_it_lets_the_portal_file_a_request_as_the_resident(people: People) -> None:
    request = services.request_file(
        resident=people.anna,
        kind=Kind.RECTIFICATION,
        channel=Channel.PORTAL,
        details="Mijn telefoonnummer klopt niet.",
        actor=people.anna_user,
    )

    assert request.registered_by is None
    with pytest.raises(ValidationError):
        services.request_file(
            resident=people.bram,
            kind=Kind.ACCESS,
            channel=Channel.PORTAL,
            details="Iemand anders",
            actor=people.anna_user,
        )
    with inspecting():
        record = ProcessingRecord.objects.get(name="rights_request.file")
    assert record.actor_kind == "resident"


def test_it_produces_the_residents_data_for_an_access_request(people: People) -> None:
    now = timezone.now()
    consent_record(
        resident=people.anna,
        scenario=scenario(),
        data="Verslag van de jeugdconsulent",
        given_by="resident",
        method="in_person",
        given_at=now - timedelta(minutes=5),
        valid_until=now + timedelta(days=90),
        recorded_by=people.consulent,
    )
    request = _detail(people, _letter_request(people)).request

    overview = selectors.access_overview(request=request, actor=people.privacy_officer)

    assert overview["name"] == "Anna Willems"
    assert [item["reference"] for item in overview["requests"]] == [request.reference]
    assert [c["valid_until"] for c in overview["consents"]] == [now + timedelta(days=90)]
    assert overview["objections"] == [] and overview["notices"] == []
    assert overview["processing"], "the registration at least is in the log"
    with inspecting():
        names = set(
            ProcessingRecord.objects.filter(
                actor_id=str(people.privacy_officer.public_id)
            ).values_list("name", flat=True)
        )
    assert {"rights_request.access_overview", "consent.list", "processing_log.read"} <= names


def test_it_cannot_read_the_request_text_once_the_residents_key_is_shredded(
    people: People, settings, tmp_path, django_capture_on_commit_callbacks
) -> None:
    settings.REGIE_SHRED_JOURNAL = tmp_path / "shredding.jsonl"
    request = _letter_request(people)
    assert _detail(people, request).details.startswith("Ik wil weten")

    with django_capture_on_commit_callbacks(execute=True):
        resident_shred(resident=people.anna, reason="einde bewaartermijn", actor=INTAKE)

    detail = _detail(people, request)
    assert detail.details == ""
    assert detail.request.reference == request.reference
