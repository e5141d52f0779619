"""Recording specific consent: only where the engine asks for it, from whom it asks, with the
decision and its rule ids kept with the record and named in the processing log."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from regie.conftest import People, inspecting
from regie.core.gate import UngatedAccess
from regie.lawfulness import activities, services
from regie.lawfulness.models import Consent, Objection, TransparencyNotice
from regie.lawfulness.selectors import consents_for, opened
from regie.lawfulness.tests.records import log_names, scenario
from regie.processing_log.models import ProcessingRecord


def _record(people: People, **changes):
    now = timezone.now()
    arguments: dict[str, Any] = {
        "resident": people.anna,
        "scenario": scenario(),
        "data": "Verslag van de jeugdconsulent over de thuissituatie",
        "given_by": "resident",
        "method": "in_person",
        "given_at": now - timedelta(minutes=5),
        "valid_until": now + timedelta(days=90),
        "recorded_by": people.consulent,
        "reference": "WMO-2026-0042",
    }
    arguments.update(changes)
    return services.consent_record(**arguments)


def test_it_records_consent_with_the_engines_decision(people: People):
    consent = _record(people)

    assert consent.purpose == "support_assessment"
    assert consent.recipient == "jeugdwet_records"
    assert consent.decision["outcome"] == "consent_required"
    assert "wmo.consent.other_law_data" in consent.rule_ids
    assert consent.scenario["counterparty"] == "jeugdwet_records"
    assert "Wmo 2015" in consent.legal_source
    [listed] = consents_for(people.anna, actor=people.consulent)
    assert listed == consent
    assert opened(listed)["data"].startswith("Verslag van de jeugdconsulent")


def test_it_names_the_rule_ids_in_the_processing_log(people: People):
    _record(people)

    [name] = log_names(people.anna, "consent.record")
    assert "wmo.consent.other_law_data" in name
    assert "consent.from_resident" in name
    record = ProcessingRecord.objects.get(name=name)
    assert record.activity_uri == activities.CONSENT
    assert record.actor_id == str(people.consulent.public_id)


def test_it_keeps_the_description_of_the_data_sealed(people: People):
    consent = _record(people)

    with inspecting():
        stored = Consent.objects.get(pk=consent.pk)
    assert b"jeugdconsulent" not in bytes(stored.data_sealed)


def test_it_refuses_consent_where_none_is_needed(people: People):
    with pytest.raises(ValidationError) as caught:
        _record(people, scenario=scenario(counterparty="ciz"))

    assert "scenario" in caught.value.message_dict
    assert log_names(people.anna, "consent.record") == []


def test_it_refuses_consent_the_resident_refused(people: People):
    with pytest.raises(ValidationError) as caught:
        _record(people, scenario=scenario(objection=True))

    assert "scenario" in caught.value.message_dict


def test_it_refuses_consent_for_what_is_not_necessary(people: People):
    with pytest.raises(ValidationError) as caught:
        _record(people, scenario=scenario(necessary=False, general_consent_on_file=True))

    assert "scenario" in caught.value.message_dict


def test_it_wants_the_legal_representative_for_a_child(people: People):
    child = scenario(subject_age=10)

    with pytest.raises(ValidationError) as caught:
        _record(people, scenario=child)
    assert "given_by" in caught.value.message_dict

    with pytest.raises(ValidationError) as unnamed:
        _record(people, scenario=child, given_by="legal_representative")
    assert "representative" in unnamed.value.message_dict

    consent = _record(
        people, scenario=child, given_by="legal_representative", representative="M. Willems"
    )
    assert consent.given_by == "legal_representative"
    assert opened(consent)["representative"] == "M. Willems"
    assert "consent.representative.under_12" in consent.rule_ids


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"data": "  "}, "data"),
        ({"method": "telepathy"}, "method"),
        ({"valid_until": timezone.now() - timedelta(days=1)}, "valid_until"),
        ({"given_at": timezone.now() + timedelta(days=1)}, "given_at"),
    ],
)
def test_it_names_the_field_of_bad_input_and_writes_nothing(people: People, changes, field):
    with pytest.raises(ValidationError) as caught:
        _record(people, **changes)

    assert field in caught.value.message_dict
    with inspecting():
        assert Consent.objects.count() == 0


def test_it_keeps_every_record_behind_the_gate(people: People):
    for model in (Consent, TransparencyNotice, Objection):
        with pytest.raises(UngatedAccess):
            model.objects.count()
